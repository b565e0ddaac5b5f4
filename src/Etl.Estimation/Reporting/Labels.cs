using System.Globalization;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Reporting;

/// <summary>
/// English labels of terms. A column: the warehouse's <c>variables.label_en</c>, else the specification's
/// label, else its name. A transform: the specification's label of the exact term text, else a phrase built
/// around its argument's label (ln x, ln(1 + x), x lagged one year, x winsorised p/q).
/// </summary>
public sealed class Labels(StudySpec spec, IReadOnlyDictionary<string, VariableLabel> warehouse)
{
    /// <summary>The label of a term given by its text.</summary>
    public string Term(string term)
    {
        try { return Term(TermParser.Parse(term)); }
        catch (FormatException) { return term; } // not a term expression: show it as it is
    }

    /// <summary>The label of a parsed term.</summary>
    public string Term(TermExpression term) => term switch
    {
        ColumnTerm c => warehouse.TryGetValue(c.Column, out var w) ? w.Label : spec.Labels.GetValueOrDefault(c.Column, c.Column),
        _ when spec.Labels.TryGetValue(term.ToString(), out var l) => l,
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
