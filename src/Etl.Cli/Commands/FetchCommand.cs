using System.CommandLine;
using System.Globalization;
using Etl.Cli.Output;
using Etl.Fetch;
using Etl.Pipeline;
using Etl.Simulator.Serving;
using Etl.Warehouse;

namespace Etl.Cli.Commands;

/// <summary><c>etl fetch</c>: fetch the sources of a manifest into the raw folder; <c>etl fetch-demo</c>: the same against a local, faulty server of the simulated corpus.</summary>
internal static class FetchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "Sources manifest (CSV: id,kind,city,year,url,media_type,sha256,path).", Required = true };
        var raw = new Option<DirectoryInfo>("--raw") { Description = "Raw folder to fetch into.", DefaultValueFactory = _ => new DirectoryInfo("raw") };
        var baseUrl = new Option<string?>("--base-url") { Description = "Address that relative manifest URLs are resolved against." };
        var concurrency = new Option<int>("--concurrency") { Description = "Sources fetched at once.", DefaultValueFactory = _ => new FetchSettings().MaxConcurrency }.AtLeast(1);
        var rate = new Option<int>("--rate") { Description = "Requests per second to one host.", DefaultValueFactory = _ => new FetchSettings().RequestsPerSecondPerHost }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print the outcome of every source as JSON (schema etl.fetch/1, see src/Etl.Cli/JSON.md)." };
        var command = new Command("fetch", "Fetch the manifest's sources into the raw folder: retried, verified, atomic, incremental, with provenance.")
        {
            manifest, raw, baseUrl, concurrency, rate, json,
        };
        command.SetAction(parse =>
        {
            var settings = new FetchSettings
            {
                BaseUrl = ParseBase(parse.GetValue(baseUrl)),
                MaxConcurrency = parse.GetValue(concurrency),
                RequestsPerSecondPerHost = parse.GetValue(rate),
            };
            var sources = Load(parse.GetValue(manifest)!);
            var folder = parse.GetValue(raw)!.FullName;
            var summary = FetchRun.RunAsync(sources, folder, settings, error).GetAwaiter().GetResult();
            if (parse.GetValue(json)) JsonOutput.Write(output, "etl.fetch/1", FetchJson.Of(folder, summary));
            else output.WriteLine(summary.ToText());
            return summary.Failed == 0 ? ExitCodes.Ok : ExitCodes.DataError;
        });
        return command;
    }

    public static Command CreateDemo(TextWriter output, TextWriter error)
    {
        var origin = new Option<DirectoryInfo>("--origin") { Description = "The simulated raw folder to serve.", DefaultValueFactory = _ => new DirectoryInfo("raw") };
        var manifest = new Option<FileInfo>("--manifest") { Description = "Its manifest (the simulator writes truth/sources.csv).", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "truth", "sources.csv")) };
        var mappings = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the fetched raw folder and its warehouse (emptied first).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("warehouse", "fetch-demo")) };
        var compare = new Option<FileInfo?>("--compare") { Description = "A warehouse built from the origin: the demo's panel hash must equal its." };
        var seed = new Option<int>("--faults-seed") { Description = "Seed of the injected faults.", DefaultValueFactory = _ => 20240601 };
        var share = new Option<double>("--faults-share") { Description = "Share of sources whose first requests meet a fault.", DefaultValueFactory = _ => 0.05 };
        var command = new Command("fetch-demo", "Serve the simulated corpus on 127.0.0.1 with injected faults, fetch it into a fresh raw folder, build, and compare the panel.")
        {
            origin, manifest, mappings, outDir, compare, seed, share,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(origin)!;
            if (!root.Exists) throw new MissingInputException("raw folder", root.FullName);
            var sources = Load(parse.GetValue(manifest)!);
            var dir = parse.GetValue(outDir)!.FullName;
            var fetched = Path.Combine(dir, "raw");
            if (Directory.Exists(fetched)) Directory.Delete(fetched, recursive: true);
            var stall = TimeSpan.FromMilliseconds(600);
            var summary = Serve(root.FullName, new SeededFaults(parse.GetValue(seed), parse.GetValue(share), stall), sources, fetched, error, out var faults);
            output.WriteLine(summary.ToText());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the server injected {faults} faults; {summary.Attempts} attempts for {summary.Outcomes.Count} sources"));
            if (summary.Failed > 0) return ExitCodes.DataError;

            var db = Path.Combine(dir, "etl.db");
            var report = WarehouseBuilder.Run(new BuildOptions(fetched, parse.GetValue(mappings)!.FullName, db) { FullRefresh = true }, error);
            output.WriteLine($"{db}: {report.Summary}");
            var hash = WarehouseIdentity.PanelHash(db);
            if (parse.GetValue(compare) is not { } other)
            {
                output.WriteLine($"panel hash {hash}");
                return ExitCodes.Ok;
            }
            var expected = WarehouseIdentity.PanelHash(other.FullName);
            if (hash != expected)
            {
                error.WriteLine($"error: the fetched corpus gives panel hash {hash}, the original {expected} ({other.FullName})");
                return ExitCodes.DataError;
            }
            output.WriteLine($"panel hash {hash} equals the original's ({other.FullName})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static FetchSummary Serve(string root, IFaultPlan faults, IReadOnlyList<SourceEntry> sources, string raw, TextWriter log, out int played)
    {
        var server = new CorpusServer(root, faults);
        try
        {
            // Short waits: the faults are local and the demo should take seconds, not minutes.
            var settings = new FetchSettings
            {
                BaseUrl = server.BaseUrl,
                BaseDelay = TimeSpan.FromMilliseconds(100),
                FirstByteTimeout = TimeSpan.FromMilliseconds(300),
                StallTimeout = TimeSpan.FromMilliseconds(300),
                MaxConcurrency = 32,
                RequestsPerSecondPerHost = 1000,
                BreakerMinimumThroughput = 1000,
            };
            var summary = FetchRun.RunAsync(sources, raw, settings, log).GetAwaiter().GetResult();
            played = server.FaultsPlayed;
            return summary;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static List<SourceEntry> Load(FileInfo manifest)
    {
        if (!manifest.Exists) throw new InvalidDataException($"manifest not found: {manifest.FullName}");
        return SourceManifest.Load(manifest.FullName);
    }

    private static Uri? ParseBase(string? text)
    {
        if (text is null) return null;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
            throw new UsageException($"--base-url '{text}' is not an http(s) address");
        return u;
    }

}
