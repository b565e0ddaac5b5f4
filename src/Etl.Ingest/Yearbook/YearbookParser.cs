using Etl.Domain.Mappings;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads one yearbook file into staged facts. The file's format comes from its bytes: an Excel workbook
/// (.xls or .xlsx), an HTML table (how the CNKI platform serves its "xls" downloads), or delimited text (a
/// GBK CSV under an .xls name, a panel shared as CSV). Each sheet is read in the layout it has:
/// <list type="bullet">
/// <item>a long panel, one row per city and year (<see cref="LongPanelReader"/>);</item>
/// <item>a city's own yearbook, indicators as rows and years as columns (<see cref="IndicatorYearReader"/>);</item>
/// <item>the China City Statistical Yearbook's tables, cities as rows (<see cref="WideTableReader"/>).</item>
/// </list>
/// Where the data name their year (a year column, year columns, a year in the table title) the year comes
/// from the data; otherwise from the edition folder, whose edition Y reports year Y-1.
/// </summary>
public sealed class YearbookParser
{
    private readonly PlaceResolver _places;
    private readonly YearbookValues _values;

    /// <summary>Creates a parser over the mapping tables.</summary>
    public YearbookParser(MappingSet mappings, PlaceResolver places)
    {
        _places = places;
        _values = new YearbookValues(mappings.Variables);
    }

    /// <summary>Parses <paramref name="file"/>.</summary>
    public ParsedFile Parse(RawFile file, string sha256)
    {
        var outcome = new FileOutcome(SourceKind.Yearbook, file.Relative, sha256, file.Bytes);
        var result = new ParsedFile(outcome);
        List<SheetCells> sheets;
        try
        {
            sheets = ReadSheets(file, out var encoding);
            outcome.Encoding = encoding;
        }
        catch (WorkbookException e)
        {
            return result.Reject(e.Reason, e.Message);
        }
        catch (TextEncodingException e)
        {
            return result.Reject("encoding_error", e.Message);
        }

        var tables = 0;
        var notes = new List<string>();
        var wide = new WideTableReader(_places, _values, result);
        foreach (var sheet in sheets)
        {
            if (LongPanelReader.Find(sheet) is { } panel)
            {
                tables++;
                new LongPanelReader(_places, _values, result).Read(sheet, panel, notes);
                continue;
            }
            if (IndicatorYearReader.Find(sheet, _places) is { } byYear)
            {
                tables++;
                new IndicatorYearReader(_places, _values, result).Read(sheet, byYear, file, notes);
                continue;
            }
            tables += wide.Read(sheet, file.Edition);
        }
        if (tables == 0)
            return result.Reject("no_table", $"no sheet holds a table with a city column, a year column or year columns ({string.Join(", ", sheets.Select(s => $"'{s.Name}'"))})");
        if (notes.Count > 0) outcome.Note = string.Join("; ", notes.Distinct());
        return result;
    }

    /// <summary>The sheets of a file by its format (never by its name).</summary>
    private static List<SheetCells> ReadSheets(RawFile file, out string encoding)
    {
        switch (file.Format.Format)
        {
            case FileFormat.Html:
                var html = HtmlTableReader.Read(File.ReadAllBytes(file.FullPath), out encoding);
                encoding = $"html table, {encoding}";
                return html;
            case FileFormat.Text:
                var text = DelimitedTableReader.Read(File.ReadAllBytes(file.FullPath), out encoding);
                encoding = $"delimited text, {encoding}";
                return text;
            default:
                encoding = file.Format.Format == FileFormat.Xls ? "xls workbook" : "xlsx workbook";
                return WorkbookReader.Read(file.FullPath);
        }
    }
}
