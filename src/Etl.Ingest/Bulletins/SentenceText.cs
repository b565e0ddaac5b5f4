using System.Text;
using Etl.Domain.Text;

namespace Etl.Ingest.Bulletins;

/// <summary>
/// A sentence prepared for reading, with the position in the printed sentence of every character kept:
/// folded (half-width, simplified, Latin upper-case); white space, footnote marks (①, [1], 【2】, ﹝3﹞, (注1))
/// and the pinyin some mirror sites insert after characters (產(chǎn)) removed; white space between two
/// digits kept as one space, so that two numbers never run together.
/// </summary>
internal sealed class SentenceText
{
    private SentenceText(string text, int[] origin)
    {
        Text = text;
        Origin = origin;
    }

    /// <summary>The prepared text.</summary>
    public string Text { get; }

    /// <summary>For each character of <see cref="Text"/>, its index in the printed sentence.</summary>
    public int[] Origin { get; }

    /// <summary>The span of the printed sentence that prepared characters [start, start + length) came from.</summary>
    public (int Start, int Length) Printed(int start, int length)
    {
        var from = Origin[start];
        var to = Origin[start + length - 1] + 1;
        return (from, to - from);
    }

    /// <summary>Prepares a printed sentence.</summary>
    public static SentenceText Prepare(string printed)
    {
        var folded = TextNormalizer.Fold(printed);
        var sb = new StringBuilder(folded.Length);
        var origin = new List<int>(folded.Length);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (TextNormalizer.IsSpace(c))
            {
                var j = i;
                while (j < folded.Length && TextNormalizer.IsSpace(folded[j])) j++;
                if (sb.Length > 0 && char.IsAsciiDigit(sb[^1]) && j < folded.Length && char.IsAsciiDigit(folded[j]))
                {
                    sb.Append(' ');
                    origin.Add(i);
                }
                i = j;
                continue;
            }
            if (TextNormalizer.FootnoteMarks.Contains(c) || c == '\u00AD')
            {
                i++;
                continue;
            }
            if (Bracketed(folded, i) is { } skip)
            {
                i += skip;
                continue;
            }
            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
            origin.Add(i);
            i++;
        }
        return new SentenceText(sb.ToString(), [.. origin]);
    }

    /// <summary>
    /// The length of a bracketed aside to drop at <paramref name="at"/>: a footnote number ([1], (2), 【3】, ﹝4﹞,
    /// 〔5〕, [注1], (注)) or inline pinyin ((chǎn), (yè)); null otherwise.
    /// </summary>
    private static int? Bracketed(string s, int at)
    {
        if (s[at] == '(' && at > 0 && s[at - 1] > '\u2E80' && TextNormalizer.PinyinLength(s, at) is var pinyin && pinyin > 0) return pinyin;
        var close = s[at] switch
        {
            '[' => ']',
            '(' => ')',
            '【' => '】',
            '﹝' => '﹞',
            '〔' => '〕',
            _ => '\0',
        };
        if (close == '\0') return null;
        var end = s.IndexOf(close, at + 1);
        if (end < 0 || end - at > 4 || end == at + 1) return null;
        foreach (var ch in s.AsSpan(at + 1, end - at - 1))
            if (!(char.IsAsciiDigit(ch) || ch is '注' or ' ')) return null;
        return end - at + 1;
    }
}
