using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Design;

/// <summary>Computes a term's value on every panel row (NaN where missing).</summary>
internal static class TermEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="term"/>. Winsorising needs the estimation sample: with
    /// <paramref name="sample"/> null it is the identity (enough to find which rows are missing, since
    /// clipping never makes a value missing); with the sample it clips to that sample's percentiles.
    /// </summary>
    public static double[] Evaluate(TermExpression term, PanelTable panel, bool[]? sample) => term switch
    {
        ColumnTerm c => Column(c.Column, panel),
        TransformTerm { Kind: Specs.TransformKind.Log } t => Evaluate(t.Inner, panel, sample).Select(Transforms.Log).ToArray(),
        TransformTerm { Kind: Specs.TransformKind.Log1p } t => Evaluate(t.Inner, panel, sample).Select(Transforms.Log1p).ToArray(),
        TransformTerm { Kind: Specs.TransformKind.Lag } t => Lag(Evaluate(t.Inner, panel, sample), panel),
        TransformTerm { Kind: Specs.TransformKind.Winsor } t => sample is null
            ? Evaluate(t.Inner, panel, null)
            : Transforms.Winsorize(Evaluate(t.Inner, panel, sample), sample, t.Arguments[0], t.Arguments[1]),
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "unknown term kind"),
    };

    private static double[] Column(string name, PanelTable panel)
    {
        if (name == PanelContract.Time) return panel.Year.Select(y => (double)y).ToArray();
        if (panel.Numeric.TryGetValue(name, out var values)) return (double[])values.Clone();
        throw new InvalidDataException(panel.Categorical.ContainsKey(name) || name == PanelContract.Unit
            ? $"{panel.Source}: table {panel.Table}, column {name} is categorical and cannot be a regressor or outcome"
            : $"{panel.Source}: table {panel.Table} has no column {name}");
    }

    /// <summary>Value of the same city in the previous calendar year (missing when that row does not exist).</summary>
    private static double[] Lag(double[] inner, PanelTable panel)
    {
        var result = new double[inner.Length];
        for (var i = 0; i < inner.Length; i++)
        {
            var previous = panel.RowOf(panel.CityIndex[i], panel.Year[i] - 1);
            result[i] = previous < 0 ? double.NaN : inner[previous];
        }
        return result;
    }
}
