using System.Globalization;
using System.Text;
using Etl.Estimation.Engine;
using Etl.Estimation.Results;

namespace Etl.Estimation.Reporting;

/// <summary>Machine-readable CSVs of the results, with the columns of the warehouse tables and full precision.</summary>
public static class LongTables
{
    private static string R(double? v) => v is { } d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string I(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>One row per model and term, as the <c>estimates</c> table.</summary>
    public static string Estimates(StudyResults r)
    {
        var sb = new StringBuilder();
        CsvWriter.Row(sb, ["model", "table_id", "label", "outcome", "term", "omitted", "estimate", "std_error", "t", "p", "ci_low", "ci_high", "df",
            "vcov", "cluster", "n", "g", "k", "singletons", "dropped_missing", "r2", "r2_adj", "r2_within", "r2_within_adj", "f", "snapshot_sha256"]);
        foreach (var m in r.Models)
        {
            var f = m.Fit;
            foreach (var name in m.Spec.Regressors.Select(x => x.ToString()).Append(FixedEffectsRegression.Constant))
            {
                var t = f.Terms.FirstOrDefault(x => x.Name == name);
                var omitted = f.Omitted.Contains(name);
                if (t is null && !omitted) continue;
                CsvWriter.Row(sb, [m.Spec.Id, m.Spec.Table, m.Spec.Label, m.Spec.Outcome.ToString(), name, omitted ? "1" : "0", R(t?.Estimate), R(t?.StdError),
                    R(t?.T), R(t?.P), R(t?.CiLow), R(t?.CiHigh), I(f.DfResidual), f.VcovKind.ToString().ToLowerInvariant(), m.Spec.Cluster ?? "",
                    I(f.N), I(f.Clusters), I(f.K), I(f.Singletons), I(m.DroppedMissing), R(f.R2), R(f.R2Adjusted), R(f.R2Within), R(f.R2WithinAdjusted), R(f.F),
                    r.Panel.SnapshotHash]);
            }
        }
        return sb.ToString();
    }

    /// <summary>One row per test statistic, as the <c>test_statistics</c> table.</summary>
    public static string Tests(StudyResults r)
    {
        var sb = new StringBuilder();
        CsvWriter.Row(sb, ["test_id", "kind", "models", "term", "statistic_name", "statistic", "estimate", "p", "ci_level", "ci_low", "ci_high", "reps", "failed_reps", "seed", "detail", "snapshot_sha256"]);
        foreach (var t in TestStatistics.From(r))
            CsvWriter.Row(sb, [t.TestId, t.Kind, t.Models, t.Term, t.StatisticName, R(t.Statistic), R(t.Estimate), R(t.P), R(t.CiLevel), R(t.CiLow), R(t.CiHigh),
                I(t.Reps), I(t.Failed), r.Seed.ToString(CultureInfo.InvariantCulture), t.Detail, r.Panel.SnapshotHash]);
        return sb.ToString();
    }
}
