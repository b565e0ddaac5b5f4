using Etl.Estimation.Inference;

namespace Etl.Estimation.Results;

/// <summary>One row of the <c>test_statistics</c> table and of the tests table.</summary>
/// <param name="TestId">Id of the test in the specification.</param>
/// <param name="Kind">sobel, bootstrap_percentile, bootstrap_bc, permutation, difference_z or wild_cluster_bootstrap.</param>
/// <param name="Models">Model ids involved, comma-separated.</param>
/// <param name="Term">The coefficient (or a·b) concerned.</param>
/// <param name="StatisticName">What <paramref name="Statistic"/> is (Z, t, difference, z0, ...).</param>
/// <param name="Statistic">The test statistic.</param>
/// <param name="Estimate">The quantity tested or estimated (a·b, a difference, a coefficient).</param>
/// <param name="P">p-value, where the test has one.</param>
/// <param name="CiLevel">Confidence level of the interval, where there is one.</param>
/// <param name="CiLow">Lower bound.</param>
/// <param name="CiHigh">Upper bound.</param>
/// <param name="Reps">Replications (bootstrap samples, permutations).</param>
/// <param name="Failed">Replications that could not be estimated.</param>
/// <param name="Detail">How it was computed.</param>
public sealed record TestStatistic(string TestId, string Kind, string Models, string Term, string StatisticName, double Statistic,
    double Estimate, double? P, double? CiLevel, double? CiLow, double? CiHigh, int? Reps, int? Failed, string Detail);

/// <summary>Turns the results into test-statistic rows, in a fixed order.</summary>
public static class TestStatistics
{
    /// <summary>Every test of the run.</summary>
    public static IReadOnlyList<TestStatistic> From(StudyResults r)
    {
        var rows = new List<TestStatistic>();
        if (r.Mediation is { } m)
        {
            var models = $"{m.Spec.AModel},{m.Spec.BModel}";
            var term = $"{m.Spec.Treatment} -> {m.Spec.Mediator}: a*b";
            rows.Add(new TestStatistic(m.Spec.Id, "sobel", models, term, "Z", m.SobelZ, m.AB, m.SobelP, null, null, null, null, null,
                "Sobel (1982) first-order standard error of a*b from the clustered standard errors of a and b; normal p"));
            var boot = $"pairs cluster bootstrap resampling whole cities (each copy a new city), {m.Draws.Reps} replications, seed {r.Seed}{(m.Draws.FastPath ? "" : ", general engine")}";
            rows.Add(new TestStatistic(m.Spec.Id, "bootstrap_percentile", models, term, "bootstrap SE", m.BootstrapSe, m.AB, null, m.Spec.Level,
                m.Percentile.Low, m.Percentile.High, m.Draws.Reps, m.Draws.Failed, "percentile interval; " + boot));
            rows.Add(new TestStatistic(m.Spec.Id, "bootstrap_bc", models, term, "z0", m.Z0, m.AB, null, m.Spec.Level,
                m.BiasCorrected.Low, m.BiasCorrected.High, m.Draws.Reps, m.Draws.Failed, "bias-corrected interval (Efron 1987); " + boot));
        }
        foreach (var d in r.Differences)
        {
            var models = $"{d.Spec.ModelA},{d.Spec.ModelB}";
            var term = d.Spec.Term.ToString();
            rows.Add(new TestStatistic(d.Spec.Id, "permutation", models, term, "difference", d.Difference, d.Difference, d.Permutation.P, null, null, null,
                d.Permutation.Differences.Length, d.Permutation.Failed,
                FormattableString.Invariant($"Fisher permutation test: group labels permuted across {d.Permutation.CitiesA + d.Permutation.CitiesB} cities ({d.Permutation.CitiesA} vs {d.Permutation.CitiesB}), seed {r.Seed}; two-sided")));
            rows.Add(new TestStatistic(d.Spec.Id, "difference_z", models, term, "z", d.Z, d.Difference, d.PZ, null, null, null, null, null,
                "z = (b_A - b_B) / sqrt(se_A^2 + se_B^2) with the clustered standard errors; normal p"));
        }
        foreach (var w in r.Wild)
        {
            var res = w.Result;
            rows.Add(new TestStatistic($"wild_{w.ModelId}", "wild_cluster_bootstrap", w.ModelId, w.Term, "t", res.T, r.Model(w.ModelId).Fit[w.Term].Estimate, res.P,
                null, null, null, res.Reps, 0,
                FormattableString.Invariant($"restricted wild cluster bootstrap (WCR) of {w.Term} = 0, {res.Weights} weights, G = {res.Clusters}, {(res.Enumerated ? "all sign vectors enumerated" : $"{res.Reps} replications, seed {r.Seed}")}; symmetric p")));
        }
        return rows;
    }
}
