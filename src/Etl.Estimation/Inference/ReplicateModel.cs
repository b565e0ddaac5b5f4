using Etl.Estimation.Design;
using Etl.Estimation.Engine;
using Etl.Estimation.Panel;

namespace Etl.Estimation.Inference;

/// <summary>
/// One model re-estimated on city-weighted replicates of its sample (bootstrap draws, permuted groups): the
/// weight of a city is its number of copies, each copy a new city for the fixed effects and the clusters.
/// Balanced samples with city (and year) effects take the exact fast path <see cref="CityWeightedWithinOls"/>;
/// anything else materialises the replicate and fits it with <see cref="FixedEffectsRegression"/>.
/// </summary>
internal sealed class ReplicateModel
{
    private readonly ModelDesign _design;
    private readonly CityWeightedWithinOls? _fast;
    private readonly int[][] _rowsOfCity; // design row indices per city

    private ReplicateModel(ModelDesign design, bool allowFastPath)
    {
        _design = design;
        var city = design.City;
        Cities = city.Distinct().Order().ToArray();
        var position = Cities.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var rows = Cities.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < city.Length; i++) rows[position[city[i]]].Add(i);
        _rowsOfCity = rows.Select(r => r.ToArray()).ToArray();
        if (allowFastPath) _fast = TryFast(design, _rowsOfCity);
    }

    /// <summary>Panel city indices of the sample, ascending; weights follow this order.</summary>
    public int[] Cities { get; }

    /// <summary>Whether replicates take the balanced fast path.</summary>
    public bool IsFast => _fast is not null;

    /// <summary>Prepares replicates of <paramref name="design"/>.</summary>
    public static ReplicateModel Create(ModelDesign design, bool allowFastPath = true) => new(design, allowFastPath);

    /// <summary>Position of a regressor by its term text.</summary>
    public int TermIndex(string term)
    {
        var names = _design.Model.Regressors.Select(r => r.ToString()).ToList();
        var i = names.IndexOf(term);
        return i >= 0 ? i : throw new KeyNotFoundException($"model '{_design.Model.Id}' has no regressor '{term}'");
    }

    /// <summary>Per-thread scratch space.</summary>
    public object CreateWorkspace() => _fast is null ? new double[_design.X.Length] : new FastWorkspace(_fast.CreateWorkspace(), new double[_fast.Regressors]);

    private sealed record FastWorkspace(CityWeightedWithinOls.Workspace Inner, double[] Beta);

    /// <summary>The coefficient of regressor <paramref name="term"/> with integer city weights; NaN when the replicate is singular.</summary>
    public double Coefficient(ReadOnlySpan<double> weights, int term, object workspace)
    {
        if (weights.Length != Cities.Length) throw new ArgumentException("one weight per city");
        if (_fast is not null)
        {
            var ws = (FastWorkspace)workspace;
            return _fast.TrySolve(weights, ws.Beta, ws.Inner) ? ws.Beta[term] : double.NaN;
        }
        return Materialised(weights, term);
    }

    private double Materialised(ReadOnlySpan<double> weights, int term)
    {
        var d = _design;
        var model = d.Model;
        var unitFe = model.FixedEffects.Select(f => f == PanelContract.Unit).ToArray();
        var clusterIsUnit = model.Cluster == PanelContract.Unit;
        var y = new List<double>();
        var x = d.X.Select(_ => new List<double>()).ToArray();
        var fe = d.FixedEffects.Select(_ => new List<int>()).ToArray();
        var cl = d.Cluster is null ? null : new List<int>();
        var copy = 0;
        for (var c = 0; c < Cities.Length; c++)
        {
            var w = weights[c];
            if (w != Math.Floor(w) || w < 0) throw new ArgumentException("replicate weights must be non-negative integers");
            for (var k = 0; k < (int)w; k++, copy++)
                foreach (var i in _rowsOfCity[c])
                {
                    y.Add(d.Y[i]);
                    for (var j = 0; j < x.Length; j++) x[j].Add(d.X[j][i]);
                    // A copy is a new city: its city label (and cluster, when clustering by city) is the copy number.
                    for (var f = 0; f < fe.Length; f++) fe[f].Add(unitFe[f] ? copy : d.FixedEffects[f][i]);
                    cl?.Add(clusterIsUnit ? copy : d.Cluster![i]);
                }
        }
        var input = d.ToInput() with
        {
            Y = [.. y],
            X = x.Select(c => c.ToArray()).ToList(),
            FixedEffects = fe.Select(f => f.ToArray()).ToList(),
            Cluster = cl?.ToArray(),
        };
        RegressionResult result;
        try { result = FixedEffectsRegression.Fit(input); }
        catch (InvalidOperationException) { return double.NaN; } // a degenerate replicate (no residual degrees of freedom): counted as failed
        var name = model.Regressors[term].ToString();
        return result.Terms.FirstOrDefault(t => t.Name == name)?.Estimate ?? double.NaN;
    }

    /// <summary>The fast path, when the sample is balanced and the fixed effects are city, or city and year.</summary>
    private static CityWeightedWithinOls? TryFast(ModelDesign d, int[][] rowsOfCity)
    {
        var fe = d.Model.FixedEffects;
        var time = fe.Count == 2 && fe.Contains(PanelContract.Unit) && fe.Contains(PanelContract.Time);
        if (!time && !(fe.Count == 1 && fe[0] == PanelContract.Unit)) return null;
        var years = d.Year;
        var first = rowsOfCity[0].Select(i => years[i]).ToArray();
        if (first.Length < 2 || rowsOfCity.Length < 2) return null;
        foreach (var rows in rowsOfCity)
            if (rows.Length != first.Length || !rows.Select(i => years[i]).SequenceEqual(first)) return null;
        var order = rowsOfCity.SelectMany(r => r).ToArray();
        var columns = d.X.Prepend(d.Y).Select(col => order.Select(i => col[i]).ToArray()).ToList();
        return new CityWeightedWithinOls(rowsOfCity.Length, first.Length, columns, time);
    }
}
