using System.CommandLine;
using Etl.Warehouse.Lineage;

namespace Etl.Cli.Commands;

/// <summary><c>etl trace</c>: where a warehouse value comes from, or why a city is not in the panel.</summary>
internal static class TraceCommand
{
    public static Command Create(TextWriter output)
    {
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var city = new Option<string>("--city") { Description = "City by code, Chinese name or alias (440300, 深圳, 深圳市, 襄樊).", Required = true };
        var year = new Option<int?>("--year") { Description = "Data year." };
        var variable = new Option<string?>("--var") { Description = "Variable (see the variables table), e.g. digital_patent." };
        var whyDropped = new Option<bool>("--why-dropped") { Description = "Explain why the city is not in the panel." };
        var json = new Option<bool>("--json") { Description = "Print the chain as JSON (schema etl.trace/1, see src/Etl.Cli/JSON.md)." };
        var raw = new Option<DirectoryInfo>("--raw") { Description = "Raw folder the build read: patent records are re-read from it to show their IPC codes and matched keywords.", DefaultValueFactory = _ => new DirectoryInfo("raw") };
        var mappings = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder (the KDT definition the records are explained with).", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var records = new Option<int>("--records") { Description = "Patent records to list (file, line, application number).", DefaultValueFactory = _ => 10 }.AtLeast(0);
        var command = new Command("trace", "Follow a warehouse value back to its sources (file, sheet and cell or sentence, patent records), or explain a dropped city.")
        {
            db, city, year, variable, whyDropped, json, records, raw, mappings,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(records);
            using var tracer = new LineageTracer(parse.GetValue(db)!.FullName) { RecordLimit = n };
            TraceNode node;
            if (parse.GetValue(whyDropped)) node = tracer.WhyDropped(parse.GetValue(city)!);
            else
            {
                if (parse.GetValue(year) is not { } y || parse.GetValue(variable) is not { } v)
                    throw new UsageException("give --year and --var, or --why-dropped");
                node = tracer.Trace(parse.GetValue(city)!, y, v);
                RecordEvidence.Add(node, parse.GetValue(raw)!.FullName, parse.GetValue(mappings)!.FullName, tracer.MappingHashes());
            }
            output.Write(parse.GetValue(json) ? node.ToJson() + "\n" : node.ToText());
            return ExitCodes.Ok;
        });
        return command;
    }
}
