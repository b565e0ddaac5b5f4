using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Etl.Ingest.Html;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Reads the tables of an HTML file as sheets: what the CNKI yearbook platform serves when a table is
/// downloaded as "xls" (an HTML table under an .xls name, UTF-8 or GBK, with nested rowspan and colspan
/// headers and &amp;nbsp; padding). Spanned cells become merged ranges, so headers read as they do in a
/// workbook; the text around a table (the page title, a caption, the lines just before it) is put above it
/// as title rows, since that is where such files state the table's name, unit and year.
/// </summary>
internal static class HtmlTableReader
{
    /// <summary>Largest row or column span honoured (a span beyond the table is cut to this).</summary>
    private const int MaxSpan = 200;

    public static List<SheetCells> Read(byte[] bytes, out string encoding)
    {
        var page = HtmlDecoding.Decode(bytes);
        encoding = page.Describe();
        if (HtmlDecoding.Depth(page.Text) > HtmlDecoding.MaxDepth)
            throw new WorkbookException("too_deep", $"elements nest more than {HtmlDecoding.MaxDepth} deep, which no table does; the file is not parsed");
        var document = new HtmlParser().ParseDocument(page.Text);
        var sheets = new List<SheetCells>();
        var tables = document.QuerySelectorAll("table").Where(t => !t.Descendants<IElement>().Any(d => d.LocalName == "table")).ToList();
        foreach (var table in tables)
        {
            var titles = TitleLines(document, table);
            var (rows, merges) = Grid(table, titles.Count);
            for (var i = 0; i < titles.Count; i++) rows[i] = [titles[i]];
            sheets.Add(new SheetCells($"table{(sheets.Count + 1).ToString(CultureInfo.InvariantCulture)}", rows, merges));
        }
        return sheets;
    }

    /// <summary>
    /// The lines that name a table: the page title, then the text blocks just before the table in document
    /// order (a title division, a one-cell unit table such as 单位:万人), up to the previous data table, and its
    /// caption.
    /// </summary>
    private static List<string> TitleLines(IDocument document, IElement table)
    {
        var all = document.All.ToList();
        var before = new List<string>();
        for (var i = all.IndexOf(table) - 1; i >= 0 && before.Count < 4; i--)
        {
            var e = all[i];
            if (e.Contains(table) || e.LocalName is "script" or "style" or "head" or "title" or "meta" or "tr" or "td" or "th" or "tbody") continue;
            if (e.LocalName == "table")
            {
                var cells = e.QuerySelectorAll("td, th").Length;
                if (cells > 1) break; // the previous data table
                if (Clean(e.TextContent) is { Length: > 0 } one) before.Insert(0, one);
                continue;
            }
            if (e.Children.Any(c => c.LocalName is "div" or "p" or "table" or "h1" or "h2" or "h3" or "h4")) continue;
            if (e.Closest("table") is not null) continue;
            if (Clean(e.TextContent) is { Length: > 0 } t && !before.Contains(t)) before.Insert(0, t);
        }
        var lines = new List<string>();
        var title = Clean(document.Title ?? "");
        if (title.Length > 0 && !before.Contains(title)) lines.Add(title);
        lines.AddRange(before);
        if (table.QuerySelector("caption") is { } caption && Clean(caption.TextContent) is { Length: > 0 } c) lines.Add(c);
        return lines;
    }

    /// <summary>The table's cells placed on a grid (row and column spans expanded), below <paramref name="offset"/> title rows.</summary>
    private static (List<object?[]?> Rows, List<(int, int, int, int)> Merges) Grid(IElement table, int offset)
    {
        var rows = new List<object?[]?>();
        for (var i = 0; i < offset; i++) rows.Add(null);
        var merges = new List<(int, int, int, int)>();
        var taken = new HashSet<(int, int)>();
        var r = offset;
        foreach (var tr in table.QuerySelectorAll("tr"))
        {
            var c = 0;
            foreach (var cell in tr.Children.Where(x => x.LocalName is "td" or "th"))
            {
                while (taken.Contains((r, c))) c++;
                var rowSpan = Span(cell, "rowspan");
                var colSpan = Span(cell, "colspan");
                for (var dr = 0; dr < rowSpan; dr++)
                    for (var dc = 0; dc < colSpan; dc++)
                        taken.Add((r + dr, c + dc));
                if (rowSpan > 1 || colSpan > 1) merges.Add((r, c, r + rowSpan - 1, c + colSpan - 1));
                var text = Clean(cell.TextContent);
                while (rows.Count <= r) rows.Add(null);
                if (text.Length > 0)
                {
                    var row = rows[r] ?? new object?[c + colSpan];
                    if (row.Length < c + colSpan) Array.Resize(ref row, c + colSpan);
                    row[c] = text;
                    rows[r] = row;
                }
                c += colSpan;
            }
            r++;
        }
        while (rows.Count > offset && rows[^1] is null) rows.RemoveAt(rows.Count - 1);
        return (rows, merges);
    }

    private static int Span(IElement cell, string attribute) =>
        int.TryParse(cell.GetAttribute(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxSpan) : 1;

    /// <summary>Cell text with &amp;nbsp; and runs of white space collapsed to one space.</summary>
    private static string Clean(string text) => string.Join(' ', text.Replace('\u00A0', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
