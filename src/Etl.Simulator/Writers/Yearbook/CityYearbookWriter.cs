using System.Globalization;
using Etl.Domain;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Yearbook;

/// <summary>
/// Writes tables of cities' own statistical yearbooks (常州统计年鉴2021, ...): indicators as rows, the five
/// data years before the edition as columns, a unit column or units in the labels' parentheses, the city
/// named in the title or only in the book's folder name, other indicators (growth rates, budget revenue,
/// urban population, the urban districts' figures) and a 注 note among the rows.
/// </summary>
/// <remarks>
/// The figures of catalogue variables are the City Statistical Yearbook's printed numbers, in its units, and
/// blank where it has none, so the truth panel does not move: the tables test that the reader finds the city,
/// the years and the units, and that every row is loaded or excluded by name.
/// </remarks>
internal static class CityYearbookWriter
{
    /// <summary>Cities with a table of their own yearbook (drawn among the panel cities).</summary>
    public const int Cities = 12;

    /// <summary>One row: label, unit, and the catalogue variable it carries (null for another indicator).</summary>
    private sealed record Row(string Label, string Unit, string? Variable);

    private static readonly Row[] s_rows =
    [
        new("年末户籍人口", "万人", "pop_registered"),
        new("年末常住人口", "万人", "pop"),
        new("城镇常住人口", "万人", null),
        new("地区生产总值", "万元", "gdp_total"),
        new("地区生产总值增长率", "%", null),
        new("人均地区生产总值", "元", "gdp"),
        new("第三产业增加值占地区生产总值比重", "%", "ind3_share"),
        new("地方一般公共预算收入", "万元", null),
        new("社会消费品零售总额", "万元", null),
        new("普通高等学校在校学生数", "人", "students"),
        new("市辖区年末户籍人口", "万人", null),
    ];

    public static List<YearbookCounts> WriteAll(SimulatedCorpus corpus, string rawDirectory)
    {
        var seed = corpus.Options.Seed;
        var rng = Prng.For(seed, 57);
        var panel = corpus.World.Panel.OrderBy(u => u.City.Code.Value).ToList();
        var chosen = new List<SimUnit>();
        while (chosen.Count < Math.Min(Cities, panel.Count))
        {
            var u = rng.Pick(panel);
            if (!chosen.Contains(u)) chosen.Add(u);
        }
        var counts = new List<YearbookCounts>();
        for (var k = 0; k < chosen.Count; k++)
        {
            var u = chosen[k];
            var edition = rng.Between(PanelYears.Last - 3, PanelYears.Last + 1);
            var years = Enumerable.Range(edition - 5, 5).ToList();
            var unitColumn = k % 2 == 0;
            var cityInTitle = k % 3 != 2;
            var yearsAsText = rng.Chance(0.5);
            var book = $"{u.City.Name}统计年鉴{edition.ToString(CultureInfo.InvariantCulture)}";
            var relative = $"yearbook/city/{book}/{(cityInTitle ? "2-1 主要指标" : "2-1")}.xlsx";
            var c = new YearbookCounts { File = relative, Tables = 1 };
            var grid = new SheetGrid("2-1");
            grid.Set(0, 0, cityInTitle ? $"2-1  {u.City.Name}国民经济和社会发展主要指标" : "2-1  主要年份国民经济和社会发展指标");
            const int header = 1;
            var first = unitColumn ? 2 : 1;
            grid.Set(header, 0, "指  标");
            if (unitColumn) grid.Set(header, 1, "单位");
            for (var j = 0; j < years.Count; j++)
            {
                if (yearsAsText) grid.Set(header, first + j, $"{years[j].ToString(CultureInfo.InvariantCulture)}年");
                else grid.Set(header, first + j, years[j]);
            }
            var r = header + 1;
            foreach (var row in s_rows)
            {
                grid.Set(r, 0, unitColumn ? row.Label : $"{row.Label}（{row.Unit}）");
                if (unitColumn) grid.Set(r, 1, row.Unit);
                for (var j = 0; j < years.Count; j++)
                {
                    var value = Value(corpus, u, years[j], row, rng);
                    if (value is { } v) grid.Set(r, first + j, v);
                    else grid.Set(r, first + j, "—");
                    if (row.Variable is not null && value is not null) c.Facts++;
                }
                if (row.Variable is null) c.OtherIndicatorRows++;
                else c.CityRows++;
                r++;
            }
            grid.Set(r, 0, "注：地区生产总值按当年价格计算，增长率按可比价格计算。");
            c.NoteRows++;
            var path = Path.Combine(rawDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            XlsxWorkbookWriter.Write(path, [grid]);
            Deterministic.Normalize(path);
            counts.Add(c);
        }
        return counts;
    }

    /// <summary>The City Statistical Yearbook's printed number for a catalogue variable (null where it has none); a plausible figure for another indicator.</summary>
    private static double? Value(SimulatedCorpus corpus, SimUnit u, int year, Row row, Prng rng)
    {
        if (row.Variable is not null)
        {
            if (!corpus.Sources.Yearbook.TryGetValue((u.City.Code.Value, year, row.Variable), out var shown)) return null;
            if (shown.Unit != row.Unit) throw new InvalidOperationException($"{row.Variable} {year}: the yearbook prints {shown.Unit}, the city's table {row.Unit}");
            return (double)shown.Number;
        }
        var latent = corpus.Latent[u.Index];
        var t = year - PanelYears.First;
        return row.Label switch
        {
            "城镇常住人口" => Math.Round(latent.Pop[t] * (0.55 + 0.3 * rng.NextDouble()), 2),
            "地区生产总值增长率" => Math.Round(4 + 5 * rng.NextDouble(), 1),
            "地方一般公共预算收入" => Math.Round(latent.GdpTotal(t) * (0.06 + 0.04 * rng.NextDouble())),
            "社会消费品零售总额" => Math.Round(latent.GdpTotal(t) * (0.3 + 0.15 * rng.NextDouble())),
            _ => Math.Round(latent.PopRegistered[t] * (0.3 + 0.4 * rng.NextDouble()), 2),
        };
    }
}
