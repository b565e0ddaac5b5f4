using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Domain.Units;
using Etl.Ingest.Numbers;
using Etl.Ingest.Places;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads one China City Statistical Yearbook workbook (.xls or .xlsx) into staged facts. Tables are found by
/// their headers wherever they sit (see <see cref="TableLocator"/>); the 全市 columns of catalogue variables
/// are staged, converted to the catalogue unit; the edition of year Y reports data year Y-1.
/// </summary>
/// <remarks>
/// Counting (<see cref="FileOutcome"/>): one item per non-blank row below a table header. City rows are
/// loaded; national, regional, province and note rows are excluded by rule (<c>national_row</c>,
/// <c>region_row</c>, <c>province_row</c>, <c>note_row</c>); rows whose label names no prefecture-level unit
/// are quarantined (<c>unknown_city</c>, <c>county_level_unit</c>, <c>duplicate_city_row</c>,
/// <c>no_label</c>). Values of city rows are staged, counted missing (blank, …, —: never zero), or
/// quarantined one by one (<c>unparsable_value</c>, <c>unit_not_convertible</c>).
/// </remarks>
public sealed partial class YearbookParser
{
    private readonly PlaceResolver _places;
    private readonly VariableCatalogue _variables;

    /// <summary>Creates a parser over the mapping tables.</summary>
    public YearbookParser(MappingSet mappings, PlaceResolver places)
    {
        _places = places;
        _variables = mappings.Variables;
    }

    [GeneratedRegex(@"(?<!\d)(19|20)\d{2}(?!\d)")]
    private static partial Regex YearInTitle();

    /// <summary>Parses <paramref name="path"/>; <paramref name="relative"/> is its path under the raw root.</summary>
    public ParsedFile Parse(string path, string relative, int edition, string sha256, long bytes)
    {
        var outcome = new FileOutcome(SourceKind.Yearbook, relative, sha256, bytes) { Encoding = "binary" };
        var result = new ParsedFile(outcome);
        List<SheetCells> sheets;
        try
        {
            sheets = WorkbookReader.Read(path);
        }
        catch (WorkbookException e)
        {
            return Rejected(result, e.Reason, e.Message);
        }
        var year = edition - 1;
        var tables = 0;
        foreach (var sheet in sheets)
            foreach (var table in TableLocator.Find(sheet, _places, year))
            {
                tables++;
                ParseTable(sheet, table, edition, year, result);
            }
        return tables > 0 ? result
            : Rejected(result, "no_table", $"no sheet of the workbook holds a table with a city column ({string.Join(", ", sheets.Select(s => $"'{s.Name}'"))})");
    }

