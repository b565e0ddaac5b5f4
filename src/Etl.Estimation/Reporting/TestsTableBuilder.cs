using Etl.Estimation.Results;

namespace Etl.Estimation.Reporting;

/// <summary>The table of test statistics: Sobel, bootstrap intervals, difference tests, wild cluster bootstrap.</summary>
public static class TestsTableBuilder
{
    /// <summary>Builds it from the run's <see cref="TestStatistics"/>.</summary>
    public static PublicationTable Build(StudyResults r)
    {
        var d = r.Spec.Decimals;
        string Label(string id) => r.Model(id).Spec.Label;
        var lines = new List<TableLine>();
        var notes = new List<string>();
        foreach (var t in TestStatistics.From(r))
        {
            var models = t.Models.Split(',');
            var name = t.Kind switch
            {
                "sobel" => "Sobel test of a×b",
                "bootstrap_percentile" => "Bootstrap a×b, percentile CI",
                "bootstrap_bc" => "Bootstrap a×b, bias-corrected CI",
                "permutation" => $"Permutation test, {Label(models[0])} vs {Label(models[1])}",
                "difference_z" => $"z-test, {Label(models[0])} vs {Label(models[1])}",
                "wild_cluster_bootstrap" => $"Wild cluster bootstrap, {Label(models[0])}",
                _ => t.Kind,
            };
            lines.Add(new TableLine(name,
            [
                new Cell(string.Join(", ", models)),
                new Cell(t.Term),
                new Cell(NumberFormat.Coefficient(t.Estimate, d)),
                new Cell($"{t.StatisticName} = {NumberFormat.Fixed(t.Statistic, t.StatisticName is "bootstrap SE" ? d : 2)}"),
                t.P is { } p ? new Cell(NumberFormat.PValue(p), Stars.For(p)) : new Cell("–"),
                t.CiLow is { } lo && t.CiHigh is { } hi ? new Cell(NumberFormat.Interval(lo, hi, d)) : new Cell("–"),
                t.Reps is { } reps ? new Cell(NumberFormat.Integer(reps)) : new Cell("–"),
            ], LineKind.Test));
            notes.Add($"{name}: {t.Detail}.");
        }
        notes.Add(Stars.Note);
        notes.Add(TableBuilder.SnapshotNote(r));
        return new PublicationTable(r.Spec.TestsTable.Title, ["Models", "Term", "Estimate", "Statistic", "p-value", "95% CI", "Replications"], [], lines, notes, "Test");
    }
}
