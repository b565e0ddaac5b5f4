using System.Diagnostics;
using System.Globalization;
using Etl.Bench.PatentBench;
using Etl.Domain.Mappings;
using Etl.Patents;

namespace Etl.Bench;

/// <summary>
/// <c>etl-bench patents-one</c>: one run of one variant of the patents benchmark, in a process of its own so
/// that its peak resident set and CPU time are its own. Prints one result line for <c>etl-bench patents</c>.
/// Only the work itself is timed: listing the files, loading the mapping tables and writing the SQL are not.
/// </summary>
internal sealed class PatentsOneBenchmark : IBenchmark
{
    public string Name => "patents-one";

    public string Description => "one run of one patents variant in this process, for 'patents' (--variant stage|stage-ipc|parse|parse-validate|etl|build|duckdb --raw DIR --mappings DIR [--copies DIR] [--counts FILE] [--sql FILE] [--base DB] [--work DIR] [--etl etl.dll])";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var a = new BenchArgs(args);
        var variant = a.Text("variant", "");
        var files = PatentCorpus.List(a.Text("raw", "raw"));
        var mappingsDir = a.Text("mappings", "mappings");
        var counts = a.Text("counts", "");
        Dictionary<(int, int), CityYearCounts>? table = null;
        VariantResult result;
        switch (variant)
        {
            case "parse":
            case "parse-validate":
            {
                var paths = files.Select(f => f.FullPath).ToList();
                using var threads = ThreadCpu.Start();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var (sw, cpu) = Start();
                var r = ParseOnlyPass.Run(paths, 2, validate: variant == "parse-validate");
                result = Finish(variant, sw, cpu, r.Records + r.Malformed,
                    Inv($"{r.FieldBytes} field bytes; {r.Malformed} malformed records skipped; {r.Invalid} records with invalid bytes; {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9:F2} GB allocated; {PerThread(threads)}"));
                break;
            }
            case "stage":
            case "stage-ipc":
            {
                var mappings = MappingSet.Load(mappingsDir);
                var stageFiles = PatentCorpus.StageFiles(files);
                using var threads = ThreadCpu.Start();
                var (allocated, collections) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0));
                var (sw, cpu) = Start();
                // stage-ipc: IPC-only matching, the robustness setting, which skips the keyword search.
                var mode = variant == "stage" ? Domain.Classification.MatchMode.IpcAndKeyword : Domain.Classification.MatchMode.IpcOnly;
                var r = new PatentStage(mappings, mode).Run(stageFiles, 2, sink: null);
                var quarantined = r.Files.Sum(f => f.Quarantined.Values.Sum());
                // Allocation is counted exactly where time is noisy: what the collector had to take back.
                result = Finish(variant, sw, cpu, r.Files.Sum(f => f.Read),
                    Inv($"{r.Files.Sum(f => f.Loaded)} loaded; {quarantined} quarantined; {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9:F2} GB allocated, {GC.CollectionCount(0) - collections} collections; {PerThread(threads)}"));
                table = r.Aggregates.Units.ToDictionary(kv => kv.Key, kv => new CityYearCounts(kv.Value.Inventions, kv.Value.Digital, kv.Value.Integrated, kv.Value.RealOnly));
                break;
            }
            case "etl":
            {
                // etl patents --full-refresh into a copy of a warehouse built from the same raw folder: every export read
                // and everything the warehouse keeps written (record index, counts, quarantine, cache), then the index and panel.
                var work = a.Text("work", "");
                var db = Path.Combine(work, "etl.db");
                File.Copy(a.Text("base", ""), db, overwrite: true);
                var options = new Pipeline.BuildOptions(a.Text("raw", "raw"), mappingsDir, db)
                {
                    PatentsOnly = true, FullRefresh = true, AllowShrink = true, Cache = Path.Combine(work, "etl.cache"),
                };
                var (sw, cpu) = Start();
                var r = Pipeline.WarehouseBuilder.Run(options, TextWriter.Null);
                result = Finish(variant, sw, cpu, PatentRowsRead(db),
                    Inv($"{string.Join(", ", r.Stages.Select(x => $"{x.Stage} {x.Seconds:F1} s"))}; warehouse {new FileInfo(db).Length / 1e6:F0} MB"));
                result = result with { Measures = WarehouseMeasures.Of(db, a.Text("etl", "")) };
                break;
            }
            case "build":
            {
                // What make warehouse runs on a fresh checkout: every stage, the IPC-only variant, a new cache.
                var work = a.Text("work", "");
                var db = Path.Combine(work, "etl.db");
                var options = new Pipeline.BuildOptions(a.Text("raw", "raw"), mappingsDir, db) { Variants = ["ipc_only"], Cache = Path.Combine(work, "etl.cache") };
                var (sw, cpu) = Start();
                var r = Pipeline.WarehouseBuilder.Run(options, TextWriter.Null);
                result = Finish(variant, sw, cpu, PatentRowsRead(db), string.Join(", ", r.Stages.Select(x => Inv($"{x.Stage} {x.Seconds:F1} s"))));
                break;
            }
            case "duckdb":
            {
                var patterns = new PatentPatterns(MappingSet.Load(mappingsDir));
                var inputs = DuckDbInput.For(files, a.Text("copies", "") is { Length: > 0 } dir ? dir : null);
                var records = DuckDbPatentSql.Records(inputs, patterns);
                var setup = DuckDbPatentSql.Setup(patterns).ToList();
                if (a.Text("sql", "") is { Length: > 0 } sqlFile) File.WriteAllText(sqlFile, string.Join(";\n", setup.Append(records).Append(DuckDbPatentSql.Counts)) + ";\n");
                var temp = Path.Combine(Path.GetTempPath(), Inv($"etl-bench-duckdb-{Environment.ProcessId}"));
                Directory.CreateDirectory(temp);
                try
                {
                    var (sw, cpu) = Start();
                    var output = DuckDbPatentRun.Run(records, setup, temp);
                    table = output.Counts;
                    result = Finish("duckdb", sw, cpu, 0, Inv($"{inputs.Count} files in {inputs.Select(i => i.Layout).Distinct().Count()} layouts; record index {output.Records} rows, database {output.DatabaseBytes / 1e6:F0} MB ({output.DatabaseBytes / (double)Math.Max(1, output.Records):F1} bytes per kept record)"));
                }
                finally
                {
                    Directory.Delete(temp, recursive: true);
                }
                break;
            }
            default:
                Console.Error.WriteLine("--variant must be stage, stage-ipc, parse, parse-validate, etl, build or duckdb");
                return 2;
        }
        if (counts.Length > 0 && table is not null) CityYearTable.Write(counts, table);
        report.WriteLine(result.ToLine());
        return 0;
    }

    /// <summary>Records the warehouse says its patent exports held.</summary>
    private static long PatentRowsRead(string db)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT sum(rows_read) FROM source_files WHERE kind = 'patents'";
        return Convert.ToInt64(q.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static (Stopwatch Clock, TimeSpan Cpu) Start() => (Stopwatch.StartNew(), ProcessUsage.CpuTime());

    private static VariantResult Finish(string variant, Stopwatch clock, TimeSpan cpuBefore, long records, string note)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (ProcessUsage.CpuTime() - cpuBefore).TotalSeconds;
        return new VariantResult(variant, seconds, cpu, ProcessUsage.PeakResidentBytes(), records, note);
    }

    /// <summary>CPU seconds by thread name over the whole process (threads under 0.1 s left out).</summary>
    private static string PerThread(ThreadCpu? threads) =>
        threads is null ? "" : "CPU-s by thread: " + string.Join(", ", threads.Stop().Where(t => t.Seconds >= 0.1).Select(t => Inv($"{t.Name} {t.Seconds:F1}")));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
