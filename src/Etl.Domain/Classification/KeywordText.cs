using System.Text;
using Etl.Domain.Text;

namespace Etl.Domain.Classification;

/// <summary>
/// How KDT keywords are looked for in titles and abstracts: both sides are brought to half-width with
/// ASCII letters upper-cased; a keyword is found where it occurs as a substring, except that a keyword
/// beginning (ending) with a Latin letter must not be preceded (followed) by a Latin letter, so that
/// "INFO" is not found in "INFORMATION" while "GPU芯片" still contains "GPU".
/// </summary>
public static class KeywordText
{
    /// <summary>Half-width, upper-case ASCII letters.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(Fold(c));
        return sb.ToString();
    }

    /// <summary>One character half-width, an ASCII letter upper-cased.</summary>
    public static char Fold(char c)
    {
        c = TextNormalizer.ToHalfWidth(c);
        return c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
    }

    /// <summary>Whether <paramref name="c"/> is an ASCII letter.</summary>
    public static bool IsLatin(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    /// <summary>
    /// Whether the normalised <paramref name="keyword"/> occurs in the normalised <paramref name="text"/>
    /// under the boundary rule. Reference implementation: plain search, used as the oracle for faster
    /// matchers.
    /// </summary>
    public static bool Occurs(string text, string keyword)
    {
        var latinStart = IsLatin(keyword[0]);
        var latinEnd = IsLatin(keyword[^1]);
        var from = 0;
        while (true)
        {
            var at = text.IndexOf(keyword, from, StringComparison.Ordinal);
            if (at < 0) return false;
            var end = at + keyword.Length;
            var okStart = !latinStart || at == 0 || !IsLatin(text[at - 1]);
            var okEnd = !latinEnd || end == text.Length || !IsLatin(text[end]);
            if (okStart && okEnd) return true;
            from = at + 1;
        }
    }
}
