using Etl.Estimation.Engine;
using Etl.Estimation.Results;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Reporting;

/// <summary>
/// Builds a study table: one column per model (specification order), coefficient rows with stars and the
/// standard error in parentheses below, Yes/No rows for controls and fixed effects, N, clusters, R² and
/// within R², test rows, and the notes (standard errors, stars, the specification's notes, the snapshot).
/// </summary>
public static class TableBuilder
{
    /// <summary>The publication table <paramref name="table"/> of a run.</summary>
    public static PublicationTable Build(StudyResults r, TableSpec table)
    {
        var labels = new Labels(r.Spec, r.WarehouseLabels);
        var models = r.Models.Where(m => m.Spec.Table == table.Id).ToList();
        var decimals = r.Spec.Decimals;
        var lines = new List<TableLine>();

        // Rows: the table's own, or the terms to keep in their order; then every other term unless they stand
        // under one Yes/No row; the constant last; dropped terms never.
        var rowDefs = table.Keep.Count > 0 ? table.Keep.Select(t => new TableRowSpec(labels.Term(t), [t])).ToList() : table.Rows.ToList();
        var covered = rowDefs.SelectMany(d => d.Terms).ToHashSet(StringComparer.Ordinal);
        var others = models.SelectMany(m => m.Spec.Regressors).Select(t => t.ToString()).Distinct(StringComparer.Ordinal).Where(t => !covered.Contains(t)).ToList();
        if (table.OtherTerms is null && table.Keep.Count == 0) rowDefs.AddRange(others.Select(t => new TableRowSpec(labels.Term(t), [t])));
        if (table.Keep.Count == 0) rowDefs.Add(new TableRowSpec(labels.Term(FixedEffectsRegression.Constant), [FixedEffectsRegression.Constant]));
        rowDefs = rowDefs.Where(d => !d.Terms.All(table.Drop.Contains)).ToList();
        foreach (var def in rowDefs)
        {
            var coef = new List<Cell>();
            var se = new List<Cell>();
            foreach (var m in models)
            {
                var name = def.Terms.FirstOrDefault(t => m.Fit.Terms.Any(x => x.Name == t) || m.Fit.Omitted.Contains(t));
                var term = name is null ? null : m.Fit.Terms.FirstOrDefault(x => x.Name == name);
                if (term is not null)
                {
                    var d = NumberFormat.PairDecimals(term.Estimate, term.StdError, decimals);
                    coef.Add(new Cell(NumberFormat.WithDecimals(term.Estimate, d), Stars.For(term.P)));
                    se.Add(new Cell(table.Statistic switch
                    {
                        "t" => $"({NumberFormat.Fixed(term.T, 2)})",
                        "ci" => $"[{NumberFormat.WithDecimals(term.CiLow, d)}, {NumberFormat.WithDecimals(term.CiHigh, d)}]",
                        _ => $"({NumberFormat.WithDecimals(term.StdError, d)})",
                    }));
                }
                else
                {
                    coef.Add(name is null ? Cell.Empty : new Cell("omitted"));
                    se.Add(Cell.Empty);
                }
            }
            if (coef.All(c => c.Text.Length == 0)) continue;
            lines.Add(new TableLine(def.Label, coef, LineKind.Coefficient));
            lines.Add(new TableLine("", se, LineKind.StdError));
        }

        if (table.OtherTerms is { } otherLabel && others.Count > 0)
            lines.Add(new TableLine(otherLabel, models.Select(m => YesNo(m.Spec.Regressors.Any(t => !covered.Contains(t.ToString())))).ToList(), LineKind.Indicator));
        foreach (var fe in models.SelectMany(m => m.Spec.FixedEffects).Distinct(StringComparer.Ordinal))
            lines.Add(new TableLine(labels.FixedEffect(fe), models.Select(m => YesNo(m.Spec.FixedEffects.Contains(fe))).ToList(), LineKind.Indicator));

        lines.Add(new TableLine("Observations", models.Select(m => new Cell(NumberFormat.Integer(m.Fit.N))).ToList(), LineKind.Statistic));
        if (models.Any(m => m.Fit.Clusters is not null))
            lines.Add(new TableLine("Clusters", models.Select(m => m.Fit.Clusters is { } g ? new Cell(NumberFormat.Integer(g)) : Cell.Empty).ToList(), LineKind.Statistic));
        lines.Add(new TableLine("Mean of dependent variable", models.Select(m => new Cell(NumberFormat.Coefficient(m.Fit.MeanY, decimals))).ToList(), LineKind.Statistic));
        lines.Add(new TableLine("R²", models.Select(m => new Cell(NumberFormat.Fixed(m.Fit.R2, 3))).ToList(), LineKind.Statistic));
        lines.Add(new TableLine("Adjusted R²", models.Select(m => new Cell(NumberFormat.Fixed(m.Fit.R2Adjusted, 3))).ToList(), LineKind.Statistic));
        lines.Add(new TableLine("Within R²", models.Select(m => m.Spec.FixedEffects.Count > 0 ? new Cell(NumberFormat.Fixed(m.Fit.R2Within, 3)) : new Cell("–")).ToList(), LineKind.Statistic));
        lines.Add(new TableLine("F statistic", models.Select(m => new Cell(NumberFormat.Fixed(m.Fit.F, 2))).ToList(), LineKind.Statistic));
        lines.AddRange(TestLines(r, models, labels));

        var notes = new List<string> { StandardErrorNote(models, labels), Stars.Note };
        notes.AddRange(table.Notes);
        if (models.Any(m => m.Spec.FixedEffects.Count == 0)) notes.Add("Within R² is shown for models with fixed effects (R² after absorbing them, as reghdfe reports it).");
        if (models.Any(m => m.Fit.Omitted.Count > 0)) notes.Add("omitted: dropped because collinear with other regressors or the fixed effects.");
        notes.Add(SnapshotNote(r));
        foreach (var m in models.Where(m => m.Spec.PanelTable is not null))
            notes.Add($"{m.Spec.Label}: estimated on the panel variant {m.Spec.PanelTable} (sha256 {m.PanelHash[..Math.Min(16, m.PanelHash.Length)]}), built next to the main panel.");
        foreach (var m in r.Skipped.Where(m => m.Table == table.Id))
            notes.Add($"{m.Label}: not estimated, the warehouse has no table {m.PanelTable}.");
        notes.Insert(0, table.Statistic switch
        {
            "t" => "t statistics in parentheses.",
            "ci" => "95% confidence intervals in brackets.",
            _ => "Standard errors in parentheses.",
        });
        notes.Add("F statistic: joint Wald test of the regressors (with the column's standard errors).");
        return new PublicationTable(table.Title, models.Select(m => m.Spec.Label).ToList(), models.Select(m => labels.Term(m.Spec.Outcome)).ToList(), lines, notes);
    }

