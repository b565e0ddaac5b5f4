using System.Text;
using Etl.Domain.Staging;
using Etl.Estimation.Reporting;
using Etl.Patents.Reading;
using ExcelDataReader;

namespace Etl.Bench.PatentBench;

/// <summary>
/// UTF-8 CSV copies of the exports DuckDB cannot read as they are, written before any timing so that it reads
/// the same records as the stage:
/// - GB18030 exports: its CSV reader needs the <c>encodings</c> extension (a download) for anything but UTF-8 and
///   Latin-1. A compressed export gets an uncompressed copy.
/// - Workbook exports (.xlsx, .xls): its <c>excel</c> extension is a download too. Each sheet with an export
///   header in its first rows becomes one copy, from the header row on, each cell as the stage reads it.
/// </summary>
internal static class DuckDbCopies
{
    /// <summary>The copies of an export under <paramref name="dir"/>, in order; empty when DuckDB reads the export itself.</summary>
    public static IReadOnlyList<string> Of(string dir, string relative)
    {
        var text = TextCopy(dir, relative);
        if (File.Exists(text)) return [text];
        var sheets = new List<string>();
        for (var k = 1; File.Exists(SheetCopy(dir, relative, k)); k++) sheets.Add(SheetCopy(dir, relative, k));
        return sheets;
    }

    private static string TextCopy(string dir, string relative) =>
        Path.Combine(dir, relative.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? relative[..^3] : relative);

    private static string SheetCopy(string dir, string relative, int sheet) =>
        Path.Combine(dir, FormattableString.Invariant($"{relative}.sheet{sheet}.csv"));

    /// <summary>Copies every GB18030 and workbook export (two at a time); returns the number of exports copied and the bytes written.</summary>
    public static (int Files, long Bytes) Write(IReadOnlyList<CorpusFile> files, string dir)
    {
        var copied = 0;
        long bytes = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            // The format from the bytes, as the stage finds it.
            var written = FileFormats.Sniff(f.FullPath).Format is FileFormat.Xlsx or FileFormat.Xls ? CopySheets(f, dir)
                : ExportEncoding.Detect(f.FullPath)?.Name == "gb18030" ? [CopyText(f, TextCopy(dir, f.Relative))]
                : [];
            if (written.Count == 0) return;
            Interlocked.Increment(ref copied);
            Interlocked.Add(ref bytes, written.Sum(p => new FileInfo(p).Length));
        });
        return (copied, bytes);
    }

    private static string CopyText(CorpusFile f, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var input = new StreamReader(ExportEncoding.Open(f.FullPath), Encoding.GetEncoding("GB18030"), false, 1 << 20);
        using var output = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20);
        var buffer = new char[1 << 20];
        int n;
        while ((n = input.Read(buffer)) > 0) output.Write(buffer, 0, n);
        return target;
    }

    private static List<string> CopySheets(CorpusFile f, string dir)
    {
        var written = new List<string>();
        StreamWriter? output = null;
        try
        {
            using var stream = File.OpenRead(f.FullPath);
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding("GB18030") });
            do
            {
                var row = new StringBuilder();
                var rows = 0;
                while (reader.Read())
                {
                    rows++;
                    var cells = Enumerable.Range(0, reader.FieldCount).Select(i => WorkbookCell.Text(reader.GetValue(i))).ToList();
                    if (output is null)
                    {
                        // Rows above the header (a title, the query) are left out, and the search ends where the stage's does.
                        if (cells.All(c => c.Length == 0)) continue;
                        if (ExportColumns.From(cells).Missing(needText: true).Count > 0)
                        {
                            if (rows >= WorkbookExport.HeaderSearchRows) break;
                            continue;
                        }
                        var target = SheetCopy(dir, f.Relative, written.Count + 1);
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        output = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20);
                        written.Add(target);
                    }
                    row.Clear();
                    CsvWriter.Row(row, cells);
                    output.Write(row);
                }
                output?.Dispose();
                output = null;
            } while (reader.NextResult());
        }
        catch (Exception e) when (e is ExcelDataReader.Exceptions.InvalidPasswordException || WorkbookExport.BreaksOff(e))
        {
            // The stage rejects a workbook it cannot open and keeps what it read of one that breaks off; the copies
            // do the same (DuckDB then reads what the copies hold, and the cross-check shows any difference).
            Console.Error.WriteLine($"{f.Relative}: copied {written.Count} sheet(s) before the workbook could not be read further ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            output?.Dispose();
        }
        return written;
    }
}
