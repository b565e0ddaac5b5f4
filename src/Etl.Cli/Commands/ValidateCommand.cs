using System.CommandLine;
using Etl.Cli.Output;
using Etl.Domain.Mappings;
using Etl.Warehouse;

namespace Etl.Cli.Commands;

/// <summary><c>etl validate</c>: run the declared data checks on a warehouse (a build runs them too).</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output)
    {
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var mappings = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder with data_checks.csv.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var report = new Option<FileInfo?>("--out") { Description = "Also write the report (Markdown) to this file; an existing file is replaced only with --force." };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (schema etl.validate/1, see src/Etl.Cli/JSON.md)." };
        var command = new Command("validate", "Run the declared data checks (mappings/data_checks.csv) on the warehouse; exit 1 when a check of severity error fails.")
        {
            db, mappings, report, force, json,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(db)!;
            if (!file.Exists) throw new MissingInputException("warehouse", file.FullName);
            var folder = parse.GetValue(mappings)!;
            if (!folder.Exists) throw new MissingInputException("mappings folder", folder.FullName);
            var results = DataChecks.Run(file.FullName, MappingSet.Load(folder.FullName));
            var text = DataChecks.Report(results, file.FullName);
            if (parse.GetValue(report) is { } target)
            {
                if (target.Exists && !parse.GetValue(force)) throw new UsageException($"{target.FullName} exists; --force replaces it");
                File.WriteAllText(target.FullName, text);
            }
            if (parse.GetValue(json))
                JsonOutput.Write(output, "etl.validate/1", new
                {
                    Database = file.FullName,
                    Passed = results.Count(r => r.Passed),
                    Errors = results.Count(r => !r.Passed && r.Check.Severity == CheckSeverity.Error),
                    Warnings = results.Count(r => !r.Passed && r.Check.Severity == CheckSeverity.Warning),
                    Checks = results.Select(r => new
                    {
                        r.Check.Id,
                        Severity = r.Check.Severity == CheckSeverity.Error ? "error" : "warning",
                        r.Check.Kind,
                        r.Check.Target,
                        r.Check.Description,
                        r.Passed,
                        r.Failures,
                        r.Examples,
                    }).ToList(),
                });
            else output.Write(text);
            return DataChecks.Errors(results) is null ? ExitCodes.Ok : ExitCodes.DataError;
        });
        return command;
    }
}
