using System.Text.RegularExpressions;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>Which block of a yearbook table a column belongs to.</summary>
internal enum ColumnGroup
{
    /// <summary>No 全市 / 市辖区 label above the column.</summary>
    None,

    /// <summary>全市 (Total City): what the panel uses.</summary>
    TotalCity,

    /// <summary>市辖区 (Districts under City).</summary>
    Districts,
}

/// <summary>
/// An indicator column read from a multi-row header: its path of header texts from top to bottom (merged
/// cells repeated), its 全市 / 市辖区 group, its Chinese indicator name, the printed unit, and the catalogue
/// variable it carries (null for other indicators).
/// </summary>
internal sealed partial record HeaderColumn(int Column, IReadOnlyList<string> Path, ColumnGroup Group, string Name, string? Unit, string? Variable)
{
    [GeneratedRegex(@"[(（]\s*(?<u>万亿元|亿元|万元|千元|元|万人|千人|人|万户|户|个|所|家|%|％|平方公里|公顷|吨|万吨|人/万人)\s*[)）]")]
    private static partial Regex ChineseUnit();

    [GeneratedRegex(@"单位\s*[:：]\s*(?<u>万亿元|亿元|万元|千元|元|万人|千人|人|万户|户|个|%|％)")]
    private static partial Regex UnitLabel();

    [GeneratedRegex(@"\(\s*(?<u>10\s?000\s*yuan|100\s*million\s*yuan|yuan|10\s?000\s*persons?|persons?|%)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishUnit();

    [GeneratedRegex(@"[(（][^)）]*[)）]")]
    private static partial Regex Parenthesised();

    /// <summary>The path as one string, for auditors (<c>全市 Total City / 地区生产总值(万元) / ...</c>).</summary>
    public string PathText => string.Join(" / ", Path);

    /// <summary>Builds the column from its header texts (top to bottom) and the table title.</summary>
    public static HeaderColumn From(int column, IReadOnlyList<string> path, string title)
    {
        var group = ColumnGroup.None;
        foreach (var p in path)
        {
            var k = TextNormalizer.RemoveWhitespace(TextNormalizer.ToHalfWidth(p));
            if (k.Contains("市辖区", StringComparison.Ordinal) || k.Contains("DistrictsunderCity", StringComparison.OrdinalIgnoreCase)) group = ColumnGroup.Districts;
            else if (k.Contains("全市", StringComparison.Ordinal) || k.Contains("TotalCity", StringComparison.OrdinalIgnoreCase)) group = ColumnGroup.TotalCity;
        }

        // The indicator name is the lowest header text that says something in Chinese besides the group
        // and the unit; upper texts give context (地区生产总值构成 over 第三产业).
        var name = "";
        var nameRow = -1;
        for (var i = path.Count - 1; i >= 0 && nameRow < 0; i--)
        {
            var chinese = ChineseName(path[i]);
            if (chinese.Length == 0 || chinese is "全市" or "市辖区") continue;
            name = chinese;
            nameRow = i;
        }
        var context = ChineseName(title) + string.Concat(path.Select(ChineseName));
        var variable = name.Length == 0 ? null : YearbookIndicators.VariableOf(name, context);
        return new HeaderColumn(column, path, group, name, FindUnit(path, nameRow, title), variable);
    }

    /// <summary>The Chinese part of a header text: half-width, no parenthesised units, no English, no spaces.</summary>
    public static string ChineseName(string text)
    {
        var s = TextNormalizer.ToHalfWidth(text);
        // "人均GDP" keeps its Latin letters; the English translation starts at the first other Latin letter.
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z')) continue;
            if (IsGdpWord(s, i)) { i += 2; continue; }
            s = s[..i];
            break;
        }
        s = Parenthesised().Replace(s, "");
        return TextNormalizer.RemoveFootnoteMarks(TextNormalizer.RemoveWhitespace(s));
    }

    /// <summary>"GDP" written inside a Chinese name (人均GDP), as opposed to an English translation.</summary>
    private static bool IsGdpWord(string s, int at) =>
        at > 0 && string.CompareOrdinal(s, at, "GDP", 0, 3) == 0 && s[at - 1] > '\u2E80';

    private static string? FindUnit(IReadOnlyList<string> path, int nameRow, string title)
    {
        // Closest to the name first: the name's own text, then the rows below it, then the rows above.
        var order = Enumerable.Range(Math.Max(nameRow, 0), path.Count - Math.Max(nameRow, 0)).Concat(Enumerable.Range(0, Math.Max(nameRow, 0)).Reverse());
        foreach (var i in order)
            if (ChineseUnit().Match(TextNormalizer.ToHalfWidth(path[i])) is { Success: true } m) return Normalize(m.Groups["u"].Value);
        foreach (var i in order)
            if (UnitLabel().Match(TextNormalizer.ToHalfWidth(path[i])) is { Success: true } m) return Normalize(m.Groups["u"].Value);
        foreach (var i in order)
            if (EnglishUnit().Match(path[i]) is { Success: true } m) return FromEnglish(m.Groups["u"].Value);
        // A unit for the whole table: 单位：万元 under the title, or the title's own parentheses (构成 (%)).
        var halfTitle = TextNormalizer.ToHalfWidth(title);
        if (UnitLabel().Match(halfTitle) is { Success: true } t) return Normalize(t.Groups["u"].Value);
        if (ChineseUnit().Match(halfTitle) is { Success: true } p) return Normalize(p.Groups["u"].Value);
        return null;
    }

    private static string Normalize(string unit) => unit == "％" ? "%" : unit;

    /// <summary>The Chinese unit in a text's parentheses (地区生产总值（亿元） gives 亿元), or null.</summary>
    public static string? UnitOf(string text) =>
        ChineseUnit().Match(TextNormalizer.ToHalfWidth(text)) is { Success: true } m ? Normalize(m.Groups["u"].Value) : null;

    private static string FromEnglish(string unit)
    {
        var u = TextNormalizer.RemoveWhitespace(unit).ToUpperInvariant();
        return u switch
        {
            "10000YUAN" => "万元",
            "100MILLIONYUAN" => "亿元",
            "YUAN" => "元",
            "10000PERSONS" or "10000PERSON" => "万人",
            "PERSONS" or "PERSON" => "人",
            _ => "%",
        };
    }
}
