using System.Globalization;
using Etl.Domain;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Ingest.Numbers;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads a long panel, one row per city and year, as researchers circulate the City Statistical Yearbook
/// (年份, 省份, 城市, 城市代码, then indicators with their group and unit in the header). Each row takes its
/// year from its own year cell, whatever folder the file sits in.
/// </summary>
/// <remarks>
/// Columns: <see cref="PanelHeader"/> reads each header; 全市 columns (or columns without a group) of
/// catalogue variables are staged; an interpolated copy (插值_…) is never taken, and when it sits beside
/// the observed column the file's note says so. A share without a unit is a 0-1 ratio when every value of
/// the column lies in [0, 1], else a percentage. Rows: loaded (a city-year), excluded (<c>national_row</c>,
/// <c>region_row</c>, <c>province_row</c>, <c>note_row</c>, <c>outside_window</c>), or quarantined
/// (<c>unknown_city</c>, <c>county_level_unit</c>, <c>bad_year</c>, <c>duplicate_city_row</c>, <c>no_label</c>).
/// </remarks>
internal sealed class LongPanelReader(PlaceResolver places, YearbookValues values, ParsedFile result)
{
    /// <summary>Where a long panel's header is and which columns hold the year, the city and its code.</summary>
    public sealed record Layout(int HeaderRow, int YearColumn, int CityColumn, int CodeColumn);

