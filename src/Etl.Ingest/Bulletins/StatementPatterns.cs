using System.Text.RegularExpressions;

namespace Etl.Ingest.Bulletins;

/// <summary>A figure found in a sentence: the variable, the number and unit as printed, and where.</summary>
/// <param name="Variable">Catalogue variable.</param>
/// <param name="Number">The number as printed (half-width).</param>
/// <param name="Unit">The unit as printed.</param>
/// <param name="Start">Offset of the number in the sentence.</param>
/// <param name="Length">Length of the number.</param>
public readonly record struct Statement(string Variable, string Number, string Unit, int Start, int Length);

/// <summary>
/// The phrasings bulletins use for the catalogue variables. Every pattern requires a level unit right after
/// the number (亿元, 万元, 万人, 户, ...), so growth rates ("增长6.1%"), shares and point changes are never
/// taken for levels; value added (增加值), output value (产值), registered population (户籍人口), the urban
/// population (城镇常住人口), stocks of market entities (实有) and per-capita figures are excluded by
/// construction. Text is matched after full-width forms are made half-width.
/// </summary>
public static partial class StatementPatterns
{
    /// <summary>A printed number: digits with optional thousands separators and decimals.</summary>
    private const string Num = @"(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";

    /// <summary>What may stand between a name and its number: a verb, and spaces or line breaks of the page source.</summary>
    private const string Copula = @"\s*(?:为|达到|达|实现|突破|共计|合计|是)?\s*";

    [GeneratedRegex(@"(?<!人均)(?<!人均地区)(?:地区生产总值|全市生产总值|生产总值)(?:\(GDP\))?" + Copula + Num + @"\s*(?<unit>万亿元|亿元|万元)")]
    private static partial Regex GdpTotal();

    [GeneratedRegex(@"人均(?:地区生产总值|生产总值|GDP)(?:\(GDP\))?" + Copula + Num + @"\s*(?<unit>万元|元)(?!/)")]
    private static partial Regex GdpPerCapita();

    [GeneratedRegex(@"(?<!城镇)(?<!乡村)(?<!农村)(?<!城区)常住人口(?:总量)?" + Copula + Num + @"\s*(?<unit>万人|人)")]
    private static partial Regex ResidentPopulation();

    [GeneratedRegex(@"新(?:登记|设立|注册|发展|增)(?:注册)?(?:各类)?市场主体(?:数量|数)?" + Copula + Num + @"\s*(?<unit>万户|户|万个|个|万家|家)")]
    private static partial Regex NewEntities();

    [GeneratedRegex(@"三次产业(?:结构|比例|结构比例|增加值比例|增加值结构)(?:比例)?(?:由[\d.:∶]+)?(?:调整为|调整到|变为|为|是)?(?<a>\d+(?:\.\d+)?)[:∶](?<b>\d+(?:\.\d+)?)[:∶]" + Num)]
    private static partial Regex SectorRatio();

    [GeneratedRegex(@"第三产业(?:增加值)?占(?:全市|全区)?(?:地区生产总值|生产总值|GDP)(?:的)?比重(?:为|达到|达|是)?" + Num + @"\s*(?<unit>%)")]
    private static partial Regex TertiaryShare();

    [GeneratedRegex(@"战略性新兴产业(?:企业)?(?:共|全年|累计)?(?:实现|完成)?(?:主营业务收入|营业收入)(?:总额)?" + Copula + Num + @"\s*(?<unit>万亿元|亿元|万元)")]
    private static partial Regex SeiRevenue();

    [GeneratedRegex(@"战略性新兴产业")]
    private static partial Regex SeiMention();

    [GeneratedRegex(@"(?:从业人员|从业人数|就业人员|就业人数)" + Copula + Num + @"\s*(?<unit>万人|人)")]
    private static partial Regex Employment();

    /// <summary>Every figure of a catalogue variable in <paramref name="sentence"/> (half-width text).</summary>
    public static IEnumerable<Statement> Find(string sentence)
    {
        foreach (var (variable, regex) in new[]
                 {
                     ("gdp_total", GdpTotal()), ("gdp", GdpPerCapita()), ("pop", ResidentPopulation()),
                     ("new_entities", NewEntities()), ("ind3_share", TertiaryShare()), ("nq_rev", SeiRevenue()),
                 })
            foreach (Match m in regex.Matches(sentence))
                yield return Of(variable, m);

        foreach (Match m in SectorRatio().Matches(sentence))
        {
            var g = m.Groups["num"];
            yield return new Statement("ind3_share", g.Value, "%", g.Index, g.Length);
        }

        // Employment counts for strategic emerging industries only in a sentence that is about them, after
        // they are named (年末从业人员 in a sentence on 战略性新兴产业; not the city's total employment).
        var sei = SeiMention().Match(sentence);
        if (sei.Success)
            foreach (Match m in Employment().Matches(sentence, sei.Index))
                yield return Of("nq_emp", m);
    }

    private static Statement Of(string variable, Match m)
    {
        var g = m.Groups["num"];
        return new Statement(variable, g.Value, m.Groups["unit"].Value, g.Index, g.Length);
    }
}
