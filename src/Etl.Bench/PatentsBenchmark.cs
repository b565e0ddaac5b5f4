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
        var memory = PeakMemoryByCorpusSize(raw, mappings, files, temp);

        PatentReport.Write(report, new PatentMeasurement(raw, files, results, resident.Locked, resident.Bytes, copies, loadBefore, ProcessUsage.LoadAverage()) { Memory = memory });
        if (duckRuns > 0)
        {
            report.WriteLine();
            CrossCheck.Write(report, CityYearTable.Read(Counts("stage", 0)), CityYearTable.Read(Counts("duckdb", 0)));
        }
        return 0;
    }


    /// <summary>
    /// Peak memory of a fresh <c>make warehouse</c> (every stage and the IPC-only variant) on a quarter, a half and all
    /// of the exports: every fourth or second export in path order (one or two per year of the corpus), with all
    /// yearbooks and bulletins, each in a linked copy of the raw folder. Three builds per size, the sizes alternated:
    /// the peak of builds of the same size varies by tens of megabytes with when the collector runs.
    /// </summary>
    private static List<(int Exports, VariantResult Run)> PeakMemoryByCorpusSize(string raw, string mappings, List<CorpusFile> files, string temp)
    {
        var runs = new List<(int, VariantResult)>();
        var sizes = new[] { 4, 2, 1 }.Select(every =>
        {
            var chosen = files.Where((_, i) => i % every == 0).Select(f => f.Relative).ToHashSet(StringComparer.Ordinal);
            var tree = Path.Combine(temp, Inv($"raw-every-{every}"));
            RawTree.Link(raw, tree, relative => !relative.StartsWith("patents/", StringComparison.Ordinal) || chosen.Contains(relative));
            return (Exports: chosen.Count, Tree: tree);
        }).ToList();
        for (var round = 0; round < 3; round++)
            foreach (var (exports, tree) in sizes)
            {
                var work = Path.Combine(temp, Inv($"build-{exports}-{round}"));
                Directory.CreateDirectory(work);
                runs.Add((exports, ChildRun.Run(["--variant", "build", "--raw", tree, "--mappings", mappings, "--work", work])));
                Directory.Delete(work, recursive: true);
            }
        foreach (var (_, tree) in sizes) Directory.Delete(tree, recursive: true);
        return [.. runs.OrderBy(r => r.Item1)];
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
