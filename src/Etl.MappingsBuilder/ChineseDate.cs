using System.Globalization;
using System.Text.RegularExpressions;

namespace Etl.MappingsBuilder;

/// <summary>Parses approval dates written as 2011年7月14日 or 二〇一一年七月十四日.</summary>
internal static partial class ChineseDate
{
    [GeneratedRegex(@"^(.+?)年(.+?)月(.+?)日")]
    private static partial Regex Pattern();

    /// <summary>ISO date, or empty when the text is not a date.</summary>
    public static string ToIso(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return "";
        var y = Year(m.Groups[1].Value);
        var mo = Small(m.Groups[2].Value);
        var d = Small(m.Groups[3].Value);
        if (y is null || mo is null || d is null) return "";
        try { return new DateOnly(y.Value, mo.Value, d.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); }
        catch (ArgumentOutOfRangeException) { return ""; }
    }

    private static int? Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        '〇' or '零' or 'O' or 'o' => 0,
        '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9,
        _ => null,
    };

    private static int? Year(string s)
    {
        var v = 0;
        foreach (var c in s.Trim())
        {
            if (Digit(c) is not { } d) return null;
            v = v * 10 + d;
        }
        return v is > 1900 and < 2100 ? v : null;
    }

    /// <summary>1-31 in Arabic digits or Chinese numerals (十, 二十六, 三十一).</summary>
    private static int? Small(string s)
    {
        s = s.Trim();
        if (s.Length == 0) return null;
        if (s.All(char.IsAsciiDigit)) return int.Parse(s, CultureInfo.InvariantCulture);
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 ? Digit(s[0]) : null;
        var tens = ten == 0 ? 1 : Digit(s[0]);
        var ones = ten == s.Length - 1 ? 0 : Digit(s[^1]);
        return tens is null || ones is null ? null : tens * 10 + ones;
    }
}
