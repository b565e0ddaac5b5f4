using System.Globalization;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Reporting;

/// <summary>
/// English labels of terms, one per variable in every table, plot and report. A column: the specification's
/// label, else the catalogue's (<c>variables.label_en</c>), else its name, followed by its unit in words from the
/// catalogue (<c>GDP per capita (yuan per person)</c>) unless the label already names it. A transform: the
/// specification's label of the exact term text, else a phrase built around its argument's label (ln x, ln(1 + x)
/// without the unit; x lagged one year, x winsorised p/q with it).
/// </summary>
public sealed class Labels(StudySpec spec, IReadOnlyDictionary<string, VariableLabel> warehouse)
{
    /// <summary>The label of a column without its unit.</summary>
    public string Name(string column) =>
        spec.Labels.TryGetValue(column, out var l) ? l : warehouse.TryGetValue(column, out var w) ? w.Label : column;

    /// <summary>The unit of a column in words, or "".</summary>
    public string Unit(string column) => warehouse.TryGetValue(column, out var w) && w.Unit is { Length: > 0 } u ? u : "";

    private string WithUnit(string column)
    {
        var (name, unit) = (Name(column), Unit(column));
        return unit.Length == 0 || name.Contains(unit, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({unit})";
    }

    /// <summary>The label of a term given by its text.</summary>
    public string Term(string term)
    {
        try { return Term(TermParser.Parse(term)); }
        catch (FormatException) { return term; } // not a term expression: show it as it is
    }

    /// <summary>The label of a parsed term.</summary>
    public string Term(TermExpression term) => term switch
    {
        ColumnTerm c => WithUnit(c.Column),
        _ when spec.Labels.TryGetValue(term.ToString(), out var l) => l,
        TransformTerm { Kind: TransformKind.Log, Inner: ColumnTerm c } => $"ln {Name(c.Column)}",
        TransformTerm { Kind: TransformKind.Log1p, Inner: ColumnTerm c } => $"ln(1 + {Name(c.Column)})",
        TransformTerm { Kind: TransformKind.Log } t => $"ln {Term(t.Inner)}",
        TransformTerm { Kind: TransformKind.Log1p } t => $"ln(1 + {Term(t.Inner)})",
        TransformTerm { Kind: TransformKind.Lag } t => $"{Term(t.Inner)}, lagged one year",
        TransformTerm { Kind: TransformKind.Winsor } t => string.Create(CultureInfo.InvariantCulture, $"{Term(t.Inner)}, winsorised {t.Arguments[0]}/{t.Arguments[1]}"),
        _ => term.ToString(),
    };

    /// <summary>The label of a fixed-effect row.</summary>
    public string FixedEffect(string column) => spec.FixedEffectLabels.GetValueOrDefault(column, column + " FE");

    /// <summary>The cluster variable as named in the standard-error note.</summary>
    public string Cluster(string column) => spec.ClusterLabels.GetValueOrDefault(column, column);
}
