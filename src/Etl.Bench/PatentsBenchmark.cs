using System.Globalization;
using Etl.Bench.PatentBench;

namespace Etl.Bench;

/// <summary>
/// <c>etl-bench patents</c>: the patent stage side by side with a parse-only pass over the same files with
/// the same reader, and with DuckDB writing a record index and the same city-year counts in SQL, in one invocation on one
/// corpus. Each run of each variant is a child process (<c>patents-one</c>), so peak memory and CPU time are
/// its own. DuckDB's UTF-8 CSV copies of the GB18030 and workbook exports are written before any timing, and all inputs are
/// held in the page cache throughout (<see cref="ResidentFiles"/>).
/// </summary>
internal sealed class PatentsBenchmark : IBenchmark
{
    public string Name => "patents";

    public string Description => "etl patents end to end vs patent stage vs parse-only pass vs DuckDB SQL on one corpus (--raw DIR --mappings DIR --runs N --duckdb yes|no)";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var a = new BenchArgs(args);
        var raw = Path.GetFullPath(a.Text("raw", "raw"));
        var mappings = Path.GetFullPath(a.Text("mappings", "mappings"));
        var runs = a.Int("runs", 3);
        var duckdb = a.Text("duckdb", "yes") == "yes";
        var duckRuns = a.Int("duckdb-runs", 1);
        var etlDll = a.Text("etl", "");
        var files = PatentCorpus.List(raw);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"no patent exports under {raw}/patents");
            return 1;
        }
        var temp = Path.Combine(Path.GetTempPath(), Inv($"etl-bench-patents-{Environment.ProcessId}"));
        Directory.CreateDirectory(temp);
        try
        {
            var code = Measure(report, raw, mappings, files, runs, duckdb ? duckRuns : 0, temp, etlDll);
            if (code != 0) return code;
            // The incremental builds at the same scale, so that every ratio of the national-scale targets comes from one run.
            report.WriteLine();
            return WarehouseBenchmark.Measure(raw, mappings, report);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static int Measure(TextWriter report, string raw, string mappings, List<CorpusFile> files, int runs, int duckRuns, string temp, string etlDll)
    {
        var loadBefore = ProcessUsage.LoadAverage();
        var copyDir = Path.Combine(temp, "duckdb-copies");
        var copies = (Files: 0, Bytes: 0L);
        if (duckRuns > 0) copies = DuckDbCopies.Write(files, copyDir);
        var inputs = files.Select(f => f.FullPath).Concat(Directory.Exists(copyDir) ? Directory.EnumerateFiles(copyDir, "*", SearchOption.AllDirectories) : []).ToList();
        using var resident = ResidentFiles.Hold(inputs);

        // etl patents runs into a copy of a warehouse built once, untimed, from the same raw folder.
        var baseDb = Path.Combine(temp, "base", "etl.db");
        Pipeline.WarehouseBuilder.Run(new Pipeline.BuildOptions(raw, mappings, baseDb), TextWriter.Null);
        Directory.Delete(Path.Combine(temp, "base", "etl.cache"), recursive: true);

        string Counts(string variant, int run) => Path.Combine(temp, Inv($"{variant}-{run}.csv"));
        string[] Args(string variant, int run) => ["--variant", variant, "--raw", raw, "--mappings", mappings, "--copies", copyDir, "--counts", Counts(variant, run)];
        var results = new Dictionary<string, List<VariantResult>>(StringComparer.Ordinal) { ["stage"] = [], ["stage-ipc"] = [], ["parse"] = [], ["parse-validate"] = [], ["etl"] = [], ["duckdb"] = [] };
        var etlArgs = etlDll.Length > 0 ? new[] { "--etl", Path.GetFullPath(etlDll) } : [];
        // Alternating the C# variants spreads any disturbance from other work on the machine over all of them.
        for (var r = 0; r < runs; r++)
            foreach (var v in new[] { "parse", "stage", "etl", "stage-ipc", "parse-validate" })
            {
                var work = Path.Combine(temp, Inv($"{v}-{r}"));
                Directory.CreateDirectory(work);
                results[v].Add(ChildRun.Run([.. Args(v, r), "--base", baseDb, "--work", work, .. etlArgs]));
                Directory.Delete(work, recursive: true);
            }
        for (var r = 0; r < duckRuns; r++) results["duckdb"].Add(ChildRun.Run(Args("duckdb", r)));
        var memory = PeakMemoryByScale(raw, mappings, temp, etlDll);

        PatentReport.Write(report, new PatentMeasurement(raw, files, results, resident.Locked, resident.Bytes, copies, loadBefore, ProcessUsage.LoadAverage()) { Memory = memory });
        if (duckRuns > 0)
        {
            report.WriteLine();
            CrossCheck.Write(report, CityYearTable.Read(Counts("stage", 0)), CityYearTable.Read(Counts("duckdb", 0)));
        }
        return 0;
    }


    /// <summary>
    /// Peak memory of a fresh <c>make warehouse</c> (every stage and the IPC-only variant) on the corpus simulated at
    /// scale 0.25 and 0.5 (by <c>etl simulate</c>, default seed, into the benchmark's temporary folder) and on the
    /// benchmark's own scale-1 corpus. Smaller scales hold fewer records in every export and city-year, as a smaller
    /// national corpus would; a subset of the exports would cover fewer city-years instead (each export holds one
    /// region), and the counts kept per city-year made its peak lower for that reason. Three builds per scale, the
    /// scales alternated: the peak of builds of one scale varies by tens of megabytes with when the collector runs.
    /// Without <c>etl.dll</c> (<c>--etl</c>), which simulates the smaller corpora, nothing is measured.
    /// </summary>
    private static List<(double Scale, VariantResult Run)> PeakMemoryByScale(string raw, string mappings, string temp, string etlDll)
    {
        if (etlDll.Length == 0) return [];
        var corpora = new List<(double Scale, string Raw)>();
        foreach (var scale in new[] { 0.25, 0.5 })
        {
            var dir = Path.Combine(temp, Inv($"scale-{scale}"));
            Simulate(etlDll, Path.Combine(dir, "raw"), Path.Combine(dir, "truth"), scale, mappings);
            corpora.Add((scale, Path.Combine(dir, "raw")));
        }
        corpora.Add((1, raw));
        var runs = new List<(double, VariantResult)>();
        for (var round = 0; round < 3; round++)
            foreach (var (scale, tree) in corpora)
            {
                var work = Path.Combine(temp, Inv($"build-{scale}-{round}"));
                Directory.CreateDirectory(work);
                runs.Add((scale, ChildRun.Run(["--variant", "build", "--raw", tree, "--mappings", mappings, "--work", work])));
                Directory.Delete(work, recursive: true);
            }
        foreach (var (scale, _) in corpora.Where(c => c.Scale < 1)) Directory.Delete(Path.Combine(temp, Inv($"scale-{scale}")), recursive: true);
        return [.. runs.OrderBy(r => r.Item1)];
    }

    /// <summary>Runs <c>etl simulate</c> at <paramref name="scale"/>; a failure stops the benchmark with its output.</summary>
    private static void Simulate(string etlDll, string raw, string truth, double scale, string mappings)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.GetFullPath(etlDll), "simulate", "--out", raw, "--truth", truth, "--scale", scale.ToString(CultureInfo.InvariantCulture), "--mappings", mappings })
            start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start) ?? throw new BenchFailure("could not start dotnet " + etlDll);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new BenchFailure($"etl simulate --scale {scale.ToString(CultureInfo.InvariantCulture)} exited {p.ExitCode}:\n{stderr.Result}{stdout.Result}");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
