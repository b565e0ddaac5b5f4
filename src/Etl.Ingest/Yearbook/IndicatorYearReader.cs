using System.Globalization;
using Etl.Domain;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads a table of a city's own statistical yearbook: indicators as rows, years as columns (主要经济指标,
/// 2015年 | 2016年 | ...), the city named only in the title, the sheet name, the file name or its folder. The table is
/// read where exactly one prefecture-level city is named there; otherwise its rows are quarantined
/// (<c>no_city</c>) or, for a county's table, excluded (<c>county_table</c>).
/// </summary>
/// <remarks>
/// Units: a unit column (单位, 计量单位), else the label's parentheses (地区生产总值（亿元）), else the title's
/// 单位：…. Rows: an indicator row of a catalogue variable is loaded; any other indicator row is excluded
/// (<c>other_indicator</c>); note rows are excluded (<c>note_row</c>).
/// </remarks>
internal sealed class IndicatorYearReader(PlaceResolver places, YearbookValues values, ParsedFile result)
{
    /// <summary>The header row, the columns of each year, the label column and the unit column (or -1).</summary>
    public sealed record Layout(int HeaderRow, IReadOnlyList<(int Column, int Year)> Years, int LabelColumn, int UnitColumn);

    /// <summary>
    /// The layout when one of the first rows holds two or more distinct years, a label column sits left of them,
    /// and the labels below are indicators, not places (a table of provinces or cities with year columns is the
    /// yearbook's own layout).
    /// </summary>
    public static Layout? Find(SheetCells sheet, PlaceResolver places)
    {
        for (var r = 0; r < Math.Min(sheet.RowCount, 15); r++)
        {
            var years = new List<(int, int)>();
            foreach (var c in sheet.FilledColumns(r))
                if (YearOfHeader(sheet.Value(r, c)) is { } y) years.Add((c, y));
            if (years.Select(y => y.Item2).Distinct().Count() < 2) continue;
            var first = years.Min(y => y.Item1);
            var labels = sheet.FilledColumns(r).Where(c => c < first).ToList();
            var labelColumn = labels.Count > 0 ? labels[0] : 0;
            if (labelColumn >= first) continue;
            var unit = labels.FirstOrDefault(c => Key(sheet.Text(r, c)) is "单位" or "计量单位", -1);
            var below = Enumerable.Range(r + 1, Math.Max(0, sheet.RowCount - r - 1)).Select(x => sheet.Text(x, labelColumn)).Where(t => t.Length > 0).Take(40).ToList();
            var placeLabels = below.Count(t => places.ResolveLabel(t, years[0].Item2).Kind is not PlaceKind.Unknown);
            if (below.Count == 0 || placeLabels * 2 > below.Count) return null;
            return new Layout(r, years, labelColumn, unit);
        }
        return null;
    }