    /// <summary>The whole file is one quarantined item.</summary>
    private static ParsedFile Rejected(ParsedFile result, string reason, string detail)
    {
        result.Outcome.Read = 1;
        result.Outcome.Rejection = reason;
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, "", reason, detail));
        return result;
    }

    private void ParseTable(SheetCells sheet, TableLayout table, int edition, int year, ParsedFile result)
    {
        var outcome = result.Outcome;
        // The panel uses 全市. A table without group labels is a 全市 table unless its title says 市辖区.
        var districtsTable = table.Title.Contains("市辖区", StringComparison.Ordinal);
        var columns = table.Columns
            .Where(c => c.Variable is not null && (c.Group == ColumnGroup.TotalCity || (c.Group == ColumnGroup.None && !districtsTable)))
            .GroupBy(c => c.Variable!).Select(g => g.First()).ToList();
        var columnNotes = new Dictionary<int, string>();
        foreach (var c in columns)
        {
            var variable = _variables.Get(c.Variable!);
            if (c.Unit is null || UnitConverter.Factor(variable.Unit, c.Unit) is null)
                columnNotes[c.Column] = c.Unit is null ? "the header names no unit" : $"unit {c.Unit} does not convert to {variable.Unit}";
        }

        var titleYear = YearInTitle().Match(TextNormalizer.ToHalfWidth(table.Title));
        var yearNote = titleYear.Success && int.Parse(titleYear.Value, CultureInfo.InvariantCulture) != year
            ? $"; the title states {titleYear.Value}"
            : "";
        var seen = new HashSet<CityCode>();
        var inNotes = false;
        // Codes named by labels that are not province short names: a short name (吉林) whose city is also
        // printed under another label (吉林市) is the province heading.
        var named = new HashSet<CityCode>();
        for (var r = table.DataStart; r < table.End; r++)
        {
            var l = sheet.Text(r, table.StubColumn);
            if (l.Length == 0 || _places.IsProvinceShortName(PlaceResolver.Key(l))) continue;
            if (_places.ResolveLabel(l, year) is { Kind: PlaceKind.City, Code: { } c }) named.Add(c);
        }
        for (var r = table.DataStart; r < table.End; r++)
        {
            if (sheet.IsBlank(r)) continue;
            outcome.Read++;
            var label = sheet.Text(r, table.StubColumn);
            var firstText = sheet.FilledColumns(r).Select(c => sheet.Text(r, c)).First();
            var hasValues = table.Columns.Any(c => sheet.Value(r, c.Column) is not null);
            if (IsNote(firstText) || (inNotes && !hasValues))
            {
                inNotes = true;
                outcome.Exclude("note_row");
                continue;
            }
            if (label.Length == 0)
            {
                Reject(result, sheet, r, table.StubColumn, "no_label", "a row with values but no place name");
                continue;
            }
            var place = _places.ResolveLabel(label, year);
            if (place.Kind == PlaceKind.City && _places.IsProvinceShortName(place.Key) && (!hasValues || named.Contains(place.Code!.Value)))
            {
                outcome.Exclude("province_row");
                continue;
            }
            switch (place.Kind)
            {
                case PlaceKind.National: outcome.Exclude("national_row"); continue;
                case PlaceKind.Region: outcome.Exclude("region_row"); continue;
                case PlaceKind.Province: outcome.Exclude("province_row"); continue;
                case PlaceKind.County:
                    Reject(result, sheet, r, table.StubColumn, "county_level_unit", $"'{label}' is a county-level unit ({place.Note}), not a prefecture-level city");
                    continue;
                case PlaceKind.Unknown:
                    Reject(result, sheet, r, table.StubColumn, "unknown_city", $"'{label}' names no prefecture-level unit of {year}");
                    continue;
            }
            var city = place.Code!.Value;
            if (!seen.Add(city))
            {
                Reject(result, sheet, r, table.StubColumn, "duplicate_city_row", $"'{label}' repeats the row of {city} in this table");
                continue;
            }
            outcome.Loaded++;
            foreach (var c in columns) StageValue(sheet, table, c, r, city, year, edition, label, place.Note + yearNote, columnNotes, result);
        }
    }

    private void StageValue(SheetCells sheet, TableLayout table, HeaderColumn column, int row, CityCode city, int year, int edition,
        string label, string note, Dictionary<int, string> columnNotes, ParsedFile result)
    {
        var outcome = result.Outcome;
        var cell = sheet.Value(row, column.Column);
        var printed = PrintedNumber.FromCell(cell);
        outcome.ValuesRead++;
        var locator = sheet.Locator(row, column.Column);
        if (printed.Kind == PrintedKind.Missing)
        {
            outcome.MissingValues++;
            return;
        }
        if (printed.Kind == PrintedKind.Invalid)
        {
            outcome.RejectValue("unparsable_value");
            result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, outcome.File, locator, "unparsable_value",
                $"'{printed.Text}' in {column.PathText} for {label} is not a number"));
            return;
        }
        if (columnNotes.TryGetValue(column.Column, out var why))
        {
            outcome.RejectValue("unit_not_convertible");
            result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, outcome.File, locator, "unit_not_convertible", $"{column.PathText}: {why}"));
            return;
        }
        var variable = _variables.Get(column.Variable!);
        var value = UnitConverter.Convert(printed.Value, column.Unit!, variable.Unit);
        outcome.Facts++;
        var context = $"edition {edition} -> data year {year}; table '{table.Title}'; row '{label}'; column {column.PathText}"
                      + (printed.Footnote ? "; footnote mark removed" : "") + (note.Length > 0 ? "; " + note.TrimStart(';', ' ') : "");
        result.Facts.Add(new StagedFact(city, year, variable.Name, value, printed.Text, column.Unit!, SourceKind.Yearbook, outcome.File, locator, context));
    }

    private static void Reject(ParsedFile result, SheetCells sheet, int row, int col, string reason, string detail)
    {
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, sheet.Locator(row, col), reason, detail));
    }

    private static bool IsNote(string text)
    {
        var t = TextNormalizer.RemoveWhitespace(TextNormalizer.ToHalfWidth(text));
        return t.StartsWith('注') || t.StartsWith("说明", StringComparison.Ordinal) || t.StartsWith("资料来源", StringComparison.Ordinal)
               || t.StartsWith("数据来源", StringComparison.Ordinal) || t.StartsWith("Note", StringComparison.OrdinalIgnoreCase);
    }
}
