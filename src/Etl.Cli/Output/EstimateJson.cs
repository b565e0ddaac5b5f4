using Etl.Estimation;
using Etl.Estimation.Results;

namespace Etl.Cli.Output;

/// <summary>The payload of <c>etl estimate --json</c> (schema etl.estimate/1, documented in JSON.md).</summary>
internal static class EstimateJson
{
    public static object Of(StudyOptions options, StudyResults r, double seconds) => new
    {
        Database = options.DatabasePath,
        Output = options.OutputDirectory,
        r.ResultSet,
        r.EstimationId,
        r.RunId,
        PanelTable = r.Panel.Table,
        PanelHash = r.Panel.SnapshotHash,
        BuildRunId = r.Build?.RunId,
        BuildCommit = r.Build?.Commit,
        Rows = r.Panel.RowCount,
        Cities = r.Panel.CityCodes.Count,
        Years = r.Panel.Years.Count,
        Seed = r.Seed,
        Seconds = Math.Round(seconds, 3),
        Models = r.Models.Select(m => new
        {
            m.Spec.Id,
            m.Spec.Table,
            m.Spec.Label,
            Outcome = m.Spec.Outcome.ToString(),
            m.Fit.N,
            Clusters = m.Fit.Clusters,
            R2Within = Finite(m.Fit.R2Within),
            Terms = m.Fit.Terms.Select(t => new
            {
                t.Name,
                Estimate = Finite(t.Estimate),
                StdError = Finite(t.StdError),
                T = Finite(t.T),
                P = Finite(t.P),
            }).ToList(),
        }).ToList(),
        Tests = TestStatistics.From(r).Select(t => new
        {
            t.TestId, t.Kind, t.Models, t.Term, t.StatisticName,
            Statistic = Finite(t.Statistic),
            Estimate = Finite(t.Estimate),
            P = Finite(t.P),
            CiLow = Finite(t.CiLow),
            CiHigh = Finite(t.CiHigh),
            t.Reps,
        }).ToList(),
        r.Notes,
    };

    /// <summary>NaN and infinities have no JSON number: they are null.</summary>
    private static double? Finite(double? v) => v is { } d && double.IsFinite(d) ? d : null;
}
