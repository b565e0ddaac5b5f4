using Etl.Estimation.Design;

namespace Etl.Estimation.Inference;

/// <summary>The permutation distribution of a coefficient difference between two groups of cities.</summary>
/// <param name="Observed">β_A - β_B on the actual groups.</param>
/// <param name="Differences">β_A - β_B of each permutation (NaN where singular).</param>
/// <param name="P">Two-sided p-value (1 + #{|d*| ≥ |d|}) / (1 + valid permutations).</param>
/// <param name="CitiesA">Cities in the first group.</param>
/// <param name="CitiesB">Cities in the second group.</param>
/// <param name="FastPath">Whether the balanced fast path was used.</param>
public sealed record PermutationResult(double Observed, double[] Differences, double P, int CitiesA, int CitiesB, bool FastPath)
{
    /// <summary>Permutations where a group's model could not be estimated.</summary>
    public int Failed => Differences.Count(d => !double.IsFinite(d));
}

/// <summary>
/// Fisher's permutation test of β_A = β_B between two models that differ only in their sample: pool the two
/// groups' cities, deal the group labels out again at random (keeping the group sizes; whole cities move),
/// re-estimate both models, and compare |β*_A - β*_B| with the observed |β_A - β_B| (Fisher 1935, The
/// Design of Experiments, §21; Efron and Tibshirani 1993, ch. 15; the p-value adds one to numerator and
/// denominator so it is never zero, Phipson and Smyth 2010, SAGMB 9).
/// </summary>
internal static class PermutationTest
{
    /// <summary>Relative tolerance under which a permuted difference counts as equal to the observed one.</summary>
    public const double TieTolerance = 1e-10;

    /// <summary>Runs the test; permutation r draws from stream (seed, "permutation:" + id, r).</summary>
    public static PermutationResult Run(string id, ModelDesign pooled, IReadOnlySet<int> groupA, IReadOnlySet<int> groupB, string term,
        ulong seed, int permutations, int threads, bool allowFastPath = true)
    {
        var model = ReplicateModel.Create(pooled, allowFastPath);
        var index = model.TermIndex(term);
        var cities = model.Cities;
        if (cities.Any(c => groupA.Contains(c) == groupB.Contains(c)))
            throw new InvalidDataException($"{pooled.Panel.Source}: difference test '{id}': every city of the pooled sample must belong to exactly one of the two groups");
        var sizeA = cities.Count(groupA.Contains);
        double Difference(ReadOnlySpan<double> inA, double[] wa, double[] wb, object ws)
        {
            for (var i = 0; i < inA.Length; i++)
            {
                wa[i] = inA[i];
                wb[i] = 1 - inA[i];
            }
            return model.Coefficient(wa, index, ws) - model.Coefficient(wb, index, ws);
        }

        var actual = cities.Select(c => groupA.Contains(c) ? 1.0 : 0.0).ToArray();
        var observed = Difference(actual, new double[cities.Length], new double[cities.Length], model.CreateWorkspace());
        var diffs = new double[permutations];
        DeterministicParallel.For(permutations, threads,
            () => (Order: new int[cities.Length], InA: new double[cities.Length], WA: new double[cities.Length], WB: new double[cities.Length], Ws: model.CreateWorkspace()),
            (r, ws) =>
            {
                var rng = SeededRandom.For(seed, "permutation:" + id, r);
                for (var i = 0; i < ws.Order.Length; i++) ws.Order[i] = i;
                rng.Shuffle(ws.Order.AsSpan());
                Array.Clear(ws.InA);
                for (var i = 0; i < sizeA; i++) ws.InA[ws.Order[i]] = 1;
                diffs[r] = Difference(ws.InA, ws.WA, ws.WB, ws.Ws);
            });
        var valid = diffs.Where(double.IsFinite).ToArray();
        var threshold = Math.Abs(observed) * (1 - TieTolerance);
        var extreme = valid.Count(d => Math.Abs(d) >= threshold);
        return new PermutationResult(observed, diffs, (1.0 + extreme) / (1.0 + valid.Length), sizeA, cities.Length - sizeA, model.IsFast);
    }
}
