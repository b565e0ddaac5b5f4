using System.CommandLine;
using System.Globalization;
using Etl.Domain.Mappings;
using Etl.Simulator;

namespace Etl.Cli.Commands;

/// <summary><c>etl simulate</c>: write the synthetic raw corpus and its truth panel.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Raw folder to write (yearbook/, bulletins/, patents/).", Required = true };
        var truth = new Option<DirectoryInfo>("--truth") { Description = "Folder for the truth panel and expected counts (outside --out).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Corpus seed.", DefaultValueFactory = _ => SimulatorOptions.DefaultSeed };
        var scale = new Option<double>("--scale") { Description = "Patent volume relative to the national one (1 = about 18 million invention applications).", DefaultValueFactory = _ => 0.05 };
        var mappings = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var noPatents = new Option<bool>("--no-patents") { Description = "Skip the patent exports (yearbooks, bulletins and truth only)." };
        var command = new Command("simulate", "Write a synthetic raw corpus that looks and misbehaves like the real sources, with its truth panel.")
        {
            outDir, truth, seed, scale, mappings, noPatents,
        };
        command.SetAction(parse =>
        {
            var s = parse.GetValue(scale);
            if (s is <= 0 or > 4) throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--scale must lie in (0, 4], got {s}"));
            var m = MappingSet.Load(parse.GetValue(mappings)!.FullName);
            var options = new SimulatorOptions(parse.GetValue(outDir)!.FullName, parse.GetValue(truth)!.FullName, parse.GetValue(seed), s)
            {
                WritePatents = !parse.GetValue(noPatents),
            };
            var started = DateTime.UtcNow;
            string summary;
            try { summary = CorpusSimulator.Run(m, options, error); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated corpus in {options.OutputDirectory}: {summary} ({(DateTime.UtcNow - started).TotalSeconds:F1} s)"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
