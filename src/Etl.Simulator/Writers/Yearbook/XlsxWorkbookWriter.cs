using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Etl.Simulator.Writers.Yearbook;

/// <summary>Writes sheets as an Office Open XML workbook (.xlsx) with the Open XML SDK, strings shared.</summary>
internal static class XlsxWorkbookWriter
{
    public static void Write(string path, IReadOnlyList<SheetGrid> grids)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedPart.SharedStringTable = new SharedStringTable();

        uint sheetId = 1;
        foreach (var grid in grids)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var group in grid.Cells.GroupBy(kv => kv.Key.Row).OrderBy(g => g.Key))
            {
                var row = new Row { RowIndex = (uint)group.Key + 1 };
                foreach (var ((r, c), value) in group.OrderBy(kv => kv.Key.Col))
                {
                    var cell = new Cell { CellReference = Reference(r, c) };
                    if (value is double d)
                    {
                        cell.DataType = CellValues.Number;
                        cell.CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        var s = (string)value;
                        if (!strings.TryGetValue(s, out var id))
                        {
                            id = strings.Count;
                            strings[s] = id;
                            sharedPart.SharedStringTable.AppendChild(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s) { Space = SpaceProcessingModeValues.Preserve }));
                        }
                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue(id.ToString(CultureInfo.InvariantCulture));
                    }
                    row.AppendChild(cell);
                }
                data.AppendChild(row);
            }
            var worksheet = new Worksheet(data);
            if (grid.Merges.Count > 0)
            {
                var merges = new MergeCells();
                foreach (var (r1, c1, r2, c2) in grid.Merges)
                    merges.AppendChild(new MergeCell { Reference = $"{Reference(r1, c1)}:{Reference(r2, c2)}" });
                worksheet.InsertAfter(merges, data);
            }
            part.Worksheet = worksheet;
            sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = grid.Name });
        }
        workbookPart.Workbook.Save();
    }

    /// <summary>A1 reference of a 0-based cell.</summary>
    public static string Reference(int row, int col)
    {
        var letters = "";
        for (var c = col + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + (row + 1).ToString(CultureInfo.InvariantCulture);
    }
}
