using Etl.Estimation.Engine;

namespace Etl.Estimation.Specs;

/// <summary>The whole study as data: models, tables, the mechanism, the group tests and the plots (see the README).</summary>
public sealed record StudySpec
{
    /// <summary>The file the specification came from (for messages), or the bundled resource name.</summary>
    public required string Source { get; init; }

    /// <summary>SHA-256 (hex) of the specification file's bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>The file's text, copied next to the results.</summary>
    public required string Text { get; init; }

    /// <summary>Title of the study.</summary>
    public required string Study { get; init; }

    /// <summary>Seed of every resampling procedure (overridable on the command line).</summary>
    public required ulong Seed { get; init; }

    /// <summary>The panel table and whether it must be balanced.</summary>
    public required PanelSpec Panel { get; init; }

    /// <summary>Labels of terms and columns for the publication tables (override the warehouse's variable labels).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Labels of the fixed-effect rows, by column.</summary>
    public required IReadOnlyDictionary<string, string> FixedEffectLabels { get; init; }

    /// <summary>Labels of cluster variables in the standard-error note, by column.</summary>
    public required IReadOnlyDictionary<string, string> ClusterLabels { get; init; }

    /// <summary>Decimals of coefficients and standard errors (more for numbers below 0.01, to keep three significant digits).</summary>
    public required int Decimals { get; init; }

    /// <summary>Every model, in file order (which is the column order within a table).</summary>
    public required IReadOnlyList<ModelSpec> Models { get; init; }

    /// <summary>Publication tables.</summary>
    public required IReadOnlyList<TableSpec> Tables { get; init; }

    /// <summary>The mediation analysis, when the study has one.</summary>
    public MechanismSpec? Mechanism { get; init; }

    /// <summary>Tests of coefficient differences between groups.</summary>
    public required IReadOnlyList<DifferenceTestSpec> DifferenceTests { get; init; }

    /// <summary>The wild cluster bootstrap for models with few clusters, when requested.</summary>
    public WildBootstrapSpec? WildBootstrap { get; init; }

    /// <summary>The table of test statistics.</summary>
    public required TestsTableSpec TestsTable { get; init; }

    /// <summary>Plots.</summary>
    public required IReadOnlyList<PlotSpec> Plots { get; init; }

    /// <summary>The model with this id.</summary>
    public ModelSpec Model(string id) => Models.First(m => m.Id == id);
}

/// <summary>Where the panel is and what shape it must have.</summary>
/// <param name="Table">Table or view to read.</param>
/// <param name="RequireBalanced">Fail when some city lacks some year.</param>
public sealed record PanelSpec(string Table, bool RequireBalanced);

/// <summary>One regression.</summary>
/// <param name="Id">Unique id (the <c>model</c> column of the results).</param>
/// <param name="Table">Id of the publication table it appears in.</param>
/// <param name="Label">Column header in that table, e.g. "(1)" or "East".</param>
/// <param name="Outcome">Dependent variable.</param>
/// <param name="Regressors">Regressors, variable sets expanded, in order.</param>
/// <param name="FixedEffects">Columns whose fixed effects are absorbed.</param>
/// <param name="Cluster">Cluster column for clustered standard errors, else null.</param>
/// <param name="Vcov">Variance estimator.</param>
/// <param name="Sample">Which rows the model uses.</param>
/// <param name="Canonical">The model's definition as canonical JSON (stored with every result row).</param>
public sealed record ModelSpec(
    string Id, string Table, string Label, TermExpression Outcome, IReadOnlyList<TermExpression> Regressors,
    IReadOnlyList<string> FixedEffects, string? Cluster, VcovKind Vcov, SampleFilter Sample, string Canonical)
{
    /// <summary>
    /// The panel table this model runs on when it is not the specification's (a build variant such as
    /// <c>panel_ipc_only</c>); null for the specification's panel.
    /// </summary>
    public string? PanelTable { get; init; }

    /// <summary>Every term of the model, outcome first.</summary>
    public IEnumerable<TermExpression> Terms => Regressors.Prepend(Outcome);

    /// <summary>Whether two models differ at most in their sample filter (and id, table, label).</summary>
    public bool SameEquation(ModelSpec other) =>
        Outcome.Equals(other.Outcome) && Regressors.SequenceEqual(other.Regressors) && FixedEffects.SequenceEqual(other.FixedEffects)
        && Cluster == other.Cluster && Vcov == other.Vcov;
}

