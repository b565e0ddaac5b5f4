using System.Text.RegularExpressions;
using Etl.Domain.Text;

namespace Etl.Ingest.Html;

/// <summary>The text of a page and how its encoding was determined.</summary>
/// <param name="Text">Decoded text.</param>
/// <param name="Encoding">The encoding and its evidence.</param>
public sealed record DecodedPage(string Text, DetectedEncoding Encoding);

/// <summary>
/// Decodes HTML (bulletin pages, and yearbook tables saved as HTML under an .xls name): the charset a meta
/// element declares in the first 4 KiB is the declaration; <see cref="EncodingDetector"/> decides, so a
/// declaration the bytes contradict is overridden and the evidence says so (<c>gb18030 (meta utf-8 overridden)</c>).
/// </summary>
public static partial class HtmlDecoding
{
    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="TextEncodingException"/> when no encoding fits.</summary>
    public static DecodedPage Decode(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var declared = MetaCharset().Match(head) is { Success: true } m ? m.Groups["cs"].Value.ToLowerInvariant() : null;
        var (text, encoding) = EncodingDetector.Decode(bytes, declared, "meta");
        return new DecodedPage(text, encoding);
    }
}
