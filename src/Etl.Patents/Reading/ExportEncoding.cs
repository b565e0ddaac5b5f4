using System.IO.Compression;
using System.Text;

namespace Etl.Patents.Reading;

/// <summary>How an export is encoded and how that was found.</summary>
/// <param name="Encoding">A strict decoder for the text fields (throws on invalid bytes).</param>
/// <param name="Name">utf-8 or gb18030.</param>
/// <param name="Evidence">bom or sniffed.</param>
/// <param name="Preamble">Bytes of a byte-order mark to skip.</param>
public sealed record ExportEncoding(Encoding Encoding, string Name, string Evidence, int Preamble)
{
    /// <summary>Bytes sampled to decide.</summary>
    public const int SampleBytes = 1 << 16;

    private static readonly Encoding s_utf8 = new UTF8Encoding(false, true);

    private static readonly Encoding s_gb18030 = Etl.Domain.Text.ChineseEncodings.StrictGb18030;

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
    /// Decides from the first <see cref="SampleBytes"/>: a UTF-8 byte-order mark, else valid UTF-8, else
    /// valid GB18030; null when the sample is neither. Only the sample is checked here: every text field is
    /// decoded strictly later, so bad bytes further on reject their row instead of passing as mojibake.
    /// </summary>
    public static ExportEncoding? Detect(string path)
    {
        var sample = new byte[SampleBytes];
        int n;
        using (var s = Open(path)) n = s.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var bytes = sample.AsSpan(0, n);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new ExportEncoding(s_utf8, "utf-8", "bom", 3);
        // The sample may end inside a character: cut back to the last line break.
        var cut = n == sample.Length ? bytes.LastIndexOf((byte)'\n') + 1 : n;
        var whole = bytes[..Math.Max(cut, 0)];
        if (Valid(s_utf8, whole)) return new ExportEncoding(s_utf8, "utf-8", "sniffed", 0);
        if (Valid(s_gb18030, whole)) return new ExportEncoding(s_gb18030, "gb18030", "sniffed", 0);
        return null;
    }

    private static bool Valid(Encoding e, ReadOnlySpan<byte> bytes)
    {
        try
        {
            e.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
