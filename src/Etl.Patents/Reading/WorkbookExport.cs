using System.Globalization;
using System.Text;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Patents.Aggregation;
using Etl.Patents.Matching;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Etl.Patents.Reading;

/// <summary>
/// Reads a patent export delivered as a workbook (.xlsx or .xls, found by its bytes), streaming one row at a
/// time with ExcelDataReader, through the same column finder and record rules as a CSV export. Each sheet
/// whose first rows hold an export header is read (rows above the header are excluded as
/// <c>preamble_row</c>); a sheet without one (a vendor's search-query sheet) holds no records and is named in
/// the file's note. Records are located by sheet and row; the record index stores the row (for the second and
/// later export sheets, 1,000,000 × the sheet's ordinal + the row).
/// </summary>
internal static class WorkbookExport
{
    /// <summary>Rows searched for the header on each sheet.</summary>
    public const int HeaderSearchRows = 20;

    /// <summary>The number the record index adds per export sheet after the first.</summary>
    public const long SheetStride = 1_000_000;

    /// <summary>Largest inflated entry of an export workbook (rows are streamed; this bounds a zip bomb, not a big export).</summary>
    public const long MaxEntryBytes = 8L << 30;

    /// <summary>
    /// Whether an exception while reading says the workbook's bytes cannot be read (further), not that the code is
    /// wrong: the rows read so far are kept, and the rest of the workbook is quarantined.
    /// </summary>
    public static bool BreaksOff(Exception e) =>
        e is HeaderException or ExcelReaderException or InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException
            or IndexOutOfRangeException or NotSupportedException or System.Xml.XmlException or FormatException or DecoderFallbackException;

    public static ExportReader.FileResult Read(ExportReader owner, string path, ExportReader.FileResult result, bool needText, KdtMatcher.Session session,
        Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        var outcome = result.Outcome;
        var codes = new List<long>(8);
        var notes = new List<string>();
        var exportSheets = 0;
        // Where reading is, for a workbook that breaks off: the records settled into the batch are handed on, and the
        // rest is quarantined at the row after the last one read.
        var sheet = "";
        var complete = 0;
        var afterSheet = false;
        RecordBatch? batch = null;
        if (Etl.Domain.Staging.FileFormats.InflationProblem(path, MaxEntryBytes) is { } bomb) return ExportReader.Reject(result, bomb.Reason, bomb.Detail);
        try
        {
            _ = ChineseEncodings.Gb18030; // registers the code pages legacy workbooks need
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = ChineseEncodings.Gb18030 });
            outcome.Encoding = "workbook";
            do
            {
                sheet = reader.Name ?? $"Sheet{exportSheets + 1}";
                ExportColumns? columns = null;
                var row = 0;
                complete = 0;
                afterSheet = false;
                var preamble = 0;
                batch = newBatch();
                while (reader.Read())
                {
                    row++;
                    var cells = new object?[reader.FieldCount];
                    var blank = true;
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = reader.GetValue(i);
                        if (cells[i] is not null and not "") blank = false;
                    }
                    complete = row;
                    if (columns is null)
                    {
                        if (blank) continue;
                        var headers = cells.Select(c => (Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").Trim()).ToList();
                        var found = ExportColumns.From(headers);
                        if (found.Missing(needText).Count == 0)
                        {
                            columns = found;
                            exportSheets++;
                            if (exportSheets == 1) outcome.Note = found.Describe(headers);
                            if (preamble > 0)
                            {
                                outcome.Read += preamble;
                                outcome.Exclude("preamble_row", preamble);
                            }
                            continue;
                        }
                        preamble++;
                        if (row >= HeaderSearchRows) break;
                        continue;
                    }
                    if (blank) continue;
                    outcome.Read++;
                    var line = (exportSheets - 1) * SheetStride + row;
                    var fields = new WorkbookRecordFields(cells, sheet, row);
                    if (!owner.Settle(ref fields, columns, session, codes, line, result, batch)) continue;
                    if (batch.IsFull)
                    {
                        emit(batch);
                        batch = newBatch();
                    }
                }
                if (batch.Count > 0) emit(batch);
                batch = null;
                // The reader scans the next sheet whole as it moves to it, so a break there falls between sheets.
                afterSheet = true;
                if (columns is null) notes.Add($"sheet '{sheet}' holds no export header: no records read from it");
            } while (reader.NextResult());
        }
        catch (InvalidPasswordException e)
        {
            return ExportReader.Reject(result, "encrypted_workbook", $"the workbook is password-protected ({e.Message}); save an unprotected copy to read it");
        }
        catch (Exception e) when (BreaksOff(e) || ExportReader.IsReadError(e))
        {
            // A failure of the disk or the file system says nothing about the workbook's content: it is a read error
            // (not cached, so the next build tries again), even before any sheet is found.
            var disk = e is UnauthorizedAccessException || (e is IOException && e is not EndOfStreamException);
            if (exportSheets == 0 && !disk) return ExportReader.Reject(result, "corrupt_workbook", $"the workbook cannot be read ({e.GetType().Name}): {e.Message}");
            if (batch is { Count: > 0 }) emit(batch);
            if (exportSheets == 0) ExportReader.BreakOff(result, "", "the workbook cannot be read", e);
            else if (afterSheet) ExportReader.BreakOff(result, $"after sheet '{sheet}'", $"the workbook cannot be read beyond sheet '{sheet}'", e);
            else ExportReader.BreakOff(result, $"sheet '{sheet}' row {complete + 1}", $"the workbook cannot be read beyond row {complete} of sheet '{sheet}'", e);
        }
        if (exportSheets == 0)
            return ExportReader.Reject(result, "missing_columns", $"no sheet of the workbook has a header naming an application number, a date, an address and an IPC column ({string.Join("; ", notes)})");
        if (notes.Count > 0) outcome.Note += "; " + string.Join("; ", notes);
        return result;
    }
}
