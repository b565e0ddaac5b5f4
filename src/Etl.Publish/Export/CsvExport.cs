using System.Globalization;
using System.Text;
using CsvHelper;

namespace Etl.Publish.Export;

/// <summary>
/// The export as CSV (UTF-8, RFC 4180, LF; a byte-order mark on request, which Excel on Chinese Windows needs to
/// read UTF-8) and its data dictionary beside it (<c>NAME.dictionary.csv</c>: column, label, unit, type, values).
/// Numbers round-trip (shortest form that reads back to the same double); missing values are empty.
/// </summary>
public static class CsvExport
{
    /// <summary>The dictionary written beside <paramref name="path"/>.</summary>
    public static string DictionaryPath(string path) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".dictionary.csv");

    /// <summary>Writes the data and the dictionary.</summary>
    public static void Write(PanelExport export, string path, bool byteOrderMark)
    {
        Table(path, byteOrderMark, export.Columns.Select(c => c.Name).ToArray(), export.Rows.Select(r => export.Columns.Select((c, i) => Text(c, r[i])).ToArray()));
        Table(DictionaryPath(path), byteOrderMark, ["column", "label", "unit", "type", "values"], export.Columns.Select(c => new[]
        {
            c.Name, c.Label, c.Unit, c.Kind switch { ExportKind.Real => "number", ExportKind.Integer => "integer", ExportKind.Category => "category", _ => "text" },
            c.Categories is null ? "" : string.Join("; ", c.Categories),
        }));
    }

    private static void Table(string path, bool bom, string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StreamWriter(path, false, new UTF8Encoding(bom));
        using var writer = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n", Separator = ',' });
        writer.WriteRecord(header);
        foreach (var row in rows) writer.WriteRecord(row);
    }

    /// <summary>A value as text: categories by name, numbers in round-trip invariant form, missing as empty.</summary>
    public static string Text(ExportColumn column, object? value) => value switch
    {
        null => "",
        int code when column.Kind == ExportKind.Category => column.CategoryText(code),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
