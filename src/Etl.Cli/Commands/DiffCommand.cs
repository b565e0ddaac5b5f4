using System.CommandLine;
using System.Globalization;
using Etl.Cli.Output;
using Etl.Warehouse.Lineage;

namespace Etl.Cli.Commands;

/// <summary><c>etl diff</c>: what a build changed against the warehouse it replaced.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter output)
    {
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var run = new Option<long?>("--run") { Description = "The build to show (a run_id of the runs table; default: the latest)." };
        var limit = new Option<int>("--limit") { Description = "Changed panel cells to list (0: all).", DefaultValueFactory = _ => 50 }.AtLeast(0);
        var json = new Option<bool>("--json") { Description = "Print every change as JSON (schema etl.diff/1, see src/Etl.Cli/JSON.md)." };
        var command = new Command("diff", "Show what a build changed: raw files added, changed and removed; cities entering or leaving the sample and why; panel cells with old and new values.")
        {
            db, run, limit, json,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(db)!;
            if (!file.Exists) throw new MissingInputException("warehouse", file.FullName);
            var diff = RunDiff.Read(file.FullName, parse.GetValue(run));
            if (parse.GetValue(json)) JsonOutput.Write(output, "etl.diff/1", diff);
            else Print(output, diff, parse.GetValue(limit));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter o, RunDiffResult d, int limit)
    {
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {d.RunId}, finished {d.FinishedUtc}, etl {d.ToolVersion}{(d.CodeDirty ? " (uncommitted code)" : "")}, panel {d.PanelHash[..12]}"));
        if (d.PreviousRunId is null)
        {
            o.WriteLine("  the first build of this warehouse: nothing to compare with");
            return;
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  against run {d.PreviousRunId}:"));
        if (d.Changes.Count == 0)
        {
            o.WriteLine("  no raw file, city or panel cell changed");
            return;
        }
        int Count(string kind) => d.Changes.Count(c => c.Kind == kind);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  files: {Count("file_added")} added, {Count("file_changed")} changed, {Count("file_removed")} removed"));
        foreach (var c in d.Changes.Where(c => c.Kind.StartsWith("file_", StringComparison.Ordinal)))
            o.WriteLine($"    {c.Kind[5..],-8} {c.Subject} ({c.Why}{(c.OldValue is null ? "" : ", was " + c.OldValue)}{(c.NewValue is null ? "" : ", now " + c.NewValue)})");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cities: {Count("city_entered")} entered, {Count("city_left")} left the sample"));
        foreach (var c in d.Changes.Where(c => c.Kind is "city_entered" or "city_left"))
            o.WriteLine($"    {c.Kind[5..],-8} {c.Subject}: {c.Why}");
        foreach (var c in d.Changes.Where(c => c.Kind == "column_added")) o.WriteLine($"  new panel column {c.Subject}");
        var cells = d.Changes.Where(c => c.Kind == "cell_changed").ToList();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  panel cells: {cells.Count} changed"));
        foreach (var c in limit == 0 ? cells : cells.Take(limit))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {c.Subject} {c.Year} {c.Variable}: {c.OldValue ?? "NULL"} -> {c.NewValue ?? "NULL"} ({c.Why})"));
        if (limit > 0 && cells.Count > limit)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ... and {cells.Count - limit} more (--limit 0 lists all)"));
    }
}
