using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Domain.Mappings;
using Etl.Simulator.Calibration;
using Etl.Simulator.Publishing;
using Etl.Simulator.Text;
using Etl.Simulator.World;

namespace Etl.Simulator;

/// <summary>Entry point of the simulator: decides the world, calibrates it, writes the corpus and the truth.</summary>
public static class CorpusSimulator
{
    /// <summary>Writes the corpus described by <paramref name="options"/>; returns a one-line summary.</summary>
    public static string Run(MappingSet mappings, SimulatorOptions options, TextWriter log)
    {
        if (IsInside(options.TruthDirectory, options.OutputDirectory))
            throw new ArgumentException("the truth folder must not lie inside the raw folder: the pipeline would read it");
        var corpus = Prepare(mappings, options, log);
        foreach (var sub in new[] { "yearbook", "bulletins", "patents" })
        {
            var d = Path.Combine(options.OutputDirectory, sub);
            if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
        Directory.CreateDirectory(options.OutputDirectory);
        var yearbooks = new Writers.Yearbook.YearbookWriter(corpus).WriteAll(options.OutputDirectory);
        yearbooks.AddRange(Writers.Yearbook.CityYearbookWriter.WriteAll(corpus, options.OutputDirectory));
        log.WriteLine($"yearbooks: {yearbooks.Count} files");
        var bulletins = new Writers.Bulletins.BulletinWriter(corpus).WriteAll(options.OutputDirectory);
        log.WriteLine($"bulletins: {bulletins.Pages} pages");
        (List<Writers.Patents.PatentFileTruth>, SortedDictionary<(int, int), Writers.Patents.UnitYearTruth>)? patents = null;
        if (options.WritePatents)
        {
            patents = new Writers.Patents.PatentWriter(corpus).WriteAll(options.OutputDirectory);
            log.WriteLine(FormattableString.Invariant($"patents: {patents.Value.Item1.Count} files, {patents.Value.Item1.Sum(f => f.Rows):N0} rows"));
        }
        Writers.TruthWriter.Write(corpus, options.TruthDirectory, yearbooks, bulletins, patents);
        Serving.SourcesManifestWriter.Write(options.OutputDirectory, Path.Combine(options.TruthDirectory, "sources.csv"));
        return FormattableString.Invariant($"{corpus.World.Panel.Count()} panel cities x {PanelYears.Count} years, {yearbooks.Count} yearbook files, {bulletins.Pages} bulletins, {patents?.Item1.Sum(f => f.Rows) ?? 0:N0} patent rows");
    }

    private static bool IsInside(string path, string folder)
    {
        var p = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var f = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return p.StartsWith(f, StringComparison.Ordinal);
    }

    /// <summary>Builds the corpus in memory (no files).</summary>
    internal static SimulatedCorpus Prepare(MappingSet mappings, SimulatorOptions options, TextWriter? log = null)
    {
        var world = WorldBuilder.Build(mappings, options.Seed, options.TargetPanelCities);
        var latent = ControlsGenerator.Generate(world);
        var plans = PublicationPlanner.Plan(world);
        var sources = SourceValues.ForControls(world, latent, plans);
        var truth = new TruthBuilder(sources, plans);

        var keywords = new KeywordIndex(mappings.Kdt);
        var text = new TextComposer(keywords);
        var definition = new KdtDefinition(mappings);
        var pools = new IpcPools(mappings, definition, keywords, text);
        var planner = new RecordPlanner(options.Seed, mappings, pools, keywords, text);
        var counts = PatentVolumes.Generate(world, options.Scale);
        log?.WriteLine($"world: {world.Units.Count} units, {world.Panel.Count()} panel cities; patents planned: {counts.Values.Sum(c => c.Total):N0}");

        var (aggregates, national) = IndexInputBuilder.Build(counts, planner, options.Threads);
        var index = TruthIndex.Compute(world.Units.SelectMany(u => Enumerable.Range(u.FirstYear, u.LastYear - u.FirstYear + 1).Select(y => (u.City.Code.Value, y))), aggregates, national);
        var digReal = index.Values.ToDictionary(v => (v.Unit, v.Year), v => v.Index);

        var panel = world.Panel.ToList();
        var controls = panel.ToDictionary(u => u.Index, u => truth.Controls(u.City.Code.Value, PanelYears.First, PanelYears.Last));
        foreach (var u in panel)
            foreach (var (name, series) in controls[u.Index])
                if (series.Any(double.IsNaN)) throw new InvalidOperationException($"panel city {u} lacks {name} after interpolation: the publication plan is inconsistent");

        var calibrator = new Calibrator(panel, options.Seed, new CalibrationTargets());
        var output = calibrator.Run(new Calibrator.Inputs(controls, panel.ToDictionary(u => u.Index, u => PanelYears.All.Select(y => digReal[(u.City.Code.Value, y)]).ToArray()),
            counts, latent, plans, sources, truth));
        foreach (var u in panel)
            for (var t = 0; t < PanelYears.Count; t++)
            {
                var c = counts[(u.City.Code.Value, PanelYears.First + t)];
                c.Digital = output.Digital[u.Index][t] - c.Integrated;
            }
        FillOtherSei(world, latent, plans, sources);

        var rows = panel.ToDictionary(u => u.Index, u =>
        {
            var r = new Dictionary<string, double[]>(controls[u.Index])
            {
                ["nq_rev"] = truth.Observed(u.City.Code.Value, "nq_rev", PanelYears.First, PanelYears.Last),
                ["nq_emp"] = truth.Observed(u.City.Code.Value, "nq_emp", PanelYears.First, PanelYears.Last),
                ["dig_real"] = PanelYears.All.Select(y => digReal[(u.City.Code.Value, y)]).ToArray(),
                ["digital_patent"] = output.Digital[u.Index].Select(v => (double)v).ToArray(),
            };
            return r;
        });
        foreach (var line in CalibrationTable.Lines(output.Report)) log?.WriteLine("calibration: " + line);

        return new SimulatedCorpus
        {
            Options = options, World = world, Latent = latent, Plans = plans, Sources = sources, Truth = truth, Counts = counts,
            Index = index, Keywords = keywords, Text = text, Pools = pools, Planner = planner, Calibration = output.Report,
            DigReal = digReal, PanelRows = rows,
        };
    }

    /// <summary>Revenue and employment of strategic emerging industries for cities outside the panel (no calibration).</summary>
    private static void FillOtherSei(SimWorld world, Dictionary<int, Controls> latent, Dictionary<(int, int), CityYearPlan> plans, SourceValues sources)
    {
        foreach (var u in world.Universe.Where(u => !u.InPanel))
        {
            var rng = Prng.For(world.Seed, 45, u.City.Code.Value);
            var level = Math.Exp(0.25 * rng.Normal());
            var rev = new double[PanelYears.Count];
            var emp = new double[PanelYears.Count];
            for (var t = 0; t < PanelYears.Count; t++)
            {
                var y = PanelYears.First + t;
                if (!u.ExistsIn(y)) { rev[t] = emp[t] = double.NaN; continue; }
                rev[t] = 0.16 * latent[u.Index].GdpTotal(t) / 1e4 * level * (1 + 0.04 * rng.Normal());
                emp[t] = rev[t] / 150.0 * (1 + 0.03 * rng.Normal());
            }
            sources.SetSei(u.City.Code.Value, u.FirstYear, u.LastYear, rev, emp, plans);
        }
    }
}
