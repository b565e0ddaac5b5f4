using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Etl.Domain.Provenance;
using Etl.Estimation.Design;
using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Panel;
using Etl.Estimation.Reporting;
using Etl.Estimation.Results;
using Etl.Estimation.Specs;

namespace Etl.Estimation;

/// <summary>
/// The estimation stage: reads the specification and the warehouse panel, fits every model, runs the
/// mediation bootstrap, the difference tests and the wild cluster bootstrap, and writes the results into
/// the warehouse and the output folder. Data problems surface as <see cref="InvalidDataException"/>.
/// </summary>
public static class StudyRunner
{
    /// <summary>Version of the stage, recorded with each run.</summary>
    public static string Version => ToolVersion.Number;

    /// <summary>Runs the stage.</summary>
    public static StudyResults Run(StudyOptions options)
    {
        var started = DateTime.UtcNow;
        var timings = new List<StepTiming>();
        var total = Stopwatch.StartNew();
        var spec = Timed(timings, "read specification", 1, () => options.SpecPath is null ? SpecLoader.LoadBundled() : SpecLoader.Load(options.SpecPath));
        if (options.WriteFiles) ResultsManifest.EnsureWritable(options.OutputDirectory, options.ResultSet, options.Force);
        var results = Estimate(spec, options, timings);
        if (options.WriteWarehouse)
        {
            var (id, note) = Timed(timings, "write warehouse tables", 1, () => ResultStore.Write(options.DatabasePath, results, started, total.Elapsed));
            results.EstimationId = id;
            if (note is not null) results.Notes.Add(note);
        }
        if (options.WriteFiles)
        {
            Timed(timings, "write publication tables", spec.Tables.Count + 1, () => OutputFiles.WriteTables(options.OutputDirectory, results));
            Timed(timings, "write plots", spec.Plots.Count, () => OutputFiles.WritePlots(options.OutputDirectory, results));
            Timed(timings, "write manifest", 1, () => ResultsManifest.Write(options.OutputDirectory, results, OutputFiles.Names(results)));
        }
        timings.Add(new StepTiming("total", total.Elapsed, 1));
        return results;
    }

    /// <summary>Reads the panel and computes every result, writing nothing.</summary>
    public static StudyResults Estimate(StudySpec spec, StudyOptions options, List<StepTiming> timings)
    {
        var seed = options.Seed ?? spec.Seed;
        var (numeric, categorical) = ExtraColumns(spec);
        var panel = Timed(timings, "read panel", 1, () => PanelReader.Read(options.DatabasePath, spec.Panel.Table, numeric, categorical));
        if (spec.Panel.RequireBalanced && !panel.IsBalanced) throw Unbalanced(panel);
        var labels = VariableLabels.Read(options.DatabasePath);
        var build = PanelReader.FindBuild(options.DatabasePath, panel.SnapshotHash);

        var (panels, skipped) = Timed(timings, "read variant panels", 1, () => VariantPanels(spec, options, panel, numeric, categorical));
        var notes = skipped.Select(m => $"model '{m.Id}' ({m.Label}) not estimated: the warehouse has no table {m.PanelTable} (build it with etl build --variant {m.PanelTable!["panel_".Length..]})").ToList();
        spec = spec with { Models = [.. spec.Models.Where(m => !skipped.Contains(m))] };

        var designs = new Dictionary<string, ModelDesign>(StringComparer.Ordinal);
        var models = Timed(timings, "fit models", spec.Models.Count, () => spec.Models.Select(m =>
        {
            var data = panels[m.PanelTable ?? spec.Panel.Table];
            var design = DesignBuilder.Build(data, m);
            designs[m.Id] = design;
            return new ModelEstimate(m, FixedEffectsRegression.Fit(design.ToInput()), design.FilteredRows, design.DroppedMissing) { PanelHash = data.SnapshotHash };
        }).ToList());
        var fits = models.ToDictionary(m => m.Spec.Id, m => m.Fit, StringComparer.Ordinal);

        MediationResult? mediation = null;
        if (spec.Mechanism is { } mech)
        {
            var reps = options.BootstrapReps ?? mech.Reps;
            mediation = Timed(timings, "mediation bootstrap (replicates)", reps, () => Mediation(mech, designs, fits, seed, reps, options.Threads));
        }
        var differences = Timed(timings, "permutation tests (permutations)", spec.DifferenceTests.Sum(d => d.Permutations),
            () => spec.DifferenceTests.Select(d => Difference(d, panel, spec, designs, fits, seed, options.Threads)).ToList());
        var wild = new List<WildResult>();
        if (spec.WildBootstrap is { } wb)
        {
            var chosen = wb.Models.Where(id => fits[id].Clusters < wb.MaxClusters).ToList();
            Timed(timings, "wild cluster bootstrap (replicates)", chosen.Count * wb.Reps, () =>
            {
                foreach (var id in chosen)
                {
                    var weights = WildClusterBootstrap.Choose(wb.Weights, fits[id].Clusters!.Value, wb.WebbBelow);
                    wild.Add(new WildResult(id, wb.Term.ToString(), WildClusterBootstrap.Run(id, designs[id].ToInput(), wb.Term.ToString(), weights, wb.Reps, seed, options.Threads)));
                }
                return 0;
            });
        }
        var results = new StudyResults
        {
            Spec = spec,
            Panel = panel,
            WarehouseLabels = labels,
            Seed = seed,
            RunId = RunId(panels, skipped, spec, seed, mediation?.Draws.Reps ?? 0),
            ResultSet = options.ResultSet,
            Build = build,
            Models = models,
            Mediation = mediation,
            Differences = differences,
            Wild = wild,
            Timings = timings,
            Skipped = skipped,
        };
        results.Notes.AddRange(notes);
        return results;
    }

