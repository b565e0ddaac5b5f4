using System.Text;

namespace Etl.Domain.Text;

/// <summary>
/// Normalisation of the text forms found in Chinese statistical sources: full-width ASCII,
/// ideographic spaces used for padding, footnote marks after names and numbers.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Footnote marks that publishers append to names and values.</summary>
    public const string FootnoteMarks = "*＊†‡#＃①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸¹²³⁴⁵";

    /// <summary>Maps full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic space to a space.</summary>
    public static string ToHalfWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var needs = false;
        foreach (var c in text)
            if (c is >= '\uFF01' and <= '\uFF5E' or '\u3000' or '\u00A0') { needs = true; break; }
        if (!needs) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(ToHalfWidth(c));
        return sb.ToString();
    }

    /// <summary>Maps one full-width character to its ASCII form.</summary>
    public static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' => ' ',
        _ => c,
    };

    /// <summary>Removes all whitespace, including ideographic and no-break spaces.</summary>
    public static string RemoveWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c != '\u3000' && c != '\u00A0') sb.Append(c);
        return sb.ToString();
    }

    /// <summary>Removes footnote marks anywhere in the text.</summary>
    public static string RemoveFootnoteMarks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(FootnoteMarks) < 0) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!FootnoteMarks.Contains(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>
    /// Reduces a place-name label to its Chinese core: half-width, no whitespace, no footnote
    /// marks, and no trailing Latin text (yearbooks print "石家庄 Shijiazhuang").
    /// </summary>
    public static string PlaceNameKey(string label)
    {
        var s = RemoveFootnoteMarks(ToHalfWidth(label)).Trim();
        // Cut at the first Latin letter: the English name follows the Chinese one.
        var cut = -1;
        for (var i = 0; i < s.Length; i++)
            if (s[i] is >= 'A' and <= 'Z' or >= 'a' and <= 'z') { cut = i; break; }
        if (cut > 0) s = s[..cut];
        s = RemoveWhitespace(s);
        return s.Trim('(', ')', '（', '）', '-', '.', '·');
    }
}
