namespace Etl.Domain.Index;

/// <summary>The four dimensions and the index of one unit-year.</summary>
public sealed record IndexValue(CityCode Unit, int Year, double[] Raw, double[] Normalised, double Index);

/// <summary>An index run: values, normalisation bounds and entropy weights.</summary>
public sealed record IndexResult(
    IReadOnlyList<IndexValue> Values,
    double[] Min,
    double[] Max,
    double[] Entropy,
    double[] Weights,
    IndexParameters Parameters)
{
    /// <summary>Dimension names in order.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["time", "industry", "region", "network"];
}

/// <summary>
/// The digital-real integration index (dig_real), 0-100. See <c>src/Etl.Domain/Index/README.md</c> for the
/// formulas and a worked example. It is a pure function of integer aggregates, evaluated in a fixed order,
/// so it does not depend on the order in which records or files were read.
/// </summary>
public static class IntegrationIndex
{
    /// <summary>
    /// Computes the index over the universe <paramref name="universe"/> (unit-years in any order; each unit's
    /// years must be consecutive). Unit-years absent from <paramref name="aggregates"/> have zero applications.
    /// </summary>
    public static IndexResult Compute(
        IEnumerable<(CityCode Unit, int Year)> universe,
        IReadOnlyDictionary<(CityCode Unit, int Year), UnitYearAggregate> aggregates,
        IReadOnlyDictionary<int, NationalYear> national,
        IndexParameters parameters)
    {
        var cells = universe.Distinct().OrderBy(c => c.Unit.Value).ThenBy(c => c.Year).ToList();
        if (cells.Count < 2) throw new ArgumentException("the index needs at least two unit-years");
        var raw = new double[cells.Count][];

        var stock = 0.0;
        for (var i = 0; i < cells.Count; i++)
        {
            var (unit, year) = cells[i];
            var a = aggregates.GetValueOrDefault((unit, year));
            long f = a?.Integrated ?? 0, r = a?.RealOnly ?? 0;
            var first = i == 0 || cells[i - 1].Unit != unit || cells[i - 1].Year != year - 1;
            stock = first ? f / (parameters.InitialGrowth + parameters.Depreciation) : f + (1 - parameters.Depreciation) * stock;

            var nat = national.TryGetValue(year, out var n) ? n : new NationalYear(year, 0, 0, 0, 0);
            var nationalShare = nat.Integrated + nat.RealOnly > 0 ? (double)nat.Integrated / (nat.Integrated + nat.RealOnly) : 0;
            var share = f + r > 0 ? (double)f / (f + r) : 0;
            var pairs = (double)nat.DigitalSubclasses * nat.RealSubclasses;
            raw[i] =
            [
                Math.Log(1 + stock),
                a is null ? 0 : Entropy(a.IndustryTouches),
                nationalShare > 0 ? share / nationalShare : 0,
                pairs > 0 && a is not null ? a.NetworkEdges / pairs : 0,
            ];
        }

        const int m = 4;
        var min = new double[m];
        var max = new double[m];
        for (var j = 0; j < m; j++)
        {
            min[j] = raw.Min(x => x[j]);
            max[j] = raw.Max(x => x[j]);
        }
        var norm = raw.Select(x => Enumerable.Range(0, m).Select(j => max[j] > min[j] ? (x[j] - min[j]) / (max[j] - min[j]) : 0).ToArray()).ToArray();

        var entropy = new double[m];
        var divergence = new double[m];
        var logN = Math.Log(cells.Count);
        for (var j = 0; j < m; j++)
        {
            var total = 0.0;
            foreach (var x in norm) total += x[j];
            if (total <= 0) { entropy[j] = 1; continue; }
            var e = 0.0;
            foreach (var x in norm)
            {
                var p = x[j] / total;
                if (p > 0) e -= p * Math.Log(p);
            }
            entropy[j] = e / logN;
            divergence[j] = 1 - entropy[j];
        }
        var sumD = divergence.Sum();
        var weights = divergence.Select(d => sumD > 0 ? d / sumD : 1.0 / m).ToArray();

        var values = new List<IndexValue>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var s = 0.0;
            for (var j = 0; j < m; j++) s += weights[j] * norm[i][j];
            values.Add(new IndexValue(cells[i].Unit, cells[i].Year, raw[i], norm[i], 100 * s));
        }
        return new IndexResult(values, min, max, entropy, weights, parameters);
    }

    /// <summary>Shannon entropy (natural log) of the industry distribution of integrated applications; 0 when empty.</summary>
    public static double Entropy(IReadOnlyDictionary<string, long> touches)
    {
        var total = 0L;
        foreach (var (_, v) in touches.OrderBy(kv => kv.Key, StringComparer.Ordinal)) total += v;
        if (total == 0) return 0;
        var h = 0.0;
        foreach (var (_, v) in touches.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (v <= 0) continue;
            var p = (double)v / total;
            h -= p * Math.Log(p);
        }
        return h;
    }
}
