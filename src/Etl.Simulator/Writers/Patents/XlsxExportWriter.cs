using System.IO.Compression;
using System.Buffers;
using System.Text;

namespace Etl.Simulator.Writers.Patents;

/// <summary>
/// Writes a patent export as an .xlsx workbook, the way search platforms let users download results: one
/// sheet, the header row first, every value an inline string. The package is written straight into a zip
/// opened for creation, row by row, so an export takes the memory of one row (the Open XML SDK buffers
/// whole parts) and two runs give the same bytes (fixed entry times, fixed relationship ids).
/// </summary>
internal sealed class XlsxExportWriter : IDisposable
{
    private const string SpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly StreamWriter _sheet;
    private int _row;

    public XlsxExportWriter(string path, IReadOnlyList<string> headers)
    {
        _zip = new ZipArchive(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), ZipArchiveMode.Create);
        Part("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """);
        Part("_rels/.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRelationshipNs}"><Relationship Id="rId1" Type="{RelationshipNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{SpreadsheetNs}" xmlns:r="{RelationshipNs}"><sheets><sheet name="检索结果" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="{PackageRelationshipNs}"><Relationship Id="rId1" Type="{RelationshipNs}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """);
        var entry = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        entry.LastWriteTime = Deterministic.Timestamp;
        _sheet = new StreamWriter(entry.Open(), new UTF8Encoding(false), 1 << 16);
        _sheet.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{SpreadsheetNs}"><sheetData>""");
        WriteRow(headers);
    }

    public void WriteRow(IReadOnlyList<string> values)
    {
        _row++;
        _sheet.Write($"<row r=\"{_row}\">");
        foreach (var value in values)
        {
            _sheet.Write("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            WriteEscaped(value);
            _sheet.Write("</t></is></c>");
        }
        _sheet.Write("</row>");
    }

    private static readonly SearchValues<char> s_markup = SearchValues.Create("<>\"'&");

    /// <summary>The value with the five XML special characters as entities (as <c>SecurityElement.Escape</c>), written in place.</summary>
    private void WriteEscaped(ReadOnlySpan<char> value)
    {
        int at;
        while ((at = value.IndexOfAny(s_markup)) >= 0)
        {
            _sheet.Write(value[..at]);
            _sheet.Write(value[at] switch { '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&apos;", _ => "&amp;" });
            value = value[(at + 1)..];
        }
        _sheet.Write(value);
    }

    public void Dispose()
    {
        _sheet.Write("</sheetData></worksheet>");
        _sheet.Dispose();
        _zip.Dispose();
    }

    private void Part(string name, string xml)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = Deterministic.Timestamp;
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
