using System.CommandLine;
using System.Globalization;
using Etl.Cli.Output;
using Etl.Estimation;

namespace Etl.Cli.Commands;

/// <summary><c>etl estimate</c>: run the study's models on the warehouse; results into the warehouse and the output folder.</summary>
internal static class EstimateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var db = new Option<FileInfo>("--db") { Description = "SQLite warehouse with the panel table; the result tables are written into it.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder for the publication tables (md, csv, tex, html) and plots (png); default warehouse/results, or warehouse/results-NAME for a specification NAME.json." };
        var spec = new Option<FileInfo?>("--spec") { Description = "Study specification (JSON) to run instead of the bundled one." };
        var seed = new Option<long?>("--seed") { Description = "Seed of the bootstrap, permutation and wild bootstrap draws (default: the specification's)." }.AtLeast(0L);
        var reps = new Option<int?>("--reps") { Description = "Bootstrap replications of the indirect effect a*b (default: the specification's, 1000)." }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print the estimates and tests as JSON on stdout (schema etl.estimate/1, see src/Etl.Cli/JSON.md)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors and notes." };
        var force = new Option<bool>("--force") { Description = "Write into an output folder that holds another result set's files." };
        var command = new Command("estimate", "Run the study's models on the warehouse panel and write the result tables and plots.")
        {
            db, outDir, spec, seed, reps, force, json, quiet,
        };
        command.SetAction(parse =>
        {
            var specFile = parse.GetValue(spec);
            if (specFile is not null && !specFile.Exists) throw new MissingInputException("specification", specFile.FullName);
            var set = StudyOptions.NameOf(specFile?.FullName);
            var folder = parse.GetValue(outDir)?.FullName ?? Path.GetFullPath(Path.Combine("warehouse", set == "study" ? "results" : $"results-{set}"));
            var options = new StudyOptions(parse.GetValue(db)!.FullName, folder)
            {
                SpecPath = specFile?.FullName,
                Force = parse.GetValue(force),
                Seed = parse.GetValue(seed) is { } s ? (ulong)s : null,
                BootstrapReps = parse.GetValue(reps),
            };
            var r = StudyRunner.Run(options);
            var total = r.Timings.Single(t => t.Step == "total").Elapsed.TotalSeconds;
            foreach (var note in r.Notes) error.WriteLine($"note: {note}");
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, "etl.estimate/1", EstimateJson.Of(options, r, total));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(quiet)) return ExitCodes.Ok;
            var from = r.Build is { } b ? $"build run {b.RunId}, panel {r.Panel.SnapshotHash[..12]}" : $"panel {r.Panel.SnapshotHash[..12]}, made by no recorded build";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"estimated {r.Models.Count} models and {Estimation.Results.TestStatistics.From(r).Count} test statistics on {r.Panel.RowCount} rows ({from}) in {total:F2} s"));
            output.WriteLine($"results '{r.ResultSet}': tables estimates, test_statistics, bootstrap_draws, estimation_runs in {options.DatabasePath}; files in {options.OutputDirectory}");
            foreach (var t in r.Timings.Where(t => t.Step != "total"))
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Step,-36} {t.Elapsed.TotalMilliseconds,9:F1} ms"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
