using System.Globalization;

namespace Etl.Estimation.Specs;

/// <summary>
/// A model variable: a panel column, or a transform of one. The text form is what the specification
/// writes and what the result tables call the term: <c>dig_real</c>, <c>log1p(nq_rev)</c>, <c>log(gdp)</c>,
/// <c>lag(dig_real)</c>, <c>winsor(nq_rev, 1, 99)</c>; transforms nest (<c>lag(log(gdp))</c>).
/// </summary>
public abstract record TermExpression
{
    /// <summary>The panel columns the expression reads.</summary>
    public abstract IEnumerable<string> Columns { get; }

    /// <summary>Whether the value of a row depends on which rows are in the estimation sample (winsorising does).</summary>
    public abstract bool IsSampleDependent { get; }

    /// <summary>The canonical text (single spaces after commas, no other whitespace).</summary>
    public abstract override string ToString();
}

/// <summary>A panel column as it is.</summary>
public sealed record ColumnTerm(string Column) : TermExpression
{
    /// <inheritdoc />
    public override IEnumerable<string> Columns => [Column];

    /// <inheritdoc />
    public override bool IsSampleDependent => false;

    /// <inheritdoc />
    public override string ToString() => Column;
}

/// <summary>A transform applied to an inner expression, with numeric arguments (the winsorising percentiles).</summary>
public sealed record TransformTerm(TransformKind Kind, TermExpression Inner, IReadOnlyList<double> Arguments) : TermExpression
{
    /// <inheritdoc />
    public override IEnumerable<string> Columns => Inner.Columns;

    /// <inheritdoc />
    public override bool IsSampleDependent => Kind == TransformKind.Winsor || Inner.IsSampleDependent;

    /// <inheritdoc />
    public override string ToString() =>
        $"{TermParser.Name(Kind)}({string.Join(", ", Arguments.Select(a => a.ToString("R", CultureInfo.InvariantCulture)).Prepend(Inner.ToString()))})";

    /// <summary>Value equality that compares the arguments element by element.</summary>
    public bool Equals(TransformTerm? other) =>
        other is not null && Kind == other.Kind && Inner.Equals(other.Inner) && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Inner, Arguments.Count);
}

/// <summary>The transforms a model variable can take.</summary>
public enum TransformKind
{
    /// <summary>Natural logarithm; missing where x ≤ 0.</summary>
    Log,

    /// <summary>ln(1 + x), accurate for small x; missing where x ≤ -1.</summary>
    Log1p,

    /// <summary>The value of the same city one year earlier; missing in a city's first year.</summary>
    Lag,

    /// <summary>Clipped to its p_low and p_high percentiles over the model's estimation sample.</summary>
    Winsor,
}
