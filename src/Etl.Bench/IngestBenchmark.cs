using System.Diagnostics;
using System.Globalization;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Ingest;

namespace Etl.Bench;

/// <summary>Throughput of the yearbook and bulletin parsers on a raw folder, on one core and on two.</summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "yearbook and bulletin parsers: files/s and MB/s, 1 and 2 threads (--raw DIR --mappings DIR --runs N)";

    public int Run(IReadOnlyList<string> args, TextWriter report)
    {
        var a = new BenchArgs(args);
        var raw = a.Text("raw", "raw");
        var mappings = MappingSet.Load(a.Text("mappings", "mappings"));
        var runs = a.Int("runs", 3);
        var ingestor = new Ingestor(mappings);
        report.WriteLine($"ingest benchmark on {Path.GetFullPath(raw)}, best of {runs} runs, page cache warm");
        report.WriteLine("| parser | threads | files | MB | best s | files/s | MB/s | facts |");
        report.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var kind in new[] { SourceKind.Yearbook, SourceKind.Bulletin })
        {
            var files = RawFolder.List(raw, kind);
            if (files.Count == 0) { report.WriteLine($"| {kind} | - | 0 | - | - | - | - | - |"); continue; }
            var mb = files.Sum(f => f.Bytes) / 1e6;
            ingestor.Run(files, 2); // warm-up: JIT and page cache
            foreach (var threads in new[] { 1, 2 })
            {
                var best = double.MaxValue;
                long facts = 0;
                for (var r = 0; r < runs; r++)
                {
                    var sw = Stopwatch.StartNew();
                    var result = ingestor.Run(files, threads);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                    facts = result.Facts.LongCount();
                }
                report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {threads} | {files.Count} | {mb:F1} | {best:F3} | {files.Count / best:F0} | {mb / best:F1} | {facts} |"));
            }
        }
        return 0;
    }
}
