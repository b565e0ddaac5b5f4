using System.CommandLine;
using Etl.Cli.Output;
using Etl.Pipeline;
using Etl.Warehouse;

namespace Etl.Cli.Commands;

/// <summary><c>etl build</c> and <c>etl patents</c>: build the warehouse, or only its patent stage.</summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter output, TextWriter error) => Make("build",
        "Build the warehouse from raw files: ingest, patents, index, panel (incremental; atomic).", patentsOnly: false, output, error);

    public static Command CreatePatents(TextWriter output, TextWriter error) => Make("patents",
        "Run the patent stage and the index alone and write them into the warehouse (other stages are kept as they are).", patentsOnly: true, output, error);

    private static Command Make(string name, string description, bool patentsOnly, TextWriter output, TextWriter error)
    {
        var raw = new Option<DirectoryInfo>("--raw") { Description = "Raw folder (yearbook/, bulletins/, patents/).", DefaultValueFactory = _ => new DirectoryInfo("raw") };
        var mappings = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var full = new Option<bool>("--full-refresh") { Description = "Recompute every stage, reusing nothing the previous warehouse holds (its history is still carried over)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (at least 1).", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var variant = new Option<string[]>("--variant")
        {
            Description = $"Also build a panel variant next to the main panel, as table panel_NAME (repeatable; known: {string.Join(", ", PanelVariants.Known.Select(v => v.Name))}).",
            AllowMultipleArgumentsPerToken = false,
        };
        variant.AcceptOnlyFromAmong([.. PanelVariants.Known.Select(v => v.Name)]);
        var ipcOnly = new Option<bool>("--ipc-only") { Description = "Same as --variant ipc_only: KDT branches confirmed by IPC code alone, as panel_ipc_only; the main panel is unchanged." };
        var cache = new Option<DirectoryInfo>("--cache")
        {
            Description = "Folder of the patent stage's per-export results, so that only changed exports are read again (default: beside the warehouse, etl.db giving etl.cache).",
        };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1, warehouse not replaced) when any file is rejected or any bulletin statement is unread." };
        var allowShrink = new Option<bool>("--allow-shrink") { Description = "Accept a build that shrinks against the previous warehouse (a source kind gone, a year's patents halved, a smaller panel)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the final line (and errors); no stage lines or summary." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON on stdout (schema etl.build/1, see src/Etl.Cli/JSON.md); stage lines still go to stderr unless --quiet." };
        var command = new Command(name, description) { raw, mappings, db, full, threads, variant, ipcOnly, cache, strict, allowShrink, quiet, json };
        command.SetAction(parse =>
        {
            var t = parse.GetValue(threads);
            var rawDir = parse.GetValue(raw)!;
            if (!rawDir.Exists) throw new MissingInputException("raw folder", rawDir.FullName);
            var options = new BuildOptions(rawDir.FullName, parse.GetValue(mappings)!.FullName, parse.GetValue(db)!.FullName)
            {
                FullRefresh = parse.GetValue(full),
                Threads = t,
                Variants = [.. (parse.GetValue(variant) ?? []).Concat(parse.GetValue(ipcOnly) ? ["ipc_only"] : []).Distinct(StringComparer.Ordinal)],
                PatentsOnly = patentsOnly,
                Strict = parse.GetValue(strict),
                AllowShrink = parse.GetValue(allowShrink),
                Cache = parse.GetValue(cache)?.FullName,
            };
            var started = DateTime.UtcNow;
            BuildReport report;
            if (!parse.GetValue(quiet) && !parse.GetValue(json) && LiveProgress.Available(error))
            {
                // On a terminal the stages are drawn live; the summary follows once they are done.
                report = LiveProgress.Run(progress => WarehouseBuilder.Run(options, TextWriter.Null, progress));
                if (!report.UpToDate && report.Details is { } details) error.WriteLine(details.ToText());
                foreach (var line in report.CheckLines) error.WriteLine(line);
                foreach (var line in report.Notices) error.WriteLine($"  {line}");
            }
            else report = WarehouseBuilder.Run(options, parse.GetValue(quiet) ? TextWriter.Null : error);
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            if (parse.GetValue(json)) JsonOutput.Write(output, "etl.build/1", BuildJson.Of(options, report, seconds));
            else
            {
                output.WriteLine(FormattableString.Invariant($"{options.Database}: {report.Summary} ({seconds:F1} s)"));
                if (report.Changes is { } changes && !parse.GetValue(quiet))
                    output.WriteLine(report.Changes.Count == 0
                        ? FormattableString.Invariant($"run {report.RunId}: no raw file, city or panel cell changed against the previous build")
                        : FormattableString.Invariant($"run {report.RunId} changed {string.Join(", ", changes.Select(kv => $"{kv.Value} {kv.Key.Replace('_', ' ')}"))}: etl diff lists them"));
                if (!parse.GetValue(quiet) && !report.UpToDate)
                    error.WriteLine($"  where     warehouse {options.Database}; data checks {WarehouseBuilder.ReportPath(options.Database)}; history: etl diff --db {options.Database}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