    /// <summary>The line naming the data the table came from.</summary>
    public static string SnapshotNote(StudyResults r) =>
        $"Warehouse panel snapshot sha256 {r.Panel.SnapshotHash[..16]} ({r.Panel.RowCount} rows, {r.Panel.CityCodes.Count} cities, {r.Panel.Years[0]}-{r.Panel.Years[^1]}); specification sha256 {r.Spec.Hash[..16]}.";

    private static Cell YesNo(bool yes) => new(yes ? "Yes" : "No");

    private static string StandardErrorNote(List<ModelEstimate> models, Labels labels)
    {
        var kinds = models.Select(m => (m.Spec.Vcov, m.Spec.Cluster)).Distinct().ToList();
        if (kinds.Count > 1) return "The type of standard errors differs between columns (see the estimates table).";
        return kinds[0].Vcov switch
        {
            VcovKind.Cluster => $"Standard errors are clustered by {labels.Cluster(kinds[0].Cluster!)} (CR1 with reghdfe's small-sample factor; t tests on G-1 degrees of freedom).",
            VcovKind.Robust => "Standard errors are heteroskedasticity-robust (HC1).",
            _ => "Standard errors are conventional (iid).",
        };
    }

    /// <summary>Rows for the tests whose models are columns of this table.</summary>
    private static IEnumerable<TableLine> TestLines(StudyResults r, List<ModelEstimate> models, Labels labels)
    {
        var ids = models.Select(m => m.Spec.Id).ToList();
        var d = r.Spec.Decimals;
        List<Cell> At(string id, Cell cell) => ids.Select(x => x == id ? cell : Cell.Empty).ToList();
        if (r.Mediation is { } med && ids.Contains(med.Spec.BModel))
        {
            var col = med.Spec.BModel;
            yield return new TableLine("Indirect effect a×b", At(col, new Cell(NumberFormat.Coefficient(med.AB, d), Stars.For(med.SobelP))), LineKind.Test);
            yield return new TableLine("Sobel Z", At(col, new Cell($"{NumberFormat.Fixed(med.SobelZ, 2)} (p {NumberFormat.PValue(med.SobelP)})")), LineKind.Test);
            var level = NumberFormat.Integer((long)Math.Round(med.Spec.Level * 100));
            yield return new TableLine($"Bootstrap {level}% CI, percentile", At(col, new Cell(NumberFormat.Interval(med.Percentile.Low, med.Percentile.High, d))), LineKind.Test);
            yield return new TableLine($"Bootstrap {level}% CI, bias-corrected", At(col, new Cell(NumberFormat.Interval(med.BiasCorrected.Low, med.BiasCorrected.High, d))), LineKind.Test);
            yield return new TableLine("Bootstrap replications", At(col, new Cell(NumberFormat.Integer(med.Draws.Reps))), LineKind.Test);
        }
        foreach (var group in r.Differences.Where(x => ids.Contains(x.Spec.ModelA) && ids.Contains(x.Spec.ModelB)).GroupBy(x => x.Spec.ModelA))
        {
            var cells = ids.Select(id => group.FirstOrDefault(x => x.Spec.ModelB == id) is { } x
                ? new Cell(NumberFormat.PValue(x.Permutation.P)) : Cell.Empty).ToList();
            yield return new TableLine($"Permutation p, difference from {r.Model(group.Key).Spec.Label}", cells, LineKind.Test);
        }
        var wild = r.Wild.Where(w => ids.Contains(w.ModelId)).ToList();
        if (wild.Count > 0)
            yield return new TableLine($"Wild cluster bootstrap p ({labels.Term(wild[0].Term)} = 0)",
                ids.Select(id => wild.FirstOrDefault(w => w.ModelId == id) is { } w ? new Cell(NumberFormat.PValue(w.Result.P)) : Cell.Empty).ToList(), LineKind.Test);
    }
}
