namespace Etl.Estimation.Reporting;

/// <summary>A table cell: text, plus significance stars each format typesets its own way.</summary>
/// <param name="Text">The text.</param>
/// <param name="Stars">"", "*", "**" or "***".</param>
public sealed record Cell(string Text, string Stars = "")
{
    /// <summary>An empty cell.</summary>
    public static Cell Empty { get; } = new("");

    /// <summary>The cell as plain text (stars appended).</summary>
    public override string ToString() => Text + Stars;
}

/// <summary>What a line of a table is, for layout (rules, indentation).</summary>
public enum LineKind
{
    /// <summary>A coefficient.</summary>
    Coefficient,

    /// <summary>The standard error under a coefficient (label empty).</summary>
    StdError,

    /// <summary>A Yes/No indicator (fixed effects, controls).</summary>
    Indicator,

    /// <summary>A model statistic (N, R²).</summary>
    Statistic,

    /// <summary>A test result added under the models.</summary>
    Test,
}

/// <summary>One line: a label and one cell per column.</summary>
/// <param name="Label">Row label.</param>
/// <param name="Cells">Cells, one per column.</param>
/// <param name="Kind">What the line is.</param>
public sealed record TableLine(string Label, IReadOnlyList<Cell> Cells, LineKind Kind);

/// <summary>
/// A publication table independent of output format: caption, column headers (two header rows: the
/// model labels and the outcomes), lines, and notes. A rule separates lines of different kinds.
/// </summary>
/// <param name="Title">Caption.</param>
/// <param name="Columns">First header row.</param>
/// <param name="SubColumns">Second header row (may be empty).</param>
/// <param name="Lines">Body.</param>
/// <param name="Notes">Notes under the table.</param>
/// <param name="StubHeader">Header of the label column.</param>
public sealed record PublicationTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<string> SubColumns, IReadOnlyList<TableLine> Lines,
    IReadOnlyList<string> Notes, string StubHeader = "")
{
    /// <summary>Whether a rule goes above line <paramref name="i"/> (a new group of lines starts).</summary>
    public bool RuleAbove(int i) => i > 0 && Group(Lines[i].Kind) != Group(Lines[i - 1].Kind);

    private static int Group(LineKind k) => k is LineKind.Coefficient or LineKind.StdError ? 0 : (int)k;
}
