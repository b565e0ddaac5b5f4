using System.Diagnostics;
using System.Globalization;
using System.Text;
using Etl.Pipeline;
using Etl.Warehouse;

namespace Etl.Bench;

/// <summary>
/// Warehouse builds side by side on one corpus: a full build (best of three), a re-run with nothing changed, a re-run after one
/// bulletin page changed, and one after one patent export changed (best of three), each as a ratio to the full build. The builds run on a
/// linked copy of the corpus (<see cref="RawTree"/>), so the benchmark never edits the raw folder it is given.
/// </summary>
internal sealed class WarehouseBenchmark : IBenchmark
{
    public string Name => "warehouse";

    public string Description => "full build vs no-op re-run vs one changed bulletin vs one changed patent export (--raw DIR --mappings DIR)";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var a = new BenchArgs(args);
        return Measure(Path.GetFullPath(a.Text("raw", "raw")), Path.GetFullPath(a.Text("mappings", "mappings")), report);
    }

    /// <summary>Runs the four builds on a linked copy of <paramref name="raw"/> and reports them against the targets.</summary>
    public static int Measure(string raw, string mappings, TextWriter report)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"etl-bench-warehouse-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            var copy = Path.Combine(dir, "raw");
            RawTree.Link(raw, copy);
            var db = Path.Combine(dir, "etl.db");
            double Time(bool full, out BuildReport r)
            {
                var sw = Stopwatch.StartNew();
                r = WarehouseBuilder.Run(new BuildOptions(copy, mappings, db) { FullRefresh = full }, TextWriter.Null);
                return sw.Elapsed.TotalSeconds;
            }
            Time(true, out _); // warm-up: JIT, page cache
            // Single builds here vary by a tenth from run to run: the full build and the changed export are each the
            // best of three, the changed export's each from the same warehouse and cache.
            var (full, fullReport) = Best(() => (Time(true, out var r), r));
            var noop = Time(false, out var noopReport);
            var page = Directory.EnumerateFiles(Path.Combine(copy, "bulletins"), "*.htm*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
            RawTree.Detach(page);
            File.AppendAllText(page, "\n<!-- revised -->\n", Encoding.ASCII);
            var one = Time(false, out var oneReport);
            // A corrected patent download: the first CSV export loses the second half of its lines.
            var export = Directory.EnumerateFiles(Path.Combine(copy, "patents"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
            double? oneExport = null;
            BuildReport? exportReport = null;
            if (export is not null)
            {
                RawTree.Detach(export);
                var bytes = File.ReadAllBytes(export);
                File.WriteAllBytes(export, bytes.AsSpan(0, bytes.AsSpan(0, bytes.Length / 2).LastIndexOf((byte)'\n') + 1).ToArray());
                var cache = new BuildOptions(copy, mappings, db).CacheFolder;
                var saved = Path.Combine(dir, "before-export");
                Directory.CreateDirectory(saved);
                File.Copy(db, Path.Combine(saved, "etl.db"));
                CopyFolder(cache, Path.Combine(saved, "cache"));
                (oneExport, exportReport) = Best(() =>
                {
                    File.Copy(Path.Combine(saved, "etl.db"), db, overwrite: true);
                    Directory.Delete(cache, recursive: true);
                    CopyFolder(Path.Combine(saved, "cache"), cache);
                    var sw = Stopwatch.StartNew();
                    var r = WarehouseBuilder.Run(new BuildOptions(copy, mappings, db) { AllowShrink = true }, TextWriter.Null);
                    return (sw.Elapsed.TotalSeconds, r);
                });
            }
            report.WriteLine($"warehouse benchmark on a copy of {raw}");
            report.WriteLine("| build | seconds | ratio to full | stages |");
            report.WriteLine("|---|---|---|---|");
            string Stages(BuildReport r) => string.Join(", ", r.Stages.Select(s => $"{s.Stage} {s.Action} {s.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s"));
            report.WriteLine(Inv($"| full (--full-refresh) | {full:F2} | 1.00 | {Stages(fullReport)} |"));
            report.WriteLine(Inv($"| no-op re-run | {noop:F2} | {noop / full:F3} | {(noopReport.UpToDate ? "up to date: nothing written" : Stages(noopReport))} |"));
            report.WriteLine(Inv($"| one bulletin changed | {one:F2} | {one / full:F3} | {Stages(oneReport)} |"));
            if (oneExport is { } e)
            {
                double Patents(BuildReport r) => r.Stages.Single(x => x.Stage == "patents").Seconds;
                report.WriteLine(Inv($"| one patent export changed | {e:F2} | {e / full:F3} | {Stages(exportReport!)} |"));
                report.WriteLine();
                var ratio = Patents(exportReport!) / Patents(fullReport);
                report.WriteLine(Inv($"one changed export: patent stage {Patents(exportReport!):F2} s against {Patents(fullReport):F2} s in the full build = {ratio:P0} (target < 15%: {(ratio < 0.15 ? "met" : "MISSED")}); whole build {e / full:P0}"));
                report.WriteLine(Inv($"no-op re-run: {noop:F2} s (target < 5 s: {(noop < 5 ? "met" : "MISSED")})"));
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The fastest of three runs of <paramref name="build"/>, with its report.</summary>
    private static (double Seconds, BuildReport Report) Best(Func<(double, BuildReport)> build) =>
        Enumerable.Range(0, 3).Select(_ => build()).MinBy(x => x.Item1);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
