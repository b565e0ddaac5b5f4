namespace Etl.Simulator.World;

/// <summary>What the index reads of one unit-year: integrated (F) and real-only (R) applications, integrated applications per real industry, distinct digital-real subclass pairs (E).</summary>
internal sealed record PlannedAggregate(long Integrated, long RealOnly, IReadOnlyDictionary<string, long> Industries, long Pairs);

/// <summary>National figures of one year: F_t, R_t and the distinct digital (V^D) and real (V^R) subclasses of integrated applications.</summary>
internal sealed record PlannedNational(long Integrated, long RealOnly, int DigitalSubclasses, int RealSubclasses);

/// <summary>The truth index of every unit-year, with the normalisation bounds and entropy weights of the run.</summary>
internal sealed record TruthIndex(
    IReadOnlyList<(int Unit, int Year, double[] Dimensions, double Index)> Values,
    double[] Min, double[] Max, double[] Entropy, double[] Weights)
{
    public static readonly string[] DimensionNames = ["time", "industry", "region", "network"];

    /// <summary>
    /// A second, plain implementation of the documented formula (src/Etl.Domain/Index/README.md), written
    /// apart from the pipeline's, so that a mistake in either shows up as a difference in the end-to-end
    /// tests instead of being copied into the truth. δ = 0.15 and g = 0.10 as documented.
    /// </summary>
    public static TruthIndex Compute(IEnumerable<(int Unit, int Year)> unitYears,
        IReadOnlyDictionary<(int Unit, int Year), PlannedAggregate> aggregates, IReadOnlyDictionary<int, PlannedNational> national)
    {
        const double delta = 0.15, growth = 0.10;
        var rows = new List<(int Unit, int Year, double[] X)>();
        double stock = 0;
        (int Unit, int Year) previous = (0, 0);
        foreach (var (unit, year) in unitYears.Distinct().OrderBy(c => c.Unit).ThenBy(c => c.Year))
        {
            var a = aggregates.GetValueOrDefault((unit, year)) ?? new PlannedAggregate(0, 0, new Dictionary<string, long>(), 0);
            // The stock starts over in a unit's first year (or after a year in which it did not exist).
            var first = previous != (unit, year - 1);
            previous = (unit, year);
            stock = first ? a.Integrated / (growth + delta) : a.Integrated + (1 - delta) * stock;
            var n = national[year];
            var nationalShare = n.Integrated + n.RealOnly == 0 ? 0 : n.Integrated / (double)(n.Integrated + n.RealOnly);
            var share = a.Integrated + a.RealOnly == 0 ? 0 : a.Integrated / (double)(a.Integrated + a.RealOnly);
            var possiblePairs = (double)n.DigitalSubclasses * n.RealSubclasses;
            rows.Add((unit, year,
            [
                Math.Log(1 + stock),
                ShannonEntropy(a.Industries),
                nationalShare == 0 ? 0 : share / nationalShare,
                possiblePairs == 0 ? 0 : a.Pairs / possiblePairs,
            ]));
        }

        var min = new double[4];
        var max = new double[4];
        var entropy = new double[4];
        var weights = new double[4];
        var scaled = rows.Select(_ => new double[4]).ToArray();
        for (var j = 0; j < 4; j++)
        {
            min[j] = rows.Min(r => r.X[j]);
            max[j] = rows.Max(r => r.X[j]);
            for (var i = 0; i < rows.Count; i++) scaled[i][j] = max[j] == min[j] ? 0 : (rows[i].X[j] - min[j]) / (max[j] - min[j]);
            var column = scaled.Select(s => s[j]).ToArray();
            var sum = column.Sum();
            entropy[j] = sum == 0 ? 1 : -column.Where(v => v > 0).Sum(v => v / sum * Math.Log(v / sum)) / Math.Log(rows.Count);
        }
        var divergence = entropy.Select(e => 1 - e).ToArray();
        for (var j = 0; j < 4; j++) weights[j] = divergence.Sum() == 0 ? 0.25 : divergence[j] / divergence.Sum();
        var values = rows.Select((r, i) => (r.Unit, r.Year, r.X, 100 * Enumerable.Range(0, 4).Sum(j => weights[j] * scaled[i][j]))).ToList();
        return new TruthIndex(values, min, max, entropy, weights);
    }

    private static double ShannonEntropy(IReadOnlyDictionary<string, long> counts)
    {
        double total = counts.Values.Sum();
        return total == 0 ? 0 : -counts.Values.Where(v => v > 0).Sum(v => v / total * Math.Log(v / total));
    }
}
