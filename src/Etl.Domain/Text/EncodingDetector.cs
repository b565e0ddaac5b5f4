using System.Text;

namespace Etl.Domain.Text;

/// <summary>An encoding found for some bytes, and how it was found.</summary>
/// <param name="Encoding">A strict decoder: it throws <see cref="DecoderFallbackException"/> on invalid bytes.</param>
/// <param name="Name">utf-8, gb18030, utf-16, or the declared label of another encoding.</param>
/// <param name="Evidence">bom, declared, sniffed, or <c>declared X overridden</c> when a declaration was wrong.</param>
/// <param name="Preamble">Bytes of a byte-order mark to skip.</param>
public sealed record DetectedEncoding(Encoding Encoding, string Name, string Evidence, int Preamble)
{
    /// <summary>Whether this is GB18030 (which covers GB2312 and GBK).</summary>
    public bool IsGb18030 => Name == "gb18030";

    /// <summary>How an outcome reports it: <c>gb18030 (declared)</c>.</summary>
    public override string ToString() => $"{Name} ({Evidence})";
}

/// <summary>Text whose bytes are valid in no encoding the project reads.</summary>
public sealed class TextEncodingException(string message) : Exception(message);

/// <summary>
/// The one place an encoding is decided, for pages, CSV exports and text tables alike. Order, as browsers
/// do (WHATWG): a byte-order mark wins; then an encoding the source declares (a meta charset), if the bytes
/// are valid in it; then strict UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GB2312 and
/// GBK, the encoding of Chinese Windows and many government sites). Decoding is always strict, so garbled
/// text never reaches a parser as replacement characters.
/// </summary>
public static class EncodingDetector
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(false, true);

    /// <summary>Strict UTF-8.</summary>
    public static Encoding StrictUtf8 => s_utf8;

    /// <summary>
    /// The encoding of <paramref name="sample"/>, the first bytes of a source (all of it when
    /// <paramref name="complete"/>), or null when they are valid in none. A sample cut off mid-file is cut back
    /// to its last line break, so a character split by the cut does not fail the check.
    /// </summary>
    /// <param name="sample">The bytes.</param>
    /// <param name="complete">Whether the sample is the whole source.</param>
    /// <param name="declared">The label the source declares, if any.</param>
    /// <param name="declaredBy">What declared it, for the evidence (<c>meta</c> for a page).</param>
    public static DetectedEncoding? Detect(ReadOnlySpan<byte> sample, bool complete, string? declared = null, string declaredBy = "declared")
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new DetectedEncoding(s_utf8, "utf-8", "bom", 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new DetectedEncoding(new UnicodeEncoding(false, false, true), "utf-16", "bom", 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new DetectedEncoding(new UnicodeEncoding(true, false, true), "utf-16", "bom", 2);
        var whole = complete ? sample : sample[..Math.Max(sample.LastIndexOf((byte)'\n') + 1, 0)];

        var target = declared is null ? null : FromLabel(declared);
        if (target is not null && IsValid(target.Value.Encoding, whole)) return new DetectedEncoding(target.Value.Encoding, target.Value.Name, declaredBy, 0);
        var evidence = declared is null ? "sniffed" : $"{declaredBy} {declared.ToLowerInvariant()} overridden";
        if (IsValid(s_utf8, whole)) return new DetectedEncoding(s_utf8, "utf-8", evidence, 0);
        if (IsValid(ChineseEncodings.StrictGb18030, whole)) return new DetectedEncoding(ChineseEncodings.StrictGb18030, "gb18030", evidence, 0);
        return null;
    }

    /// <summary>Decodes a whole source; throws <see cref="TextEncodingException"/> when no encoding fits.</summary>
    public static (string Text, DetectedEncoding Encoding) Decode(ReadOnlySpan<byte> bytes, string? declared = null, string declaredBy = "declared")
    {
        var found = Detect(bytes, complete: true, declared, declaredBy)
                    ?? throw new TextEncodingException(declared is null
                        ? "the bytes are neither valid UTF-8 nor valid GB18030"
                        : $"the source declares {declared}, and its bytes are neither that, nor UTF-8, nor GB18030");
        try
        {
            return (found.Encoding.GetString(bytes[found.Preamble..]), found);
        }
        catch (DecoderFallbackException)
        {
            throw new TextEncodingException($"the source starts with a {found.Name} byte-order mark but holds invalid {found.Name}");
        }
    }

    /// <summary>
    /// A strict encoding for a declared label (utf-8, gb2312, gbk, big5, ...), or null when the label is unknown.
    /// GB2312 and GBK labels read as GB18030, their superset, as browsers do.
    /// </summary>
    public static (Encoding Encoding, string Name)? FromLabel(string label)
    {
        var l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (l)
        {
            case "utf-8" or "utf8": return (s_utf8, "utf-8");
            case "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "windows-936" or "euc-cn" or "gb_2312-80": return (ChineseEncodings.StrictGb18030, "gb18030");
        }
        _ = ChineseEncodings.Gb18030; // registers the code pages, so legacy labels (big5, ...) resolve
        try
        {
            return (Encoding.GetEncoding(l, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), l);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="bytes"/> decode in <paramref name="encoding"/> without an error.</summary>
    public static bool IsValid(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding.CodePage == 65001) return System.Text.Unicode.Utf8.IsValid(bytes);
        try
        {
            encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
