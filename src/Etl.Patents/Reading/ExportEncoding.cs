using System.IO.Compression;
using Etl.Domain.Text;

namespace Etl.Patents.Reading;

/// <summary>
/// Opening an export (through gzip when it is compressed) and finding its encoding from its first bytes with
/// the shared <see cref="EncodingDetector"/>.
/// </summary>
public static class ExportEncoding
{
    /// <summary>Bytes sampled to decide.</summary>
    public const int SampleBytes = 1 << 16;

    /// <summary>Opens a file as a stream of its text's bytes, through gzip when its bytes are gzip (whatever its name).</summary>
    public static Stream Open(string path)
    {
        var gzip = IsGzip(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return gzip ? new CountingStream(new GZipStream(file, CompressionMode.Decompress)) : file;
    }

    /// <summary>Whether the file's bytes are a gzip stream (the magic number 1F 8B), whatever its name says.</summary>
    public static bool IsGzip(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return f.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>What the name says that the bytes do not (a plain CSV named .gz, a gzip stream named .csv), or "".</summary>
    public static string NameMismatch(string path)
    {
        var named = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var gzip = IsGzip(path);
        return named == gzip ? "" : gzip ? "gzip bytes under a name without .gz: decompressed" : "named .gz but not gzip: read as plain text";
    }

    /// <summary>
    /// Whether a gzip file was read to its proper end. .NET's decompressor stops quietly at the end of a
    /// truncated file, so the size in the trailer (ISIZE, the uncompressed length modulo 2^32) is compared with
    /// the bytes that came out. (A file of several concatenated members carries the last member's size only;
    /// exporters write one member.)
    /// </summary>
    public static bool GzipComplete(string path, long decompressed)
    {
        using var f = File.OpenRead(path);
        if (f.Length < 18) return false;
        f.Seek(-4, SeekOrigin.End);
        Span<byte> trailer = stackalloc byte[4];
        f.ReadExactly(trailer);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer) == (uint)decompressed;
    }

    /// <summary>
    /// Decides from the first <see cref="SampleBytes"/> (see <see cref="EncodingDetector"/>); null when the sample
    /// is valid in no encoding. Only the sample is checked here: every text field is decoded strictly later, so
    /// bad bytes further on reject their row instead of passing as mojibake.
    /// </summary>
    public static DetectedEncoding? Detect(string path)
    {
        var sample = new byte[SampleBytes];
        int n;
        using (var s = Open(path)) n = s.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        return EncodingDetector.Detect(sample.AsSpan(0, n), complete: n < sample.Length);
    }
}
