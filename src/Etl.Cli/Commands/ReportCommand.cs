using System.CommandLine;
using System.Globalization;
using Etl.Publish.Report;
using Etl.Warehouse.Lineage;

namespace Etl.Cli.Commands;

/// <summary><c>etl report</c>: one self-contained HTML page of the sample, data quality, a traced panel excerpt, the tables and the figures.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var results = new Option<DirectoryInfo>("--results") { Description = "Folder of etl estimate's tables and figures.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("warehouse", "results")) };
        var outPath = new Option<FileInfo?>("--out") { Description = "The page to write (default: report.html in the results folder)." };
        var command = new Command("report", "Write one self-contained HTML page: sample and map, data quality, a panel excerpt linked to its lineage, every table and figure.")
        {
            db, results, outPath,
        };
        command.SetAction(parse =>
        {
            var dbPath = parse.GetValue(db)!.FullName;
            var dir = parse.GetValue(results)!.FullName;
            var target = parse.GetValue(outPath)?.FullName ?? Path.Combine(dir, "report.html");
            using var tracer = new LineageTracer(dbPath) { RecordLimit = 5 };
            var summary = ReportWriter.Write(dbPath, dir, target, (city, year, variable) => tracer.Trace(city, year, variable).ToText());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report: {summary.Path} ({summary.CitiesKept} cities kept, {summary.CitiesDropped} dropped; {summary.Tables} tables, {summary.Figures} figures; {summary.TracedValues} values linked to their lineage)"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
