using System.Text;

namespace Etl.Domain.Text;

/// <summary>
/// The one home of text normalisation for Chinese statistical sources: full-width ASCII, ideographic and
/// no-break spaces, traditional characters (mirror sites serve bulletins in them), footnote marks after
/// names and numbers. Every parser and the geocoder fold characters through here.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Footnote marks that publishers append to names and values.</summary>
    public const string FootnoteMarks = "*＊†‡#＃①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽¹²³⁴⁵⁶⁷⁸⁹⁰";

    private static readonly char[] s_simplified = SimplifiedVariants.Table;

    /// <summary>Maps full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic and no-break spaces to a space.</summary>
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

    /// <summary>Maps one full-width character to its ASCII form (and the wide spaces to a space).</summary>
    public static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' => ' ',
        _ => c,
    };

    /// <summary>Maps printable ASCII to its full-width form (how some publishers print digits and signs).</summary>
    public static char ToFullWidth(char c) => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c;

    /// <summary>The simplified form of a traditional character (遼 → 辽, 億 → 亿); other characters as they are.</summary>
    public static char ToSimplified(char c) => s_simplified[c];

    /// <summary>Replaces traditional characters by their simplified forms.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && s_simplified[text[i]] == text[i]) i++;
        if (i == text.Length) return text;
        var chars = text.ToCharArray();
        for (; i < chars.Length; i++) chars[i] = s_simplified[chars[i]];
        return new string(chars);
    }

    /// <summary>
    /// The form text is matched in: half-width and simplified, with the length and every character position
    /// of the input kept (both foldings map one character to one), so offsets found in the folded text are
    /// offsets in the text as printed.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToCharArray();
        var changed = false;
        for (var i = 0; i < chars.Length; i++)
        {
            var f = s_simplified[ToHalfWidth(chars[i])];
            if (f == chars[i]) continue;
            chars[i] = f;
            changed = true;
        }
        return changed ? new string(chars) : text;
    }

    /// <summary>
    /// Removes the pinyin some mirror sites print after characters (產(chǎn)業(yè)): a parenthesised run of
    /// lower-case Latin letters, with or without tone marks, right after a Chinese character.
    /// </summary>
    public static string RemoveInlinePinyin(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf('(') < 0 && text.IndexOf('（') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '(' or '（' && i > 0 && text[i - 1] > '\u2E80' && PinyinLength(text, i) is var n && n > 0)
            {
                i += n - 1;
                continue;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>The length of a parenthesised pinyin syllable at <paramref name="at"/> (the parentheses included), or 0.</summary>
    public static int PinyinLength(string text, int at)
    {
        var close = text[at] == '(' ? ')' : '）';
        var end = text.IndexOf(close, at + 1);
        if (end < 0 || end - at > 9 || end == at + 1) return 0;
        for (var k = at + 1; k < end; k++)
            if (!IsPinyinLetter(text[k])) return 0;
        return end - at + 1;
    }

    /// <summary>A lower-case Latin letter, with or without a tone mark (ā á ǎ à ü ǚ ...).</summary>
    private static bool IsPinyinLetter(char c) => c is >= 'a' and <= 'z' || c is >= '\u00E0' and <= '\u00FC' || c is >= '\u0100' and <= '\u017F' || c is >= '\u01CD' and <= '\u01DC';

    /// <summary>Removes all whitespace, including ideographic and no-break spaces.</summary>
    public static string RemoveWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!IsSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>Whether a character is white space of any kind (ASCII, ideographic, no-break, zero-width).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u3000' or '\u00A0' or '\u200B' or '\uFEFF';

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
    /// Reduces a place-name label to its Chinese core: half-width, simplified, no whitespace, no footnote
    /// marks, and no trailing Latin text (yearbooks print "石家庄 Shijiazhuang").
    /// </summary>
    public static string PlaceNameKey(string label)
    {
        var s = RemoveFootnoteMarks(Fold(label)).Trim();
        // Cut at the first Latin letter: the English name follows the Chinese one.
        var cut = -1;
        for (var i = 0; i < s.Length; i++)
            if (s[i] is >= 'A' and <= 'Z' or >= 'a' and <= 'z') { cut = i; break; }
        if (cut > 0) s = s[..cut];
        s = RemoveWhitespace(s);
        return s.Trim('(', ')', '（', '）', '-', '.', '·', '[', ']');
    }
}
