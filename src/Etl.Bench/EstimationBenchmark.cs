using System.Diagnostics;
using System.Globalization;
using Etl.Estimation;
using Etl.Estimation.Design;
using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Panel;
using Etl.Estimation.Results;
using Etl.Estimation.Specs;

namespace Etl.Bench;

/// <summary>
/// <c>etl-bench estimation</c>: the whole estimation stage on a synthetic 198 × 15 warehouse (all tables,
/// 1,000 bootstrap replications, the permutation tests, the wild bootstrap, warehouse and file output),
/// cold and warm, per step, and per regression: the general engine side by side with the balanced fast
/// path on the same replicates.
/// </summary>
internal sealed class EstimationBenchmark : IBenchmark
{
    private const ulong Seed = 20240601;
    private const int WarmRuns = 3;
    private const int ReferenceReps = 40;

    public string Name => "estimation";

    public string Description => "whole estimation stage on 2,970 city-years; per step and per regression, fast path vs general engine";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"etl-bench-estimation-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(dir);
        try
        {
            return Measure(dir, report);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int Measure(string dir, TextWriter report)
    {
        var db = Path.Combine(dir, "warehouse.db");
        SyntheticPanel.Write(db, Seed);
        var threads = DeterministicParallel.DefaultThreads;
        StudyResults Stage(int i) => StudyRunner.Run(new StudyOptions(db, Path.Combine(dir, "results-" + i.ToString(CultureInfo.InvariantCulture))));

        var sw = Stopwatch.StartNew();
        var cold = Stage(0);
        var coldMs = sw.Elapsed.TotalMilliseconds;
        var warm = Enumerable.Range(1, WarmRuns).Select(Stage).ToList();
        var median = warm.OrderBy(r => Total(r)).ElementAt(WarmRuns / 2);
        var spec = cold.Spec;
        var wb = spec.WildBootstrap!;

        report.WriteLine(Inv($"estimation benchmark: synthetic warehouse, {SyntheticPanel.Cities} cities x {SyntheticPanel.Years} years = {cold.Panel.RowCount} rows, seed {Seed}, {threads} threads, {Environment.ProcessorCount} cores"));
        report.WriteLine(Inv($"work: {spec.Models.Count} models, {cold.Mediation!.Draws.Reps} bootstrap replications of a*b (2 fits each), {spec.DifferenceTests.Count} x {spec.DifferenceTests[0].Permutations} permutations (2 fits each), wild bootstrap {wb.Reps} replications x {cold.Wild.Count} group(s), warehouse tables, {spec.Tables.Count + 1} tables x 4 formats, {spec.Plots.Count} plots"));
        report.WriteLine();
        report.WriteLine("whole stage (in process, from reading the specification to the last file)");
        report.WriteLine(Inv($"  {"first run (JIT, SQLite and Skia start-up included)",-52} {coldMs,9:F1} ms"));
        report.WriteLine(Inv($"  {$"warm run, median of {WarmRuns}",-52} {Total(median),9:F1} ms   (target < 2000 ms: {(Math.Max(coldMs, Total(median)) < 2000 ? "met" : "MISSED")})"));
        report.WriteLine();
        report.WriteLine(Inv($"{"per step (warm median run)",-42} {"ms",9} {"units",9} {"per unit",10}"));
        foreach (var t in median.Timings.Where(t => t.Step != "total"))
            report.WriteLine(Inv($"  {t.Step,-40} {t.Elapsed.TotalMilliseconds,9:F2} {t.Count,9} {PerUnit(t),10}"));
        report.WriteLine();

        // Per regression: the general engine on the model and on materialised replicates, against the fast path.
        var panel = PanelReader.Read(db);
        var model = spec.Model("t1_4");
        var design = DesignBuilder.Build(panel, model);
        var fitMs = Time(200, () => FixedEffectsRegression.Fit(design.ToInput()));
        var aDesign = DesignBuilder.Build(panel, spec.Model(spec.Mechanism!.AModel));
        var bDesign = DesignBuilder.Build(panel, spec.Model(spec.Mechanism.BModel));
        var treatment = spec.Mechanism.Treatment.ToString();
        var mediator = spec.Mechanism.Mediator.ToString();
        MediationBootstrap.Run("warm", aDesign, treatment, bDesign, mediator, Seed, 5, 1, allowFastPath: false);
        var generalBoot = Time(1, () => MediationBootstrap.Run("m", aDesign, treatment, bDesign, mediator, Seed, ReferenceReps, 1, allowFastPath: false)) / (2.0 * ReferenceReps);
        var fastBoot = Time(1, () => MediationBootstrap.Run("m", aDesign, treatment, bDesign, mediator, Seed, 1000, 1)) / 2000.0;
        var d = spec.DifferenceTests[0];
        var pooled = DesignBuilder.Build(panel, spec.Model(d.ModelA), spec.Model(d.ModelA).Sample.Apply(panel).Zip(spec.Model(d.ModelB).Sample.Apply(panel), (x, y) => x || y).ToArray());
        var groupA = DesignBuilder.Build(panel, spec.Model(d.ModelA)).City.ToHashSet();
        var groupB = DesignBuilder.Build(panel, spec.Model(d.ModelB)).City.ToHashSet();
        var term = d.Term.ToString();
        var generalPerm = Time(1, () => PermutationTest.Run(d.Id, pooled, groupA, groupB, term, Seed, ReferenceReps, 1, allowFastPath: false)) / (2.0 * ReferenceReps);
        var fastPerm = Time(1, () => PermutationTest.Run(d.Id, pooled, groupA, groupB, term, Seed, 1000, 1)) / 2000.0;
        var nw = cold.Wild.FirstOrDefault();
        var wildRep = nw is null ? double.NaN : Time(1, () => WildClusterBootstrap.Run(nw.ModelId, DesignBuilder.Build(panel, spec.Model(nw.ModelId)).ToInput(), nw.Term, nw.Result.Weights, wb.Reps, Seed, 1)) / wb.Reps;

        void Line(string what, string time, string ratio = "") => report.WriteLine(Inv($"  {what,-66} {time,11} {ratio,8}"));
        report.WriteLine(Inv($"per regression (one thread){"",-41} {"time",11} {"vs fast",8}"));
        Line($"model (4), general engine: {design.Rows.Length} rows, 6 regressors, two-way FE, CR1", Inv($"{fitMs:F3} ms"));
        Line($"bootstrap replicate, general engine on the materialised draw ({ReferenceReps})", Inv($"{generalBoot:F3} ms"), Inv($"{generalBoot / fastBoot:F0}x"));
        Line("bootstrap replicate, balanced fast path (1000)", Inv($"{fastBoot * 1000:F1} us"), "1x");
        Line($"permutation group fit, general engine ({ReferenceReps})", Inv($"{generalPerm:F3} ms"), Inv($"{generalPerm / fastPerm:F0}x"));
        Line("permutation group fit, balanced fast path (1000)", Inv($"{fastPerm * 1000:F1} us"), "1x");
        if (nw is not null) Line($"wild bootstrap replicate, {nw.ModelId} (G = {nw.Result.Clusters}, G x G update)", Inv($"{wildRep * 1000:F2} us"));
        report.WriteLine();
        var generalStage = Total(median) + cold.Mediation.Draws.Reps * 2 * (generalBoot - fastBoot) + spec.DifferenceTests.Sum(x => x.Permutations) * 2 * (generalPerm - fastPerm);
        report.WriteLine(Inv($"the same stage with every replicate on the general engine: about {generalStage / 1000,6:F1} s (extrapolated from the per-replicate times)"));
        report.WriteLine(Inv($"results of the warm runs identical to the first: {warm.All(r => Same(r, cold))}"));
        return 0;
    }

    private static double Total(StudyResults r) => r.Timings.Single(t => t.Step == "total").Elapsed.TotalMilliseconds;

    private static string PerUnit(StepTiming t) => t.Count <= 1 ? "" : t.Elapsed.TotalMilliseconds / t.Count is var ms && ms < 0.1 ? Inv($"{ms * 1000:F1} us") : Inv($"{ms:F2} ms");

    private static bool Same(StudyResults a, StudyResults b) =>
        a.Mediation!.Draws.AB.SequenceEqual(b.Mediation!.Draws.AB) && a.Models.Zip(b.Models).All(p => p.First.Fit.Terms.SequenceEqual(p.Second.Fit.Terms));

    /// <summary>Milliseconds per call of <paramref name="work"/>, over <paramref name="n"/> calls after one warm-up.</summary>
    private static double Time(int n, Action work)
    {
        work();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) work();
        return sw.Elapsed.TotalMilliseconds / n;
    }

    private static double Time<T>(int n, Func<T> work) => Time(n, () => { work(); });

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
