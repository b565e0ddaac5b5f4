using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Etl.Ingest.Yearbook;

/// <summary>A file that could not be read as a workbook, with the reason.</summary>
internal sealed class WorkbookException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Machine-readable reason: <c>not_a_workbook</c>, <c>corrupt_workbook</c>, <c>empty_workbook</c>.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Reads every sheet of an .xls (BIFF) or .xlsx workbook with ExcelDataReader's streaming reader. The
/// legacy format needs the code-page encodings, which are registered here; a BIFF file without a code page
/// record is read as GB18030 (CP936), the encoding of Chinese Excel.
/// </summary>
internal static class WorkbookReader
{
    /// <summary>Largest inflated entry of a yearbook workbook (a whole yearbook edition is some tens of MB).</summary>
    public const long MaxEntryBytes = 256L << 20;

    /// <summary>Most cells a yearbook workbook may hold (the sheets are kept in memory to find their tables).</summary>
    public const long MaxCells = 5_000_000;

    /// <summary>Reads all sheets; throws <see cref="WorkbookException"/> when the file is not a readable workbook.</summary>
    public static List<SheetCells> Read(string path)
    {
        if (Etl.Domain.Staging.FileFormats.InflationProblem(path, MaxEntryBytes) is { } bomb) throw new WorkbookException(bomb.Reason, bomb.Detail);
        long cellCount = 0;
        try
        {
            // Taking GB18030 registers the code pages, which the reader's configuration needs as it is built.
            var fallback = Etl.Domain.Text.ChineseEncodings.Gb18030;
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration
            {
                FallbackEncoding = fallback,
                LeaveOpen = false,
            });
            var sheets = new List<SheetCells>();
            do
            {
                var rows = new List<object?[]?>();
                while (reader.Read())
                {
                    object?[]? cells = null;
                    for (var c = 0; c < reader.FieldCount; c++)
                    {
                        var v = reader.GetValue(c);
                        if (v is null) continue;
                        cells ??= new object?[reader.FieldCount];
                        cells[c] = v;
                        if (++cellCount > MaxCells)
                            throw new WorkbookException("too_large", $"the workbook holds more than {MaxCells} cells, more than a yearbook workbook may have");
                    }
                    rows.Add(cells);
                }
                while (rows.Count > 0 && rows[^1] is null) rows.RemoveAt(rows.Count - 1);
                var merges = (reader.MergeCells ?? []).Select(m => (m.FromRow, m.FromColumn, m.ToRow, m.ToColumn));
                sheets.Add(new SheetCells(reader.Name ?? $"Sheet{sheets.Count + 1}", rows, merges));
            } while (reader.NextResult());
            if (sheets.All(s => s.RowCount == 0)) throw new WorkbookException("empty_workbook", "the workbook holds no cells");
            return sheets;
        }
        catch (InvalidPasswordException e)
        {
            // A workbook under Excel's default password (as CNKI serves them) opens as Excel opens it; another
            // password cannot be guessed.
            throw new WorkbookException("encrypted_workbook", $"the workbook is password-protected ({e.Message}); save an unprotected copy to read it", e);
        }
        catch (HeaderException e)
        {
            throw new WorkbookException("not_a_workbook", $"not an Excel workbook: {e.Message}", e);
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException
                                      or IndexOutOfRangeException or NotSupportedException or System.Xml.XmlException or FormatException)
        {
            throw new WorkbookException("corrupt_workbook", $"the workbook cannot be read ({e.GetType().Name}): {e.Message}", e);
        }
    }
}
