using System.Globalization;

namespace Etl.Bench.PatentBench;

/// <summary>The counts of one unit and year that the stage and DuckDB both compute.</summary>
internal readonly record struct CityYearCounts(long Inventions, long Digital, long Integrated, long RealOnly)
{
    public static CityYearCounts operator +(CityYearCounts a, CityYearCounts b) =>
        new(a.Inventions + b.Inventions, a.Digital + b.Digital, a.Integrated + b.Integrated, a.RealOnly + b.RealOnly);
}

/// <summary>City-year counts as a small CSV file, so that a child process can hand them to the parent for the cross-check.</summary>
internal static class CityYearTable
{
    private const string Header = "unit,year,inventions,digital,integrated,real_only";

    public static void Write(string path, IEnumerable<KeyValuePair<(int Unit, int Year), CityYearCounts>> rows)
    {
        using var w = new StreamWriter(path);
        w.WriteLine(Header);
        foreach (var ((unit, year), c) in rows.OrderBy(r => r.Key))
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{unit},{year},{c.Inventions},{c.Digital},{c.Integrated},{c.RealOnly}"));
    }

    public static Dictionary<(int Unit, int Year), CityYearCounts> Read(string path)
    {
        var result = new Dictionary<(int, int), CityYearCounts>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            result[(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture))] = new CityYearCounts(L(2), L(3), L(4), L(5));
        }
        return result;
    }
}