    private static readonly HashSet<string> s_yearHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "年份", "年度", "年度标识", "统计年度", "年", "year", "年份year", "时间", "数据年份", "统计年份",
    };

    private static readonly HashSet<string> s_cityHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "城市", "城市名称", "城市名", "地区", "地区名称", "地级市", "地级市名称", "所属城市", "市", "地市", "市名", "城市(地区)", "city", "cityname",
        "行政区划名称", "地区名", "名称",
    };

    private static readonly HashSet<string> s_codeHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "城市代码", "行政区划代码", "地区代码", "城市编码", "区划代码", "代码", "citycode", "city_code", "code", "行政代码", "地区编码",
    };

    /// <summary>The layout when the sheet has a header row (in its first rows) naming a year column and a city (or code) column.</summary>
    public static Layout? Find(SheetCells sheet)
    {
        for (var r = 0; r < Math.Min(sheet.RowCount, 12); r++)
        {
            int year = -1, city = -1, code = -1;
            foreach (var c in sheet.FilledColumns(r))
            {
                var key = Key(sheet.Text(r, c));
                if (year < 0 && s_yearHeaders.Contains(key)) year = c;
                else if (city < 0 && s_cityHeaders.Contains(key)) city = c;
                else if (code < 0 && s_codeHeaders.Contains(key)) code = c;
            }
            if (year >= 0 && (city >= 0 || code >= 0)) return new Layout(r, year, city, code);
        }
        return null;
    }

    private static string Key(string header) => TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(header)).Trim('"', '\'');

    /// <summary>A catalogue column of the panel.</summary>
    private sealed record Column(int Index, string Header, string Variable, string? Unit, string UnitNote);

    public void Read(SheetCells sheet, Layout layout, List<string> notes)
    {
        var outcome = result.Outcome;
        var columns = Columns(sheet, layout, notes);
        var seen = new HashSet<(CityCode, int)>();
        var labelColumn = layout.CityColumn >= 0 ? layout.CityColumn : layout.CodeColumn;
        for (var r = layout.HeaderRow + 1; r < sheet.RowCount; r++)
        {
            if (sheet.IsBlank(r)) continue;
            outcome.Read++;
            var first = sheet.FilledColumns(r).Select(c => sheet.Text(r, c)).First();
            if (YearbookRows.IsNote(first) && sheet.FilledColumns(r).Count() == 1)
            {
                outcome.Exclude("note_row");
                continue;
            }
            var yearText = sheet.Text(r, layout.YearColumn);
            if (!TryYear(sheet.Value(r, layout.YearColumn), out var year))
            {
                Reject(sheet, r, layout.YearColumn, "bad_year", $"'{yearText}' in the year column is not a year");
                continue;
            }
            if (!PanelYears.Contains(year))
            {
                outcome.Exclude("outside_window");
                continue;
            }
            var label = layout.CityColumn >= 0 ? sheet.Text(r, layout.CityColumn) : "";
            var codeText = layout.CodeColumn >= 0 ? sheet.Text(r, layout.CodeColumn) : "";
            if (label.Length == 0 && codeText.Length == 0)
            {
                Reject(sheet, r, labelColumn, "no_label", "a row with values but no city name or code");
                continue;
            }
            var place = label.Length > 0 ? places.ResolveLabel(label, year) : new Place(PlaceKind.Unknown, null, "");
            // A code column settles a name the tables do not know (or a label left blank).
            if (place.Kind == PlaceKind.Unknown && codeText.Length > 0 && places.ResolveCode(codeText, year) is { } byCode) place = byCode;
            if (YearbookRows.Settle(place, label.Length > 0 ? label : codeText, year) is { } settled)
            {
                if (settled.Quarantine) Reject(sheet, r, labelColumn, settled.Rule, settled.Detail);
                else outcome.Exclude(settled.Rule);
                continue;
            }
            var city = place.Code!.Value;
            if (!seen.Add((city, year)))
            {
                Reject(sheet, r, labelColumn, "duplicate_city_row", $"'{label}' {year} repeats an earlier row of {city} {year}");
                continue;
            }
            outcome.Loaded++;
            var note = place.Note.Length > 0 ? "; " + place.Note : "";
            foreach (var c in columns)
                values.Stage(result, sheet, r, c.Index, city, year, c.Variable, c.Unit, $"{c.Header} for {label} {year}",
                    $"data year {year.ToString(CultureInfo.InvariantCulture)} from the row's year cell {sheet.Locator(r, layout.YearColumn)}; long panel, sheet '{sheet.Name}'; row '{label}'; column {c.Header}{c.UnitNote}{note}");
        }
    }

    /// <summary>The catalogue columns: 全市 (or ungrouped) columns of catalogue variables, observed copies before interpolated ones.</summary>
    private List<Column> Columns(SheetCells sheet, Layout layout, List<string> notes)
    {
        var headers = new List<(int Index, string Text, PanelHeader Header, string Variable)>();
        foreach (var c in sheet.FilledColumns(layout.HeaderRow))
        {
            if (c == layout.YearColumn || c == layout.CityColumn || c == layout.CodeColumn) continue;
            var text = sheet.HeaderText(layout.HeaderRow, c);
            var header = PanelHeader.Parse(text);
            if (header.Name.Length == 0 || header.NotALevel || header.Group == ColumnGroup.Districts) continue;
            var variable = YearbookIndicators.VariableOf(header.Name, text);
            if (variable is null) continue;
            headers.Add((c, text, header, variable));
        }
        var columns = new List<Column>();
        foreach (var group in headers.GroupBy(h => h.Variable))
        {
            // 全市 before ungrouped columns, observed before interpolated copies.
            var ordered = group.OrderBy(h => h.Header.Interpolated).ThenBy(h => h.Header.Group == ColumnGroup.TotalCity ? 0 : 1).ToList();
            var chosen = ordered[0];
            if (chosen.Header.Interpolated)
            {
                notes.Add($"column '{chosen.Text}' is only an interpolated copy of {group.Key}: not read");
                continue;
            }
            foreach (var other in ordered.Skip(1).Where(h => h.Header.Interpolated))
                notes.Add($"column '{other.Text}' is an interpolated copy: the observed column '{chosen.Text}' is read");
            var (unit, unitNote) = UnitOf(sheet, layout, chosen.Index, chosen.Header, chosen.Variable);
            columns.Add(new Column(chosen.Index, chosen.Text, chosen.Variable, unit, unitNote));
        }
        return columns.OrderBy(c => c.Index).ToList();
    }

    /// <summary>The column's unit: the header's; for a share without one, a 0-1 ratio or a percentage by its values.</summary>
    private static (string? Unit, string Note) UnitOf(SheetCells sheet, Layout layout, int column, PanelHeader header, string variable)
    {
        if (header.Unit is { } unit) return (unit, "");
        if (variable != "ind3_share") return (null, "");
        var max = 0m;
        var any = false;
        for (var r = layout.HeaderRow + 1; r < sheet.RowCount; r++)
        {
            var p = PrintedNumber.FromCell(sheet.Value(r, column));
            if (p.Kind != PrintedKind.Number) continue;
            any = true;
            max = Math.Max(max, Math.Abs(p.Value));
        }
        if (!any) return (null, "");
        return max <= 1m
            ? ("ratio", "; a share without a unit whose values all lie in [0, 1]: read as a ratio, times 100")
            : ("%", "; a share without a unit whose values exceed 1: read as a percentage");
    }

    private static bool TryYear(object? cell, out int year)
    {
        year = 0;
        var text = cell switch
        {
            double d when d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
            DateTime dt => dt.Year.ToString(CultureInfo.InvariantCulture),
            _ => TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "")),
        };
        text = text.TrimEnd('年');
        if (text.EndsWith(".0", StringComparison.Ordinal)) text = text[..^2];
        return text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1949 and <= 2100;
    }

    private void Reject(SheetCells sheet, int row, int col, string reason, string detail)
    {
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, sheet.Locator(row, Math.Max(col, 0)), reason, detail));
    }
}
