using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Domain;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads the China City Statistical Yearbook's own tables: cities as rows under province headings, indicators
/// as columns under multi-row bilingual headers in 全市 and 市辖区 blocks (see <see cref="TableLocator"/> and
/// <see cref="HeaderColumn"/>). The 全市 columns of catalogue variables are staged.
/// </summary>
/// <remarks>
/// The data year: a year the table's title states (the CNKI platform's downloads carry it only there) — a
/// year next to 年鉴 is the edition, any other the data year; else the edition folder's year minus one.
/// A table with neither has its rows quarantined (<c>no_year</c>).
/// Counting: one item per non-blank row below a table header. City rows are loaded; national, regional,
/// province and note rows are excluded by rule (<c>national_row</c>, <c>region_row</c>, <c>province_row</c>,
/// <c>note_row</c>); rows whose label names no prefecture-level unit are quarantined (<c>unknown_city</c>,
/// <c>county_level_unit</c>, <c>duplicate_city_row</c>, <c>no_label</c>).
/// </remarks>
internal sealed partial class WideTableReader(PlaceResolver places, YearbookValues values, ParsedFile result)
{
    [GeneratedRegex(@"(?<!\d)(19[89]\d|20\d{2})(?!\d)")]
    private static partial Regex YearNumber();

    /// <summary>The year the file's tables state, once one does: a later table without a year of its own (续表) takes it.</summary>
    public (int Year, string Evidence)? FileYear { get; set; }

    /// <summary>Reads every table of the sheet; returns how many were found.</summary>
    public int Read(SheetCells sheet, int edition)
    {
        var folderYear = edition > 0 ? edition - 1 : 0;
        // Tables are located with a provisional year (place names are resolved by year); each then takes its own.
        var provisional = folderYear > 0 ? folderYear : 2015;
        var tables = TableLocator.Find(sheet, places, provisional);
        foreach (var table in tables)
        {
            var (year, evidence) = YearOf(table.Title, edition);
            if (year != 0 && evidence.Contains("title", StringComparison.Ordinal)) FileYear = (year, evidence);
            if (year == 0 && FileYear is { } inherited)
                (year, evidence) = (inherited.Year, $"{inherited.Evidence}, the year of the file's earlier table (this one's title names none)");
            if (year == 0)
            {
                QuarantineRows(sheet, table, "no_year",
                    "the table's title states no year and the file is not in a yearbook/<edition year>/ folder, so its data year is unknown");
                continue;
            }
            ReadTable(sheet, table, year, evidence);
        }
        return tables.Count;
    }

    /// <summary>The data year of a table and how it was found, or 0.</summary>
    public static (int Year, string Evidence) YearOf(string title, int edition)
    {
        var text = TextNormalizer.Fold(title);
        var dataYears = new List<int>();
        var editions = new List<int>();
        foreach (Match m in YearNumber().Matches(text))
        {
            var y = int.Parse(m.Value, CultureInfo.InvariantCulture);
            var before = text[Math.Max(0, m.Index - 3)..m.Index];
            var after = text[(m.Index + m.Length)..Math.Min(text.Length, m.Index + m.Length + 3)];
            if (before.Contains('鉴', StringComparison.Ordinal) || after.StartsWith("年鉴", StringComparison.Ordinal) || after.StartsWith("鉴", StringComparison.Ordinal)
                || after.StartsWith("版", StringComparison.Ordinal) || after.StartsWith("年版", StringComparison.Ordinal))
                editions.Add(y);
            else dataYears.Add(y);
        }
        if (dataYears.Distinct().Count() == 1)
        {
            var y = dataYears[0];
            var evidence = edition == 0 ? FormattableString.Invariant($"data year {y} from the table title")
                : edition - 1 == y ? FormattableString.Invariant($"edition {edition} -> data year {y}, as the table title states")
                : FormattableString.Invariant($"data year {y} from the table title (the folder names edition {edition}, which would be year {edition - 1})");
            return (y, evidence);
        }
        if (dataYears.Count == 0 && editions.Distinct().Count() == 1)
            return (editions[0] - 1, $"edition {editions[0].ToString(CultureInfo.InvariantCulture)} -> data year {(editions[0] - 1).ToString(CultureInfo.InvariantCulture)} (the edition as the table title names it)");
        if (edition > 0) return (edition - 1, $"edition {edition.ToString(CultureInfo.InvariantCulture)} -> data year {(edition - 1).ToString(CultureInfo.InvariantCulture)}");
        return (0, "");
    }

