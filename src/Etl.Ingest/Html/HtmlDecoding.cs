using System.Text;
using System.Text.RegularExpressions;

namespace Etl.Ingest.Bulletins;

/// <summary>The text of a page and how its encoding was determined.</summary>
/// <param name="Text">Decoded text.</param>
/// <param name="Encoding">Encoding name: utf-8, gb18030, utf-16.</param>
/// <param name="Evidence">bom, meta, sniffed, or <c>meta overridden</c> when the declaration was wrong.</param>
public sealed record DecodedPage(string Text, string Encoding, string Evidence);

/// <summary>A page whose bytes decode in no supported encoding without errors.</summary>
public sealed class PageEncodingException(string message) : Exception(message);

/// <summary>
/// Decodes bulletin pages. Order (as browsers do, WHATWG): a byte-order mark wins; then a charset declared
/// in a meta element within the first 4 KiB; without either, strict UTF-8 if the bytes are valid UTF-8,
/// else GB18030 (which covers GB2312 and GBK). A declaration that the bytes contradict (declared UTF-8, bytes
/// not UTF-8) is overridden by sniffing and said so. Decoding is strict: invalid byte sequences fail instead
/// of turning into replacement characters, so garbled text never reaches the extractor.
/// </summary>
public static partial class HtmlDecoding
{
    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    private static Encoding StrictUtf8 { get; } = new UTF8Encoding(false, true);

    private static Encoding StrictGb18030 { get; } = Etl.Domain.Text.ChineseEncodings.StrictGb18030;

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="PageEncodingException"/> when no encoding fits.</summary>
    public static DecodedPage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Strict(bytes[3..], StrictUtf8, "utf-8", "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Strict(bytes[2..], new UnicodeEncoding(false, false, true), "utf-16", "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Strict(bytes[2..], new UnicodeEncoding(true, false, true), "utf-16", "bom");

        var head = System.Text.Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var declared = MetaCharset().Match(head) is { Success: true } m ? m.Groups["cs"].Value.ToLowerInvariant() : null;
        var target = declared switch
        {
            null => null,
            "utf-8" or "utf8" => "utf-8",
            "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "windows-936" or "euc-cn" => "gb18030",
            _ => "other",
        };
        if (target == "utf-8" && TryStrict(bytes, StrictUtf8, out var u)) return new DecodedPage(u, "utf-8", "meta");
        if (target == "gb18030" && TryStrict(bytes, StrictGb18030, out var g)) return new DecodedPage(g, "gb18030", "meta");
        if (target == "other" && TryOther(declared!, bytes, out var o)) return new DecodedPage(o, declared!, "meta");

        var evidence = declared is null ? "sniffed" : $"meta {declared} overridden";
        if (TryStrict(bytes, StrictUtf8, out var su)) return new DecodedPage(su, "utf-8", evidence);
        if (TryStrict(bytes, StrictGb18030, out var sg)) return new DecodedPage(sg, "gb18030", evidence);
        throw new PageEncodingException(declared is null
            ? "the bytes are neither valid UTF-8 nor valid GB18030"
            : $"the page declares {declared}, and its bytes are neither that, nor UTF-8, nor GB18030");
    }

    private static DecodedPage Strict(ReadOnlySpan<byte> bytes, Encoding encoding, string name, string evidence) =>
        TryStrict(bytes, encoding, out var text) ? new DecodedPage(text, name, evidence)
            : throw new PageEncodingException($"the page starts with a {name} byte-order mark but holds invalid {name}");

    private static bool TryStrict(ReadOnlySpan<byte> bytes, Encoding encoding, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryOther(string name, ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        Encoding encoding;
        _ = Etl.Domain.Text.ChineseEncodings.Gb18030; // registers the code pages, so legacy labels resolve
        try
        {
            encoding = System.Text.Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return false; // an unknown or unsupported label: fall back to sniffing
        }
        return TryStrict(bytes, encoding, out text);
    }
}
