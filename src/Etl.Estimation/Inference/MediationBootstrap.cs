using Etl.Estimation.Design;

namespace Etl.Estimation.Inference;

/// <summary>The bootstrap distribution of an indirect effect a·b.</summary>
/// <param name="Reps">Replications run.</param>
/// <param name="A">a of each replicate (NaN where the replicate was singular).</param>
/// <param name="B">b of each replicate.</param>
/// <param name="FastPath">Whether the balanced fast path was used.</param>
public sealed record MediationDraws(int Reps, double[] A, double[] B, bool FastPath)
{
    /// <summary>a·b of each replicate.</summary>
    public double[] AB => A.Zip(B, (a, b) => a * b).ToArray();

    /// <summary>Replicates where a or b could not be estimated.</summary>
    public int Failed => AB.Count(v => !double.IsFinite(v));

    /// <summary>The finite a·b values, ascending.</summary>
    public double[] SortedAB => AB.Where(double.IsFinite).Order().ToArray();
}

/// <summary>
/// Pairs cluster bootstrap of a·b: draw as many cities as the sample has, with replacement; every drawn copy
/// is a new city (its own fixed effect and cluster); re-estimate a and b on the draw (Cameron, Gelbach and
/// Miller 2008, "Bootstrap-based improvements for inference with clustered errors", REStat 90, the pairs
/// cluster bootstrap; Preacher and Hayes 2008 for bootstrapping a·b).
/// </summary>
internal static class MediationBootstrap
{
    /// <summary>Runs <paramref name="reps"/> replicates; replicate r draws from stream (seed, "bootstrap:" + id, r).</summary>
    public static MediationDraws Run(string id, ModelDesign aDesign, string treatment, ModelDesign bDesign, string mediator,
        ulong seed, int reps, int threads, bool allowFastPath = true)
    {
        var a = ReplicateModel.Create(aDesign, allowFastPath);
        var b = ReplicateModel.Create(bDesign, allowFastPath);
        var ia = a.TermIndex(treatment);
        var ib = b.TermIndex(mediator);
        var cities = a.Cities.Union(b.Cities).Order().ToArray();
        var position = cities.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var mapA = a.Cities.Select(c => position[c]).ToArray();
        var mapB = b.Cities.Select(c => position[c]).ToArray();
        var drawsA = new double[reps];
        var drawsB = new double[reps];
        DeterministicParallel.For(reps, threads,
            () => (Counts: new double[cities.Length], WA: new double[mapA.Length], WB: new double[mapB.Length], SA: a.CreateWorkspace(), SB: b.CreateWorkspace()),
            (r, ws) =>
            {
                var rng = SeededRandom.For(seed, "bootstrap:" + id, r);
                Array.Clear(ws.Counts);
                for (var k = 0; k < cities.Length; k++) ws.Counts[rng.NextInt(cities.Length)]++;
                for (var i = 0; i < mapA.Length; i++) ws.WA[i] = ws.Counts[mapA[i]];
                for (var i = 0; i < mapB.Length; i++) ws.WB[i] = ws.Counts[mapB[i]];
                drawsA[r] = a.Coefficient(ws.WA, ia, ws.SA);
                drawsB[r] = b.Coefficient(ws.WB, ib, ws.SB);
            });
        return new MediationDraws(reps, drawsA, drawsB, a.IsFast && b.IsFast);
    }
}
