using System.Globalization;
using CsvHelper;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads a delimited text table (CSV, TSV or semicolon-separated; UTF-8, UTF-16 or GBK, whatever its name:
/// the CNKI platform serves GBK CSV under .xls names, and researchers circulate panels as CSV) as one sheet
/// of text cells. The delimiter is the one that splits the first lines most evenly.
/// </summary>
internal static class DelimitedTableReader
{
    public static List<SheetCells> Read(byte[] bytes, out string encoding)
    {
        // A damaged byte costs the cell that holds it (it no longer reads as a number or a place), not the file.
        var (text, detected, damage) = EncodingDetector.DecodeDamaged(bytes);
        encoding = detected.ToString() + (damage.Count > 0 ? $"; {damage.Count} damaged byte sequence(s), the first at byte {damage[0]}" : "");
        var delimiter = Delimiter(text);
        var rows = new List<object?[]?>();
        using (var csv = CsvReader.FromText(text, new CsvReaderOptions
               {
                   Separator = delimiter,
                   HasHeader = false,
                   MissingField = CsvMissingFieldHandling.ReturnEmpty,
                   FieldCountMismatch = CsvFieldCountHandling.Allow,
                   MalformedData = CsvMalformedDataHandling.Recover,
               }))
        {
            while (csv.Read())
            {
                object?[]? row = null;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var field = csv.GetString(i).Trim();
                    if (field.Length == 0) continue;
                    row ??= new object?[csv.FieldCount];
                    row[i] = field;
                }
                rows.Add(row);
            }
        }
        while (rows.Count > 0 && rows[^1] is null) rows.RemoveAt(rows.Count - 1);
        return [new SheetCells(delimiter == '\t' ? "tsv" : "csv", rows, [])];
    }

    /// <summary>Comma, tab, semicolon or bar: the one found on most of the first lines the same number of times.</summary>
    private static char Delimiter(string text)
    {
        var lines = text.Split('\n', 12).Take(10).Where(l => l.Trim().Length > 0).ToList();
        var best = ',';
        var bestScore = -1;
        foreach (var d in new[] { ',', '\t', ';', '|' })
        {
            var counts = lines.Select(l => l.Count(ch => ch == d)).Where(n => n > 0).ToList();
            if (counts.Count == 0) continue;
            var mode = counts.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            var score = mode.Count() * 100 + Math.Min(mode.Key, 99);
            if (score > bestScore) (best, bestScore) = (d, score);
        }
        return best;
    }
}
