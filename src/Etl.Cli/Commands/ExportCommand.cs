using System.CommandLine;
using System.Globalization;
using Etl.Publish.Export;

namespace Etl.Cli.Commands;

/// <summary><c>etl export</c>: the balanced panel with labels, units and value flags, as CSV, Parquet or Stata .dta.</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output)
    {
        var db = new Option<FileInfo>("--db") { Description = "Warehouse file.", DefaultValueFactory = _ => new FileInfo(Path.Combine("warehouse", "etl.db")) };
        var format = new Option<string>("--format") { Description = "csv, parquet or dta.", Required = true };
        format.AcceptOnlyFromAmong("csv", "parquet", "dta");
        var outPath = new Option<FileInfo>("--out") { Description = "The file to write (a CSV also gets NAME.dictionary.csv beside it).", Required = true };
        var bom = new Option<bool>("--bom") { Description = "Start the CSV with a UTF-8 byte-order mark (Excel on Chinese Windows needs it)." };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists." };
        var command = new Command("export", "Export the balanced panel with city names, regions, one flag per variable (observed, interpolated, derived, computed), labels and units.")
        {
            db, format, outPath, bom, force,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            var kind = parse.GetValue(format)!;
            var written = kind == "csv" ? [target.FullName, CsvExport.DictionaryPath(target.FullName)] : new[] { target.FullName };
            if (!parse.GetValue(force) && written.FirstOrDefault(File.Exists) is { } existing)
                throw new InvalidDataException($"{existing} exists; pass --force to replace it");
            if (target.Directory is { Exists: false } dir) dir.Create();
            var export = PanelExportReader.Read(parse.GetValue(db)!.FullName);
            switch (kind)
            {
                case "csv": CsvExport.Write(export, target.FullName, parse.GetValue(bom)); break;
                case "parquet": ParquetExport.WriteAsync(export, target.FullName).GetAwaiter().GetResult(); break;
                default: DtaWriter.Write(export, target.FullName); break;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(" and ", written)}: {export.Rows.Count} rows x {export.Columns.Count} columns (panel {export.PanelHash[..Math.Min(12, export.PanelHash.Length)]})"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
