using System.Text.RegularExpressions;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// A column header of a long panel as researchers circulate them: the indicator name with its qualifiers and
/// unit as suffixes (<c>地区生产总值_当年价格_全市_万元</c>, <c>人均地区生产总值_全市_元</c>,
/// <c>第三产业增加值占GDP比重_全市_百分比</c>) or in parentheses (<c>地区生产总值(万元)</c>), possibly an
/// interpolated copy (<c>插值_…</c>, <c>…_插值</c>, <c>…(插值)</c>).
/// </summary>
/// <param name="Name">The indicator name, without qualifiers, group and unit.</param>
/// <param name="Group">全市, 市辖区, or none.</param>
/// <param name="Unit">The printed unit, or null when the header names none.</param>
/// <param name="Interpolated">Whether the column is someone's interpolated copy of an indicator.</param>
/// <param name="Qualifiers">Other parts (当年价格, 可比价格, ...), which may disqualify the column as a level.</param>
internal sealed partial record PanelHeader(string Name, ColumnGroup Group, string? Unit, bool Interpolated, IReadOnlyList<string> Qualifiers)
{
    private static readonly HashSet<string> s_units = new(StringComparer.Ordinal)
    {
        "万亿元", "亿元", "万元", "千元", "元", "万人", "千人", "人", "百万人", "万户", "户", "个", "家", "所", "%", "百分比", "比率", "比例",
        "平方公里", "公顷", "吨", "万吨", "件", "人/万人", "元/人",
    };

    /// <summary>Units that may be glued to a name, longest first.</summary>
    private static readonly string[] s_glued = ["万亿元", "亿元", "万元", "千元", "万人", "百分比", "元", "人", "%"];

    [GeneratedRegex(@"[(（\[【]\s*(?<u>[^)）\]】]{1,8})\s*[)）\]】]")]
    private static partial Regex Parenthesised();

    /// <summary>Parses a header text.</summary>
    public static PanelHeader Parse(string header)
    {
        var text = TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(header));
        var interpolated = false;
        string? unit = null;
        // Units and notes in parentheses: (万元), (插值), (%).
        foreach (Match m in Parenthesised().Matches(text))
        {
            var inner = m.Groups["u"].Value;
            if (inner.Contains("插值", StringComparison.Ordinal)) interpolated = true;
            else if (s_units.Contains(inner)) unit ??= inner;
            else if (inner.StartsWith("单位", StringComparison.Ordinal) && s_units.Contains(inner.TrimStart('单', '位', ':', '：'))) unit ??= inner.TrimStart('单', '位', ':', '：');
        }
        text = Parenthesised().Replace(text, "");
        var group = ColumnGroup.None;
        var name = "";
        var qualifiers = new List<string>();
        foreach (var part in text.Split(['_', '-', '—', '|', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "插值" || part.StartsWith("插值", StringComparison.Ordinal) && part.Length <= 3) { interpolated = true; continue; }
            // A numbered copy (地区生产总值万元_1): what Stata's ipolate / epolate generate beside the observed column.
            if (name.Length > 0 && part.All(char.IsAsciiDigit)) { interpolated = true; continue; }
            if (part is "全市" or "全市口径") { group = ColumnGroup.TotalCity; continue; }
            if (part is "市辖区" or "市区") { group = ColumnGroup.Districts; continue; }
            if (s_units.Contains(part)) { unit ??= part; continue; }
            if (name.Length == 0)
            {
                var core = part;
                if (core.StartsWith("插值", StringComparison.Ordinal)) { interpolated = true; core = core[2..]; }
                name = core;
            }
            else qualifiers.Add(part);
        }
        // 全市 or 市辖区 written into the name itself: 全市地区生产总值, 地区生产总值全市.
        if (group == ColumnGroup.None)
        {
            if (name.Contains("市辖区", StringComparison.Ordinal)) group = ColumnGroup.Districts;
            else if (name.Contains("全市", StringComparison.Ordinal)) group = ColumnGroup.TotalCity;
            name = name.Replace("市辖区", "", StringComparison.Ordinal).Replace("全市", "", StringComparison.Ordinal);
        }
        // A unit glued to the name (地区生产总值万元, 户籍人口万人, 普通高等学校在校学生数人).
        if (unit is null)
            foreach (var u in s_glued)
                if (name.Length > u.Length + 1 && name.EndsWith(u, StringComparison.Ordinal))
                {
                    unit = u;
                    name = name[..^u.Length];
                    break;
                }
        if (unit == "%" || unit == "百分比") unit = "%";
        else if (unit is "比率" or "比例") unit = "ratio";
        return new PanelHeader(name, group, unit, interpolated, qualifiers);
    }

    /// <summary>Whether a qualifier makes the column something other than the current-price level.</summary>
    public bool NotALevel => Qualifiers.Any(q => q.Contains("可比", StringComparison.Ordinal) || q.Contains("不变价", StringComparison.Ordinal)
                                                 || q.Contains("增长", StringComparison.Ordinal) || q.Contains("指数", StringComparison.Ordinal)
                                                 || q.Contains("平均", StringComparison.Ordinal));
}
