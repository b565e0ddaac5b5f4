using System.Globalization;
using System.Text;
using Etl.Domain;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Yearbook;

/// <summary>
/// Writes yearbook data as the long city-year panels researchers circulate (中国城市统计年鉴地级市面板数据,
/// 中国城市数据库): one row per city and year with a year column, the unit in each column name, either as a
/// suffix with 全市 and 市辖区 blocks (地区生产总值_全市_万元) or in parentheses (地区生产总值(万元)). Values are
/// the yearbook's printed values; a missing cell is empty.
/// </summary>
internal static class LongPanelWriter
{
    /// <summary>The two naming conventions of real panels (tests/Etl.Ingest.Tests/RealSamples/yearbook).</summary>
    public enum Naming { Suffix, Parentheses }

    /// <summary>One column: the indicator, whether it is the 全市 or 市辖区 block, and its header.</summary>
    private sealed record Column(Indicator Indicator, bool Total, string Header);

    public static YearbookCounts Write(string rawDirectory, string relativePath, IReadOnlyList<int> dataYears, Naming naming, Encoding encoding,
        Func<SimUnit, int, Indicator, bool, (double? Value, bool IsFact)> value, IEnumerable<SimUnit> universe)
    {
        var path = Path.Combine(rawDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var counts = new YearbookCounts { File = relativePath.Replace('\\', '/'), Tables = 1 };
        // One set of columns for every year of the file (the units of the first year's edition).
        var indicators = YearbookTables.For(dataYears[0] + 1, Publishing.SourceValues.StudentsInTenThousands(dataYears[0]))
            .SelectMany(t => t.Indicators).Where(i => i.Variable != "pop" || dataYears.All(y => y >= Publishing.PublicationPlanner.YearbookResidentPopulationFrom)).ToList();
        var columns = naming == Naming.Suffix
            ? indicators.SelectMany(i => new[] { new Column(i, true, $"{Name(i)}_全市_{SuffixUnit(i.UnitZh)}"), new Column(i, false, $"{Name(i)}_市辖区_{SuffixUnit(i.UnitZh)}") }).ToList()
            : indicators.Select(i => new Column(i, true, $"{Name(i)}({i.UnitZh})")).ToList();
        var lead = naming == Naming.Suffix ? new[] { "行政区划代码", "城市", "省份", "年份" } : ["年份", "行政区划代码", "地区"];

        var text = new StringBuilder();
        text.Append(string.Join(',', lead.Concat(columns.Select(c => c.Header)))).Append("\r\n");
        foreach (var u in universe.OrderBy(u => u.City.Code.Value))
            foreach (var year in dataYears.Where(u.ExistsIn))
            {
                var code = u.City.Code.Value.ToString(CultureInfo.InvariantCulture);
                var province = u.City.ProvinceCode.Value.ToString(CultureInfo.InvariantCulture);
                // Xiangyang was 襄樊 until its renaming in 2010; a panel of that year prints the name it had.
                var name = u.City.Code.Value == 420600 && year == 2010 ? "襄樊市" : u.City.Name;
                IEnumerable<string> head = naming == Naming.Suffix
                    ? [code, name, province, year.ToString(CultureInfo.InvariantCulture)]
                    : [year.ToString(CultureInfo.InvariantCulture), code, u.City.ShortName];
                var cells = new List<string>();
                foreach (var c in columns)
                {
                    var (v, isFact) = value(u, year, c.Indicator, c.Total);
                    cells.Add(v?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                    if (c.Total && isFact && v is not null) counts.Facts++;
                }
                text.Append(string.Join(',', head.Concat(cells))).Append("\r\n");
                counts.CityRows++;
            }
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())]);
        return counts;
    }

    /// <summary>The indicator's name as panels print it: the yearbook's name without its spaces.</summary>
    private static string Name(Indicator i) => i.Variable switch
    {
        "pop_registered" => "年末总人口",
        "gdp" => "人均地区生产总值",
        _ => i.NameZh.Replace(" ", "", StringComparison.Ordinal),
    };

    private static string SuffixUnit(string unit) => unit switch { "%" => "百分比", _ => unit };
}
