using System.Globalization;

namespace Etl.Bench.PatentBench;

/// <summary>The stage's city-year counts next to DuckDB's: national totals, then agreement cell by cell.</summary>
internal static class CrossCheck
{
    public static void Write(TextWriter report, Dictionary<(int Unit, int Year), CityYearCounts> stage, Dictionary<(int Unit, int Year), CityYearCounts> duck)
    {
        var s = stage.Values.Aggregate(default(CityYearCounts), (x, y) => x + y);
        var d = duck.Values.Aggregate(default(CityYearCounts), (x, y) => x + y);
        report.WriteLine("cross-check: totals over all city-years");
        report.WriteLine("| count | stage | DuckDB | DuckDB - stage | relative |");
        report.WriteLine("|---|---|---|---|---|");
        void Row(string name, long a, long b) => report.WriteLine(Inv($"| {name} | {a} | {b} | {b - a:+#;-#;0} | {(a == 0 ? 0 : 100.0 * (b - a) / a):+0.00;-0.00;0.00} % |"));
        Row("inventions", s.Inventions, d.Inventions);
        Row("digital", s.Digital, d.Digital);
        Row("integrated", s.Integrated, d.Integrated);
        Row("real-only", s.RealOnly, d.RealOnly);
        var both = stage.Keys.Intersect(duck.Keys).ToList();
        var big = both.Where(k => stage[k].Inventions >= 100).ToList();
        string Worst(string name, Func<CityYearCounts, long> f)
        {
            if (big.Count == 0) return name + ": none";
            double Gap((int, int) k) => f(stage[k]) == 0 ? 0 : Math.Abs(f(duck[k]) - f(stage[k])) / (double)f(stage[k]);
            var k = big.MaxBy(Gap);
            return Inv($"{name} {100 * Gap(k):F2} % (unit {k.Unit} in {k.Year}: stage {f(stage[k])}, DuckDB {f(duck[k])})");
        }
        report.WriteLine(Inv($"city-years: stage {stage.Count}, DuckDB {duck.Count}, both {both.Count}; largest relative gap among the {big.Count} with >= 100 inventions:"));
        report.WriteLine("  " + Worst("inventions", c => c.Inventions) + "; " + Worst("digital", c => c.Digital));
        report.WriteLine("where the SQL follows the stage's rules more loosely (the likely sources of any gap):");
        foreach (var note in DuckDbPatentSql.Simplifications) report.WriteLine("  - " + note);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
