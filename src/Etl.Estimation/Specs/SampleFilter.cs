using System.Globalization;
using Etl.Estimation.Panel;

namespace Etl.Estimation.Specs;

/// <summary>One condition on a column: equal to one of some values, or within numeric bounds.</summary>
/// <param name="Column">The column.</param>
/// <param name="Values">Allowed values in canonical text (numbers in invariant round-trip form), or null.</param>
/// <param name="Min">Inclusive lower bound, or null.</param>
/// <param name="Max">Inclusive upper bound, or null.</param>
public sealed record FilterCondition(string Column, IReadOnlyList<string>? Values, double? Min, double? Max);

/// <summary>Which rows a model uses: every condition must hold (an empty filter keeps every row).</summary>
public sealed record SampleFilter(IReadOnlyList<FilterCondition> Conditions)
{
    /// <summary>The filter that keeps every row.</summary>
    public static SampleFilter All { get; } = new([]);

    /// <summary>Columns the filter reads.</summary>
    public IEnumerable<string> Columns => Conditions.Select(c => c.Column);

    /// <summary>Whether each panel row passes.</summary>
    public bool[] Apply(PanelTable panel)
    {
        var keep = Enumerable.Repeat(true, panel.RowCount).ToArray();
        foreach (var c in Conditions)
        {
            for (var i = 0; i < keep.Length; i++)
                if (keep[i]) keep[i] = Holds(c, panel, i);
        }
        return keep;
    }

    private static bool Holds(FilterCondition c, PanelTable panel, int row)
    {
        if (panel.Categorical.TryGetValue(c.Column, out var text))
            return text[row] is { } v && (c.Values is null || c.Values.Contains(v, StringComparer.Ordinal));
        if (c.Column == PanelContract.Unit)
            return c.Values is null || c.Values.Contains(panel.CityCodes[panel.CityIndex[row]], StringComparer.Ordinal);
        var value = c.Column == PanelContract.Time ? panel.Year[row] : panel.Numeric[c.Column][row];
        if (double.IsNaN(value)) return false;
        if (c.Values is not null && !c.Values.Contains(value.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal)) return false;
        return (c.Min is null || value >= c.Min) && (c.Max is null || value <= c.Max);
    }

    /// <summary>Readable form, e.g. <c>region = east</c>.</summary>
    public override string ToString() => Conditions.Count == 0 ? "all rows" : string.Join(" and ", Conditions.Select(c =>
        c.Values is { } v ? $"{c.Column} {(v.Count == 1 ? "= " + v[0] : "in (" + string.Join(", ", v) + ")")}"
        : string.Join(" and ", new[] { c.Min is { } lo ? $"{c.Column} >= {lo.ToString("R", CultureInfo.InvariantCulture)}" : null, c.Max is { } hi ? $"{c.Column} <= {hi.ToString("R", CultureInfo.InvariantCulture)}" : null }.OfType<string>())));
}
