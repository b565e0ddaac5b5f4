using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Etl.Publish.Export;

/// <summary>
/// The export as Parquet (Parquet.Net): text and categories as strings, whole numbers as int64, reals as double,
/// missing as null. Labels and units travel in the file's key-value metadata (<c>etl.labels</c>: a JSON object
/// of column to label and unit; <c>etl.title</c>, <c>etl.panel_hash</c>) and in each column chunk's metadata.
/// </summary>
public static class ParquetExport
{
    /// <summary>Writes the export to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(PanelExport export, string path)
    {
        var fields = export.Columns.Select(c => c.Kind switch
        {
            ExportKind.Integer => (DataField)new DataField<long?>(c.Name),
            ExportKind.Real => new DataField<double?>(c.Name),
            _ => new DataField<string>(c.Name),
        }).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            ["etl.title"] = export.Title,
            ["etl.panel_hash"] = export.PanelHash,
            ["etl.labels"] = JsonSerializer.Serialize(export.Columns.ToDictionary(c => c.Name, c => new Dictionary<string, string> { ["label"] = c.Label, ["unit"] = c.Unit })),
        };
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var column = export.Columns[i];
            var meta = new Dictionary<string, string> { ["label"] = column.Label, ["unit"] = column.Unit };
            switch (column.Kind)
            {
                case ExportKind.Integer:
                    await group.WriteAsync<long>(fields[i], export.Rows.Select(r => (long?)r[i]).ToArray(), null, meta);
                    break;
                case ExportKind.Real:
                    await group.WriteAsync<double>(fields[i], export.Rows.Select(r => (double?)r[i]).ToArray(), null, meta);
                    break;
                default:
                    await group.WriteAsync(fields[i], export.Rows.Select(r => r[i] is null ? null : CsvExport.Text(column, r[i])).ToArray(), null);
                    break;
            }
        }
    }
}