    private void QuarantineRows(SheetCells sheet, TableLayout table, string reason, string detail)
    {
        for (var r = table.DataStart; r < table.End; r++)
        {
            if (sheet.IsBlank(r)) continue;
            result.Outcome.Read++;
            result.Outcome.Quarantine(reason);
            result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, sheet.Locator(r, table.StubColumn), reason, detail));
        }
    }

    private void ReadTable(SheetCells sheet, TableLayout table, int year, string evidence)
    {
        var outcome = result.Outcome;
        // The panel uses 全市. A table without group labels is a 全市 table unless its title says 市辖区.
        var districtsTable = table.Title.Contains("市辖区", StringComparison.Ordinal);
        var columns = table.Columns
            .Where(c => c.Variable is not null && (c.Group == ColumnGroup.TotalCity || (c.Group == ColumnGroup.None && !districtsTable)))
            .GroupBy(c => c.Variable!).Select(g => g.First()).ToList();

        var seen = new HashSet<CityCode>();
        var inNotes = false;
        // Codes named by labels that are not province short names: a short name (吉林) whose city is also
        // printed under another label (吉林市) is the province heading.
        var named = new HashSet<CityCode>();
        for (var r = table.DataStart; r < table.End; r++)
        {
            var l = sheet.Text(r, table.StubColumn);
            if (l.Length == 0 || places.IsProvinceShortName(PlaceResolver.Key(l))) continue;
            if (places.ResolveLabel(l, year) is { Kind: PlaceKind.City, Code: { } c }) named.Add(c);
        }
        for (var r = table.DataStart; r < table.End; r++)
        {
            if (sheet.IsBlank(r)) continue;
            outcome.Read++;
            var label = sheet.Text(r, table.StubColumn);
            var firstText = sheet.FilledColumns(r).Select(c => sheet.Text(r, c)).First();
            var hasValues = table.Columns.Any(c => sheet.Value(r, c.Column) is not null);
            if (YearbookRows.IsNote(firstText) || (inNotes && !hasValues))
            {
                inNotes = true;
                outcome.Exclude("note_row");
                continue;
            }
            if (label.Length == 0)
            {
                Reject(sheet, r, table.StubColumn, "no_label", "a row with values but no place name");
                continue;
            }
            var place = places.ResolveLabel(label, year);
            if (place.Kind == PlaceKind.City && places.IsProvinceShortName(place.Key) && (!hasValues || named.Contains(place.Code!.Value)))
            {
                outcome.Exclude("province_row");
                continue;
            }
            if (YearbookRows.Settle(place, label, year) is { } settled)
            {
                if (settled.Quarantine) Reject(sheet, r, table.StubColumn, settled.Rule, settled.Detail);
                else outcome.Exclude(settled.Rule);
                continue;
            }
            var city = place.Code!.Value;
            if (!seen.Add(city))
            {
                Reject(sheet, r, table.StubColumn, "duplicate_city_row", $"'{label}' repeats the row of {city} in this table");
                continue;
            }
            outcome.Loaded++;
            var note = place.Note.Length > 0 ? "; " + place.Note : "";
            foreach (var c in columns)
                values.Stage(result, sheet, r, c.Column, city, year, c.Variable!, c.Unit, $"{c.PathText} for {label}",
                    $"{evidence}; table '{table.Title}'; row '{label}'; column {c.PathText}{note}");
        }
    }

    private void Reject(SheetCells sheet, int row, int col, string reason, string detail)
    {
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, sheet.Locator(row, col), reason, detail));
    }
}
