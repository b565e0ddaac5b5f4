using System.CommandLine;
using Etl.Domain.Mappings;

namespace Etl.Cli.Commands;

/// <summary><c>etl mappings derive|check</c>: regenerate or validate the reference tables.</summary>
internal static class MappingsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("mappings", "Derive or check the reference tables under mappings/.");

        var reference = new Option<DirectoryInfo>("--reference") { Description = "Folder with the public reference material (GB/T 2260 history, KDT 2023, concordances).", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Mappings folder to write.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var derive = new Command("derive", "Regenerate the derived tables from the reference folder, then validate the whole folder.") { reference, outDir };
        derive.SetAction(parse =>
        {
            var refDir = parse.GetValue(reference)!;
            if (!refDir.Exists) throw new MissingInputException("reference folder", refDir.FullName);
            var target = parse.GetValue(outDir)!;
            MappingsBuilder.MappingsBuilder.Build(refDir.FullName, target.FullName);
            var set = MappingSet.Load(target.FullName);
            output.WriteLine($"derived {MappingsBuilder.MappingsBuilder.DerivedFiles.Count} tables into {target.FullName}; all {MappingSet.Files.Count} tables valid ({set.CombinedHash[..12]})");
            return ExitCodes.Ok;
        });

        var dir = new Option<DirectoryInfo>("--mappings") { Description = "Mappings folder to validate.", DefaultValueFactory = _ => new DirectoryInfo("mappings") };
        var check = new Command("check", "Validate every table of a mappings folder and print its hashes.") { dir };
        check.SetAction(parse =>
        {
            var set = MappingSet.Load(parse.GetValue(dir)!.FullName);
            foreach (var (file, hash) in set.FileHashes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) output.WriteLine($"{hash[..12]}  {file}");
            output.WriteLine($"ok: {set.Cities.All.Count} units, {set.Counties.All.Count} county records, {set.Events.All.Count} events, {set.Kdt.Branches.Count} KDT branches");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(derive);
        command.Subcommands.Add(check);
        return command;
    }
}