    private static string Key(string text) => TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(text));

    /// <summary>A header cell that is a year: 2015, 2015年, 2015.0.</summary>
    private static int? YearOfHeader(object? cell)
    {
        var text = cell switch
        {
            double d when d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
            _ => Key(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? ""),
        };
        text = text.TrimEnd('年');
        return text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1949 and <= 2100 ? y : null;
    }

    public void Read(SheetCells sheet, Layout layout, RawFile file, List<string> notes)
    {
        var outcome = result.Outcome;
        var title = string.Join(" ", Enumerable.Range(0, layout.HeaderRow).SelectMany(r => sheet.FilledColumns(r).Select(c => sheet.Text(r, c))));
        var year = layout.Years.Max(y => y.Year);
        var named = NamedCities(title, year);
        var source = "the table title";
        if (named.Count == 0) (named, source) = (NamedCities(sheet.Name, year), "the sheet name");
        if (named.Count == 0) (named, source) = (NamedCities(Path.GetFileNameWithoutExtension(file.Relative), year), "the file name");
        // A folder named for the book (常州统计年鉴2018/2-1.csv).
        if (named.Count == 0) (named, source) = (NamedCities(string.Join("|", file.Relative.Split('/')[1..^1]), year), "the folder name");
        var cities = named.Where(p => p.Kind == PlaceKind.City).Select(p => p.Code!.Value).Distinct().ToList();
        if (cities.Count != 1)
        {
            var county = named.Any(p => p.Kind == PlaceKind.County) && cities.Count == 0;
            var detail = cities.Count == 0
                ? county ? "the table is a county-level unit's" : "neither the title, the sheet name nor the file name names a prefecture-level city"
                : $"the table names several cities ({string.Join(", ", cities)})";
            for (var r = layout.HeaderRow + 1; r < sheet.RowCount; r++)
            {
                if (sheet.IsBlank(r)) continue;
                outcome.Read++;
                if (county) outcome.Exclude("county_table");
                else
                {
                    outcome.Quarantine("no_city");
                    result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, outcome.File, sheet.Locator(r, layout.LabelColumn), "no_city", detail));
                }
            }
            return;
        }
        var city = cities[0];
        notes.Add($"indicators by year of {city}, named in {source}");
        var titleUnit = TitleUnit(title);
        for (var r = layout.HeaderRow + 1; r < sheet.RowCount; r++)
        {
            if (sheet.IsBlank(r)) continue;
            outcome.Read++;
            var label = sheet.Text(r, layout.LabelColumn);
            if (YearbookRows.IsNote(label.Length > 0 ? label : sheet.FilledColumns(r).Select(c => sheet.Text(r, c)).First()))
            {
                outcome.Exclude("note_row");
                continue;
            }
            var name = HeaderColumn.ChineseName(label);
            var variable = name.Length == 0 ? null : YearbookIndicators.VariableOf(name, title + name);
            if (variable is null || name.Contains("市辖区", StringComparison.Ordinal))
            {
                outcome.Exclude("other_indicator");
                continue;
            }
            outcome.Loaded++;
            var unit = layout.UnitColumn >= 0 && sheet.Text(r, layout.UnitColumn) is { Length: > 0 } u ? Etl.Domain.Units.UnitConverter.Normalize(u)
                : HeaderColumn.UnitOf(label) ?? titleUnit;
            foreach (var (column, y) in layout.Years)
            {
                if (!PanelYears.Contains(y)) continue;
                values.Stage(result, sheet, r, column, city, y, variable, unit, $"{label} {y}",
                    $"data year {y.ToString(CultureInfo.InvariantCulture)} from the column header {sheet.Locator(layout.HeaderRow, column)}; city {city} from {source}; table '{title}'; row '{label}'");
            }
        }
    }

    /// <summary>Places a text names: the longest name at each position that resolves to a city or a county-level unit.</summary>
    private List<Place> NamedCities(string text, int year)
    {
        var key = TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(text));
        var found = new List<Place>();
        for (var i = 0; i < key.Length; i++)
        {
            for (var length = Math.Min(10, key.Length - i); length >= 2; length--)
            {
                var part = key.Substring(i, length);
                if (places.IsProvinceShortName(part)) continue;
                var place = places.ResolveKey(part, year);
                if (place.Kind is not (PlaceKind.City or PlaceKind.County) || (place.Kind == PlaceKind.County && !part.EndsWith('县') && !part.EndsWith('区') && !part.EndsWith('市'))) continue;
                found.Add(place);
                i += length - 1;
                break;
            }
        }
        return found;
    }

    private static string? TitleUnit(string title)
    {
        var t = Key(title);
        var at = t.IndexOf("单位", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = t[(at + 2)..].TrimStart(':', '：');
        foreach (var unit in new[] { "万亿元", "亿元", "万元", "元", "万人", "人", "万户", "户", "%" })
            if (rest.StartsWith(unit, StringComparison.Ordinal)) return unit;
        return null;
    }
}
