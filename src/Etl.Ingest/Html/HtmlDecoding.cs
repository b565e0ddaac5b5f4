using System.Text.RegularExpressions;
using Etl.Domain.Text;

namespace Etl.Ingest.Html;

/// <summary>The text of a page and how its encoding was determined.</summary>
/// <param name="Text">Decoded text (a damaged byte sequence reads as U+FFFD).</param>
/// <param name="Encoding">The encoding and its evidence.</param>
/// <param name="Damage">Byte offsets of damaged sequences (see <see cref="EncodingDetector.DecodeDamaged"/>).</param>
public sealed record DecodedPage(string Text, DetectedEncoding Encoding, IReadOnlyList<long> Damage)
{
    /// <summary>How an outcome reports the encoding: with the damage, when there is some.</summary>
    public string Describe() => Damage.Count == 0 ? Encoding.ToString()
        : $"{Encoding.Name} ({Encoding.Evidence}); {Damage.Count} damaged byte sequence{(Damage.Count == 1 ? "" : "s")} at byte {string.Join(", ", Damage.Take(5))}{(Damage.Count > 5 ? ", …" : "")}";
}

/// <summary>
/// Decodes HTML (bulletin pages, and yearbook tables saved as HTML under an .xls name): the charset a meta
/// element declares in the first 4 KiB is the declaration; <see cref="EncodingDetector"/> decides, so a
/// declaration the bytes contradict is overridden and the evidence says so (<c>gb18030 (meta utf-8 overridden)</c>).
/// </summary>
public static partial class HtmlDecoding
{
    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    /// <summary>Deepest nesting of elements a page may have (real pages stay under 60).</summary>
    public const int MaxDepth = 1024;

    /// <summary>
    /// Elements that do not nest when counting: void elements, and those pages commonly leave open (p, li, td,
    /// tr, font), which a parser closes implicitly.
    /// </summary>
    private static readonly HashSet<string> s_void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype",
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "tbody", "thead", "tfoot", "colgroup", "caption", "font",
    };

    /// <summary>
    /// The deepest nesting of elements in <paramref name="html"/>, counted from its tags in one pass before any
    /// parse (void and self-closed elements do not nest; comments, scripts and styles are skipped), up to
    /// <paramref name="limit"/>: a page of 100,000 nested elements is refused in linear time.
    /// </summary>
    public static int Depth(string html, int limit = MaxDepth + 1)
    {
        var depth = 0;
        var max = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 3;
                continue;
            }
            var close = html[i + 1] == '/';
            var start = close ? i + 2 : i + 1;
            var k = start;
            while (k < html.Length && (char.IsAsciiLetterOrDigit(html[k]) || html[k] == '!')) k++;
            var name = html[start..k];
            var gt = html.IndexOf('>', k);
            if (gt < 0) break;
            if (name.Length > 0 && !s_void.Contains(name) && html[gt - 1] != '/')
            {
                if (close) depth = Math.Max(0, depth - 1);
                else if (name is "script" or "style")
                {
                    var end = html.IndexOf("</" + name, gt, StringComparison.OrdinalIgnoreCase);
                    i = end < 0 ? html.Length : end;
                    continue;
                }
                else if ((max = Math.Max(max, ++depth)) >= limit) return max;
            }
            i = gt + 1;
        }
        return max;
    }

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="TextEncodingException"/> when no encoding fits.</summary>
    public static DecodedPage Decode(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var declared = MetaCharset().Match(head) is { Success: true } m ? m.Groups["cs"].Value.ToLowerInvariant() : null;
        var (text, encoding, damage) = EncodingDetector.DecodeDamaged(bytes, declared, "meta");
        return new DecodedPage(text, encoding, damage);
    }
}
