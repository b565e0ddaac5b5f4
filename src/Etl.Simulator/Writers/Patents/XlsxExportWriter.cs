using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Etl.Simulator.Writers.Patents;

/// <summary>
/// Writes a patent export as an .xlsx workbook, the way search platforms let users download results: one
/// sheet, the header row first, every value an inline string. Rows are streamed (OpenXmlWriter), so an
/// export of any size takes the memory of one row.
/// </summary>
internal sealed class XlsxExportWriter : IDisposable
{
    private readonly string _path;
    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlWriter _writer;

    public XlsxExportWriter(string path, IReadOnlyList<string> headers)
    {
        _path = path;
        _document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "检索结果" }));
        _writer = OpenXmlWriter.Create(sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        WriteRow(headers);
    }

    public void WriteRow(IReadOnlyList<string> values)
    {
        _writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            _writer.WriteStartElement(new Cell { DataType = CellValues.InlineString });
            _writer.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }));
            _writer.WriteEndElement();
        }
        _writer.WriteEndElement();
    }

    public void Dispose()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Dispose();
        _document.Dispose();
        Deterministic.Normalize(_path);
    }
}
