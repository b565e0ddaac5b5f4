using System.Text.RegularExpressions;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Which yearbook column headers carry catalogue variables. Headers are matched on their Chinese text,
/// with whitespace removed; the first rule that matches wins, so the more specific ones come first
/// (人均地区生产总值 before 地区生产总值, 户籍人口 before 人口). Headers that match no rule (年平均人口,
/// 地区生产总值增长率, 第一产业占GDP的比重, ...) are read as other indicators and not staged.
/// </summary>
internal static partial class YearbookIndicators
{
    /// <summary>A rule: a header pattern, what it must not contain, and the catalogue variable.</summary>
    private sealed record Rule(string Variable, Regex Pattern, Regex? Exclude);

    private static readonly Rule[] s_rules =
    [
        new("pop_registered", Registered(), Average()),
        new("pop_registered", TotalPopulation(), Average()),
        new("pop", Resident(), Urban()),
        new("gdp", PerCapitaGdp(), GrowthOrIndex()),
        new("ind3_share", TertiaryShare(), null),
        new("gdp_total", Gdp(), NotTheLevel()),
        new("students", Students(), NotHigher()),
    ];

    [GeneratedRegex("户籍人口")]
    private static partial Regex Registered();

    /// <summary>年末总人口 in the City Statistical Yearbook and the panels made from it is registered population.</summary>
    [GeneratedRegex("^(年末)?(总人口|人口总数|全市人口|户口人口)(数)?$|^年末人口(数)?$")]
    private static partial Regex TotalPopulation();

    [GeneratedRegex("平均")]
    private static partial Regex Average();

    [GeneratedRegex("常住人口")]
    private static partial Regex Resident();

    [GeneratedRegex("城镇|乡村|农村|城区|平均|密度|增长")]
    private static partial Regex Urban();

    [GeneratedRegex("人均(地区生产总值|生产总值|GDP|国内生产总值)")]
    private static partial Regex PerCapitaGdp();

    [GeneratedRegex("增长|指数|比上年")]
    private static partial Regex GrowthOrIndex();

    [GeneratedRegex("第三产业(增加值)?(占|在)?(地区生产总值|GDP|国内生产总值|生产总值)?(的)?(所占)?(比重|比例|构成|占比)")]
    private static partial Regex TertiaryShare();

    [GeneratedRegex("^(地区生产总值|GDP|国内生产总值|生产总值)(\\(当年价(格)?\\)|\\(现价\\))?$")]
    private static partial Regex Gdp();

    [GeneratedRegex("人均|增长|指数|构成|比重|占")]
    private static partial Regex NotTheLevel();

    [GeneratedRegex("(普通)?高等学校在校(学生|生)(数)?|普通高校在校(学生|生)(数)?|普通本专科在校(学生|生)(数)?")]
    private static partial Regex Students();

    [GeneratedRegex("中学|中等|小学|职业")]
    private static partial Regex NotHigher();

    [GeneratedRegex("^第三产业(增加值)?$")]
    private static partial Regex TertiaryAlone();

    [GeneratedRegex("构成|比重|占")]
    private static partial Regex ShareContext();

    [GeneratedRegex("从业|就业|人员|单位数")]
    private static partial Regex Employment();

    /// <summary>
    /// The catalogue variable of a header's Chinese name (units and English removed), or null.
    /// <paramref name="context"/> is the title and the whole header path: a bare 第三产业 is the tertiary
    /// share only under a heading such as 地区生产总值构成 (%), not under 从业人员构成 (employment).
    /// </summary>
    public static string? VariableOf(string chineseName, string context)
    {
        if (TertiaryAlone().IsMatch(chineseName))
            return ShareContext().IsMatch(context) && !Employment().IsMatch(context) ? "ind3_share" : null;
        foreach (var r in s_rules)
            if (r.Pattern.IsMatch(chineseName) && (r.Exclude is null || !r.Exclude.IsMatch(chineseName))) return r.Variable;
        return null;
    }
}
