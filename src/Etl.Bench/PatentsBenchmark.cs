using System.Globalization;
using Etl.Bench.PatentBench;

namespace Etl.Bench;

/// <summary>
/// <c>etl-bench patents</c>: the patent stage side by side with a parse-only pass over the same files with
/// the same reader, and with DuckDB computing the same city-year counts in SQL, in one invocation on one
/// corpus. Each run of each variant is a child process (<c>patents-one</c>), so peak memory and CPU time are
/// its own. DuckDB's UTF-8 copies of the GB18030 exports are written before any timing, and all inputs are
/// held in the page cache throughout (<see cref="ResidentFiles"/>).
/// </summary>
internal sealed class PatentsBenchmark : IBenchmark
{
    /// <summary>CPU share that counts as both cores busy (90 % of each).</summary>
    private const double BothCores = 180;

    public string Name => "patents";

    public string Description => "patent stage vs parse-only pass vs DuckDB SQL on one corpus (--raw DIR --mappings DIR --runs N --duckdb yes|no)";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var a = new BenchArgs(args);
        var raw = Path.GetFullPath(a.Text("raw", "raw"));
        var mappings = Path.GetFullPath(a.Text("mappings", "mappings"));
        var runs = a.Int("runs", 3);
        var duckdb = a.Text("duckdb", "yes") == "yes";
        var duckRuns = a.Int("duckdb-runs", 1);
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
            return Measure(report, raw, mappings, files, runs, duckdb ? duckRuns : 0, temp);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static int Measure(TextWriter report, string raw, string mappings, List<CorpusFile> files, int runs, int duckRuns, string temp)
    {
        var corpus = new Corpus(files.Count, files.Count(f => f.Gzip), files.Sum(f => f.Bytes), files.Sum(f => f.UncompressedBytes));
        report.WriteLine(Inv($"patents benchmark on {raw}: {corpus.Files} exports ({corpus.Gzip} gzip), {corpus.Bytes / 1e6:F0} MB on disk, {corpus.Uncompressed / 1e6:F0} MB uncompressed"));
        var loadBefore = ProcessUsage.LoadAverage();
        var utf8 = Path.Combine(temp, "utf8");
        var copies = (Files: 0, Bytes: 0L);
        if (duckRuns > 0) copies = Utf8Copies.Write(files, utf8);
        var inputs = files.Select(f => f.FullPath).Concat(Directory.Exists(utf8) ? Directory.EnumerateFiles(utf8, "*", SearchOption.AllDirectories) : []).ToList();
        using var resident = ResidentFiles.Hold(inputs);

        string[] Args(string variant, int run) =>
            ["--variant", variant, "--raw", raw, "--mappings", mappings, "--utf8", utf8, "--counts", Path.Combine(temp, Inv($"{variant}-{run}.csv"))];
        var results = new Dictionary<string, List<VariantResult>>(StringComparer.Ordinal) { ["stage"] = [], ["parse"] = [], ["duckdb"] = [] };
        // Alternating the two C# variants spreads any disturbance from other work on the machine over both.
        for (var r = 0; r < runs; r++)
            foreach (var v in new[] { "parse", "stage" })
                results[v].Add(ChildRun.Run(Args(v, r)));
        for (var r = 0; r < duckRuns; r++) results["duckdb"].Add(ChildRun.Run(Args("duckdb", r)));
        var loadAfter = ProcessUsage.LoadAverage();

        var rows = results["stage"][0].Records;
        report.WriteLine(Inv($"{rows} records; best of {runs} runs for stage and parse-only, {duckRuns} for DuckDB; each run a process of its own; {Environment.ProcessorCount} cores"));
        report.WriteLine(resident.Locked
            ? Inv($"inputs locked in the page cache for the whole benchmark ({resident.Bytes / 1e6:F0} MB, mlock), so that no run reads from disk")
            : Inv($"inputs read once before the runs ({resident.Bytes / 1e6:F0} MB; locking them was refused or they exceed half the available memory): long runs may re-read some from disk"));
        report.WriteLine(Inv($"load average (1 min) before {loadBefore:F2}, after {loadAfter:F2}"));
        if (duckRuns > 0)
            report.WriteLine(Inv($"DuckDB read {copies.Files} GB18030 exports from UTF-8 copies ({copies.Bytes / 1e6:F0} MB, uncompressed, written before timing); the others as they are (.gz included)"));
        report.WriteLine();
        report.WriteLine("| variant | best s | runs s | M rows/s | MB/s on disk | MB/s uncompressed | CPU % | peak RSS MB |");
        report.WriteLine("|---|---|---|---|---|---|---|---|");
        var labels = new[]
        {
            ("stage", "stage: PatentStage.Run, 2 workers, no sink"),
            ("parse", "parse-only: same reader, GetSpan on every field, 2 workers"),
            ("duckdb", "DuckDB 1.5.6.1 SQL, threads=2"),
        };
        foreach (var (v, label) in labels)
        {
            if (results[v].Count == 0) continue;
            var best = results[v].MinBy(x => x.Seconds)!;
            report.WriteLine(Inv($"| {label} | {best.Seconds:F2} | {string.Join(" / ", results[v].Select(x => x.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} | {rows / best.Seconds / 1e6:F2} | {corpus.Bytes / best.Seconds / 1e6:F0} | {corpus.Uncompressed / best.Seconds / 1e6:F0} | {best.CpuPercent:F0} | {results[v].Max(x => x.PeakResidentBytes) / 1048576.0:F0} |"));
        }
        report.WriteLine();
        foreach (var (v, _) in labels)
            if (results[v].Count > 0) report.WriteLine($"  {v}: {results[v][0].Note}");
        report.WriteLine();

        var stage = results["stage"].Min(x => x.Seconds);
        var parse = results["parse"].Min(x => x.Seconds);
        var stageCpu = results["stage"].MinBy(x => x.Seconds)!.CpuPercent;
        report.WriteLine("ratios against the targets");
        if (duckRuns > 0)
        {
            var duck = results["duckdb"].Min(x => x.Seconds);
            report.WriteLine(Inv($"  DuckDB time / stage time      {duck / stage,6:F2}  (target >= 3):    {(duck / stage >= 3 ? "met" : "MISSED")}"));
        }
        report.WriteLine(Inv($"  stage time / parse-only time  {stage / parse,6:F2}  (target <= 1.5):  {(stage / parse <= 1.5 ? "met" : "MISSED")}"));
        report.WriteLine(Inv($"  stage CPU                     {stageCpu,5:F0} %  (both cores busy, >= {BothCores:F0} %): {(stageCpu >= BothCores ? "met" : "MISSED")}"));
        // Other work on a shared machine stretches wall time far more than CPU time.
        var cpuRatio = results["stage"].Min(x => x.CpuSeconds) / results["parse"].Min(x => x.CpuSeconds);
        report.WriteLine(Inv($"  stage CPU-s / parse-only CPU-s {cpuRatio,5:F2}  (least disturbed by other load; equals the wall ratio when both keep the cores equally busy)"));
        if (results["parse"][0].Records != rows)
            report.WriteLine(Inv($"  note: the parse-only pass read {results["parse"][0].Records} records, the stage {rows}"));
        if (duckRuns > 0)
        {
            report.WriteLine();
            CrossCheck.Write(report, CityYearTable.Read(Path.Combine(temp, "stage-0.csv")), CityYearTable.Read(Path.Combine(temp, "duckdb-0.csv")));
        }
        return 0;
    }

    private sealed record Corpus(int Files, int Gzip, long Bytes, long Uncompressed);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