    /// <summary>
    /// The panels the models run on: the specification's, and each variant table a model names. A model whose
    /// variant table the warehouse lacks is left out with a note (it is a robustness column, and the build decides
    /// which variants exist); a mechanism or test that needs it is an error.
    /// </summary>
    private static (Dictionary<string, PanelTable> Panels, List<ModelSpec> Skipped) VariantPanels(StudySpec spec, StudyOptions options, PanelTable main,
        List<string> numeric, List<string> categorical)
    {
        var panels = new Dictionary<string, PanelTable>(StringComparer.Ordinal) { [spec.Panel.Table] = main };
        var skipped = new List<ModelSpec>();
        foreach (var m in spec.Models.Where(m => m.PanelTable is { } t && t != spec.Panel.Table))
        {
            var table = m.PanelTable!;
            if (panels.ContainsKey(table)) continue;
            if (skipped.Any(x => x.PanelTable == table) || !PanelReader.HasTable(options.DatabasePath, table))
            {
                skipped.Add(m);
                continue;
            }
            var variant = PanelReader.Read(options.DatabasePath, table, numeric, categorical);
            if (spec.Panel.RequireBalanced && !variant.IsBalanced) throw Unbalanced(variant);
            panels[table] = variant;
        }
        var needed = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Mechanism is { } mech) needed.UnionWith([mech.AModel, mech.BModel]);
        foreach (var d in spec.DifferenceTests) needed.UnionWith([d.ModelA, d.ModelB]);
        if (spec.WildBootstrap is { } wb) needed.UnionWith(wb.Models);
        if (skipped.FirstOrDefault(m => needed.Contains(m.Id)) is { } missing)
            throw new InvalidDataException($"{options.DatabasePath}: no table {missing.PanelTable}, which model '{missing.Id}' runs on and a test of the specification needs");
        return (panels, skipped);
    }

    private static MediationResult Mediation(MechanismSpec mech, Dictionary<string, ModelDesign> designs, Dictionary<string, RegressionResult> fits, ulong seed, int reps, int threads)
    {
        var a = fits[mech.AModel][mech.Treatment.ToString()];
        var b = fits[mech.BModel][mech.Mediator.ToString()];
        var (z, p) = Sobel.Test(a.Estimate, a.StdError, b.Estimate, b.StdError);
        var draws = MediationBootstrap.Run(mech.Id, designs[mech.AModel], mech.Treatment.ToString(), designs[mech.BModel], mech.Mediator.ToString(), seed, reps, threads);
        var sorted = draws.SortedAB;
        if (sorted.Length == 0) throw new InvalidDataException($"mechanism '{mech.Id}': no bootstrap replicate could be estimated");
        var ab = a.Estimate * b.Estimate;
        return new MediationResult(mech, a.Estimate, a.StdError, b.Estimate, b.StdError, z, p, draws,
            BootstrapIntervals.Percentile(sorted, mech.Level), BootstrapIntervals.BiasCorrected(sorted, ab, mech.Level), BootstrapIntervals.BiasCorrection(sorted, ab));
    }

    private static DifferenceResult Difference(DifferenceTestSpec d, PanelTable panel, StudySpec spec, Dictionary<string, ModelDesign> designs,
        Dictionary<string, RegressionResult> fits, ulong seed, int threads)
    {
        var term = d.Term.ToString();
        var a = fits[d.ModelA][term];
        var b = fits[d.ModelB][term];
        var (z, pz) = DifferenceZTest.Test(a.Estimate, a.StdError, b.Estimate, b.StdError);
        var inA = spec.Model(d.ModelA).Sample.Apply(panel);
        var inB = spec.Model(d.ModelB).Sample.Apply(panel);
        var pooled = DesignBuilder.Build(panel, spec.Model(d.ModelA), inA.Zip(inB, (x, y) => x || y).ToArray());
        var cityA = designs[d.ModelA].City.ToHashSet();
        var cityB = designs[d.ModelB].City.ToHashSet();
        if (cityA.Overlaps(cityB))
            throw new InvalidDataException($"{panel.Source}: difference test '{d.Id}': models '{d.ModelA}' and '{d.ModelB}' share cities; the groups must be disjoint");
        var permutation = PermutationTest.Run(d.Id, pooled, cityA, cityB, term, seed, d.Permutations, threads);
        return new DifferenceResult(d, a.Estimate, a.StdError, b.Estimate, b.StdError, z, pz, permutation);
    }

    /// <summary>Columns beyond the contract that the specification names: numeric where used in terms, categorical otherwise.</summary>
    private static (List<string> Numeric, List<string> Categorical) ExtraColumns(StudySpec spec)
    {
        var contract = PanelContract.Numeric.Concat(PanelContract.Categorical).Append(PanelContract.Unit).Append(PanelContract.Time).ToHashSet(StringComparer.Ordinal);
        var numeric = spec.Models.SelectMany(m => m.Terms).SelectMany(t => t.Columns).Where(c => !contract.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        var categorical = spec.Models.SelectMany(m => m.FixedEffects.Concat(m.Sample.Columns).Concat(m.Cluster is { } c ? [c] : []))
            .Where(c => !contract.Contains(c) && !numeric.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return (numeric, categorical);
    }

    private static InvalidDataException Unbalanced(PanelTable panel)
    {
        var years = panel.Years;
        var have = panel.CityCodes.Select(_ => new HashSet<int>()).ToArray();
        for (var i = 0; i < panel.RowCount; i++) have[panel.CityIndex[i]].Add(panel.Year[i]);
        var c = Enumerable.Range(0, have.Length).First(i => have[i].Count < years.Count);
        var lacking = string.Join(", ", years.Where(y => !have[c].Contains(y)));
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{panel.Source}: table {panel.Table} is not balanced, which the specification requires (panel.require_balanced): city {panel.CityCodes[c]} lacks {lacking} ({panel.CityCodes.Count} cities, {years.Count} years, {panel.RowCount} rows)"));
    }

    /// <summary>The run's identity: every panel read (the main one and each variant), the models left out, the specification, seed, replications and code.</summary>
    private static string RunId(IReadOnlyDictionary<string, PanelTable> panels, IEnumerable<ModelSpec> skipped, StudySpec spec, ulong seed, int reps)
    {
        var read = string.Join(";", panels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.SnapshotHash}"));
        var text = string.Create(CultureInfo.InvariantCulture, $"{read}\n{string.Join(",", skipped.Select(m => m.Id))}\n{spec.Hash}\n{seed}\n{reps}\n{Version}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static T Timed<T>(List<StepTiming> timings, string step, int count, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        timings.Add(new StepTiming(step, sw.Elapsed, count));
        return result;
    }

    private static void Timed(List<StepTiming> timings, string step, int count, Action work) =>
        Timed(timings, step, count, () =>
        {
            work();
            return 0;
        });
}
