using Etl.Domain.Text;
using Etl.Domain.Places;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Finds tables on a sheet by content. A table starts at its stub header (地区 / 城市 / 城市名称, with or
/// without English, spaces or merged cells); its header runs down to the first row whose stub cell names a
/// place or that holds numbers; its title is the block of one-cell text rows just above the stub header.
/// A sheet without any stub header is read as one table whose header is the block of text rows above the
/// first row that names a place next to numbers.
/// </summary>
internal static class TableLocator
{
    private static readonly HashSet<string> s_stubHeaders = new(StringComparer.Ordinal)
    {
        "地区", "城市", "城市名称", "地区名称", "城市名", "市名", "地市", "地级市", "城市(地区)", "地区(城市)", "省份城市", "省、市", "省市",
    };

    /// <summary>Longest header the locator accepts (rows).</summary>
    private const int MaxHeaderRows = 8;

    public static List<TableLayout> Find(SheetCells sheet, PlaceResolver places, int year)
    {
        var anchors = new List<(int Row, int Col)>();
        for (var r = 0; r < sheet.RowCount; r++)
        {
            foreach (var c in sheet.FilledColumns(r).Take(3))
            {
                if (!s_stubHeaders.Contains(PlaceResolver.Key(sheet.Text(r, c)))) continue;
                anchors.Add((HeaderTop(sheet, r), c));
                break;
            }
        }
        if (anchors.Count == 0 && FallbackAnchor(sheet, places, year) is { } fallback) anchors.Add(fallback);

        var tables = new List<TableLayout>();
        var titleStarts = anchors.Select(a => TitleStart(sheet, a.Row, a.Col)).ToList();
        for (var i = 0; i < anchors.Count; i++)
        {
            var (headerStart, stub) = anchors[i];
            var end = i + 1 < anchors.Count ? titleStarts[i + 1] : sheet.RowCount;
            var dataStart = DataStart(sheet, places, year, headerStart, stub, end);
            var title = string.Join(" ", Enumerable.Range(titleStarts[i], headerStart - titleStarts[i])
                .SelectMany(r => sheet.FilledColumns(r).Select(c => sheet.Text(r, c))));
            var columns = new List<HeaderColumn>();
            for (var c = 0; c < sheet.ColumnCount; c++)
            {
                if (c == stub) continue;
                var path = new List<string>();
                for (var r = headerStart; r < dataStart; r++)
                {
                    var t = sheet.HeaderText(r, c);
                    if (t.Length > 0 && (path.Count == 0 || path[^1] != t)) path.Add(t);
                }
                if (path.Count > 0) columns.Add(HeaderColumn.From(c, path, title));
            }
            tables.Add(new TableLayout(titleStarts[i], headerStart, dataStart, end, stub, title, columns));
        }
        return tables;
    }

    /// <summary>
    /// The stub header need not be on the first header row: rows of several text cells right above it (a
    /// 全市 / 市辖区 row, say) belong to the header too.
    /// </summary>
    private static int HeaderTop(SheetCells sheet, int anchorRow)
    {
        var top = anchorRow;
        while (top > 0 && !sheet.IsBlank(top - 1) && anchorRow - top < MaxHeaderRows)
        {
            var filled = sheet.FilledColumns(top - 1).ToList();
            if (filled.Count < 2 || filled.Any(c => PrintedNumberLike(sheet.Value(top - 1, c)))) break;
            // A title with its unit beside it (表2-1 人口 | 单位：万人) is a title, not a header row.
            if (filled.Any(c => TextNormalizer.RemoveWhitespace(sheet.Text(top - 1, c)).StartsWith("单位", StringComparison.Ordinal))) break;
            top--;
        }
        return top;
    }

    /// <summary>The first row below the header: its stub names a place, or some cell holds a number.</summary>
    private static int DataStart(SheetCells sheet, PlaceResolver places, int year, int headerStart, int stub, int end)
    {
        for (var r = headerStart + 1; r < Math.Min(end, headerStart + MaxHeaderRows + 1); r++)
        {
            if (sheet.IsBlank(r)) continue;
            var label = sheet.Text(r, stub);
            if (label.Length > 0 && places.ResolveLabel(label, year).Kind is not PlaceKind.Unknown) return r;
            if (sheet.FilledColumns(r).Any(c => c != stub && sheet.Value(r, c) is double)) return r;
        }
        return Math.Min(end, headerStart + 1);
    }

    /// <summary>The first title row above a stub header: the run of rows with one filled cell of text, skipping nothing.</summary>
    private static int TitleStart(SheetCells sheet, int headerRow, int stub)
    {
        var start = headerRow;
        for (var r = headerRow - 1; r >= 0 && headerRow - r <= 4; r--)
        {
            var filled = sheet.FilledColumns(r).ToList();
            // One text cell, or a title and its unit label (单位：万元) in another cell.
            var unitLabel = filled.Count == 2 && TextNormalizer.RemoveWhitespace(sheet.Text(r, filled[1])).StartsWith("单位", StringComparison.Ordinal);
            if ((filled.Count != 1 && !unitLabel) || sheet.Value(r, filled[0]) is not string text) break;
            var key = TextNormalizer.RemoveWhitespace(text);
            if (key.StartsWith('注')) break;
            start = r;
        }
        return start;
    }

    /// <summary>For a sheet without a stub header: the column and first row where a place name sits next to numbers.</summary>
    private static (int Row, int Col)? FallbackAnchor(SheetCells sheet, PlaceResolver places, int year)
    {
        for (var r = 0; r < sheet.RowCount; r++)
            foreach (var c in sheet.FilledColumns(r).Take(2))
            {
                if (places.ResolveLabel(sheet.Text(r, c), year).Kind is not (PlaceKind.City or PlaceKind.National)) continue;
                if (!sheet.FilledColumns(r).Any(x => x != c && PrintedNumberLike(sheet.Value(r, x)))) continue;
                // The header is the block of non-blank rows just above.
                var h = r;
                while (h > 0 && !sheet.IsBlank(h - 1) && r - h < MaxHeaderRows) h--;
                return h < r ? (h, c) : null;
            }
        return null;
    }

    private static bool PrintedNumberLike(object? v) => v is double || v is string s && Numbers.PrintedNumber.Parse(s).Kind == Numbers.PrintedKind.Number;
}