/// <summary>A row of a publication table that gathers terms of several columns (e.g. dig_real and its lag).</summary>
/// <param name="Label">Row label.</param>
/// <param name="Terms">Term texts shown in this row; a column shows the first it has.</param>
public sealed record TableRowSpec(string Label, IReadOnlyList<string> Terms);

/// <summary>A publication table.</summary>
/// <param name="Id">Id models refer to.</param>
/// <param name="File">File name stem under the output folder.</param>
/// <param name="Title">Caption.</param>
/// <param name="Rows">Coefficient rows; empty shows every term in order of first appearance.</param>
/// <param name="OtherTerms">Label of a Yes/No row standing for the terms not in <paramref name="Rows"/> (e.g. "Controls"), or null to show them.</param>
/// <param name="Notes">Notes printed under the table.</param>
public sealed record TableSpec(string Id, string File, string Title, IReadOnlyList<TableRowSpec> Rows, string? OtherTerms, IReadOnlyList<string> Notes)
{
    /// <summary>Terms to show, in this order, when given (esttab's keep and order); others are left out.</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>Terms never shown (esttab's drop), <c>_cons</c> included.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>What goes in brackets under each coefficient: <c>se</c> (the default), <c>t</c>, or <c>ci</c> (the 95% interval).</summary>
    public string Statistic { get; init; } = "se";
}

/// <summary>The mediation analysis: treatment → mediator (a), mediator → outcome (b), Sobel test and a city bootstrap of a·b.</summary>
/// <param name="Id">Id of the test rows.</param>
/// <param name="Treatment">The treatment term (in the a model's regressors).</param>
/// <param name="Mediator">The mediator term (the a model's outcome, in the b model's regressors).</param>
/// <param name="AModel">Model of the mediator on the treatment.</param>
/// <param name="BModel">Model of the outcome on the mediator, as the study writes it.</param>
/// <param name="BWithTreatmentModel">The variant of the b model that also controls for the treatment, if any.</param>
/// <param name="Reps">Bootstrap replications.</param>
/// <param name="Level">Confidence level of the bootstrap intervals.</param>
public sealed record MechanismSpec(string Id, TermExpression Treatment, TermExpression Mediator, string AModel, string BModel, string? BWithTreatmentModel, int Reps, double Level);

/// <summary>A test of the difference of one coefficient between two models on disjoint groups of cities.</summary>
/// <param name="Id">Id of the test rows.</param>
/// <param name="ModelA">First group's model.</param>
/// <param name="ModelB">Second group's model (same equation, other sample).</param>
/// <param name="Term">The coefficient compared.</param>
/// <param name="Permutations">Permutations of the group labels across cities.</param>
public sealed record DifferenceTestSpec(string Id, string ModelA, string ModelB, TermExpression Term, int Permutations);

/// <summary>The restricted wild cluster bootstrap (WCR) of one coefficient, for listed models with few clusters.</summary>
/// <param name="Models">Candidate models.</param>
/// <param name="Term">The coefficient tested (null hypothesis: zero).</param>
/// <param name="MaxClusters">Run where the model has fewer clusters than this.</param>
/// <param name="Reps">Bootstrap replications.</param>
/// <param name="Weights">"auto", "rademacher" or "webb".</param>
/// <param name="WebbBelow">With "auto": Webb's six-point weights below this many clusters, Rademacher from it on.</param>
public sealed record WildBootstrapSpec(IReadOnlyList<string> Models, TermExpression Term, int MaxClusters, int Reps, string Weights, int WebbBelow);

/// <summary>The table of test statistics.</summary>
/// <param name="File">File name stem.</param>
/// <param name="Title">Caption.</param>
public sealed record TestsTableSpec(string File, string Title);

/// <summary>A plot.</summary>
/// <param name="Id">Id.</param>
/// <param name="File">File name stem of the PNG.</param>
/// <param name="Kind">"coefficients" (a term across models with 95% intervals) or "bootstrap" (the distribution of a·b).</param>
/// <param name="Title">Title.</param>
/// <param name="Models">Models of a coefficient plot.</param>
/// <param name="Term">Term of a coefficient plot.</param>
/// <param name="Labels">Axis labels of the models of a coefficient plot (empty: the models' column labels).</param>
public sealed record PlotSpec(string Id, string File, string Kind, string Title, IReadOnlyList<string> Models, TermExpression? Term, IReadOnlyList<string> Labels);
