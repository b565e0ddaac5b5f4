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

    /// <summary>Opens a file (decompressing .gz) as a stream of its bytes.</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return IsGzip(path) ? new CountingStream(new GZipStream(file, CompressionMode.Decompress)) : file;
    }

    /// <summary>Whether the file is read through gzip.</summary>
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

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
