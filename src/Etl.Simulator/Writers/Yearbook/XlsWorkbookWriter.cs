using NPOI.HSSF.UserModel;
using NPOI.SS.Util;

namespace Etl.Simulator.Writers.Yearbook;

/// <summary>Writes sheets as a legacy Excel 97-2003 workbook (.xls, BIFF8) with NPOI.</summary>
internal static class XlsWorkbookWriter
{
    public static void Write(string path, IEnumerable<SheetGrid> sheets)
    {
        var workbook = new HSSFWorkbook();
        foreach (var grid in sheets)
        {
            var sheet = workbook.CreateSheet(grid.Name);
            foreach (var ((r, c), value) in grid.Cells)
            {
                var row = sheet.GetRow(r) ?? sheet.CreateRow(r);
                var cell = row.CreateCell(c);
                if (value is double d) cell.SetCellValue(d);
                else cell.SetCellValue((string)value);
            }
            foreach (var (r1, c1, r2, c2) in grid.Merges) sheet.AddMergedRegion(new CellRangeAddress(r1, r2, c1, c2));
        }
        using var stream = File.Create(path);
        workbook.Write(stream);
    }
}
