using System.Globalization;
using AngleSharp.Dom;
using Etl.Domain.Text;

namespace Etl.Ingest.Bulletins;

/// <summary>A piece of page text in which figures are looked for, with where it sits.</summary>
/// <param name="Text">The text as printed.</param>
/// <param name="Locator">Element path (and table row) of the text.</param>
/// <param name="FromTable">Whether it was composed from a table row (label, value and unit cells).</param>
public readonly record struct TextPiece(string Text, string Locator, bool FromTable);

/// <summary>
/// Turns a bulletin page into the pieces of text figures are read from: every block element that holds
/// text directly (paragraphs, list items, leaf divisions, the body's own text between them), outside tables; and every table row, composed as
/// "label value unit" from its label, unit and value columns, so that prose patterns read tables too.
/// </summary>
internal static class PageText
{
    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "div", "section", "article", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "pre",
    };

    private static readonly HashSet<string> s_blockContainers = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "div", "section", "article", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "blockquote", "pre",
    };

    public static IEnumerable<TextPiece> Pieces(IDocument document)
    {
        var body = document.Body;
        if (body is null) yield break;
        var elements = body.Descendants<IElement>().ToList();
        // Which elements hold a block container somewhere below them: one pass, children before parents, so
        // that a deep page costs time in proportion to its size.
        var holdsBlocks = new HashSet<IElement>();
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            var e = elements[i];
            if ((s_blockContainers.Contains(e.LocalName) || holdsBlocks.Contains(e)) && e.ParentElement is { } parent) holdsBlocks.Add(parent);
        }
        // The body is a block too: pages put paragraphs straight into it, separated by line breaks only.
        foreach (var e in elements.Prepend(body))
        {
            if (e != body && !s_blocks.Contains(e.LocalName)) continue;
            var cell = e.LocalName is "td" or "th";
            if (holdsBlocks.Contains(e))
            {
                // A block with its own text beside block children (<div>text<p>...</p></div>): its own text is a piece.
                if (DirectText(e) is { Length: > 0 } own) yield return new TextPiece(own, Path(e), false);
                continue;
            }
            var text = e.TextContent;
            // Cells are read as table rows, unless they hold prose (old sites lay whole pages out in tables).
            if (cell && !text.Contains('。', StringComparison.Ordinal)) continue;
            if (text.Trim().Length > 0) yield return new TextPiece(text, Path(e), false);
        }
        foreach (var table in body.QuerySelectorAll("table"))
            foreach (var piece in TableRows(table)) yield return piece;
    }

    /// <summary>The text of an element's text nodes and inline children, without its block children.</summary>
    private static string DirectText(IElement e)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var child in e.ChildNodes)
        {
            if (child is IElement el && (s_blocks.Contains(el.LocalName) || s_blockContainers.Contains(el.LocalName))) continue;
            sb.Append(child.TextContent);
        }
        var text = sb.ToString();
        return text.Trim().Length == 0 ? "" : text;
    }

    /// <summary>An element's path from the body: <c>body>div:nth-of-type(2)>p:nth-of-type(5)</c>.</summary>
    public static string Path(IElement element)
    {
        var parts = new List<string>();
        for (var e = element; e is not null && e.LocalName != "html"; e = e.ParentElement)
        {
            if (e.LocalName == "body") { parts.Add("body"); break; }
            var index = 1;
            for (var s = e.PreviousElementSibling; s is not null; s = s.PreviousElementSibling)
                if (s.LocalName == e.LocalName) index++;
            parts.Add($"{e.LocalName}:nth-of-type({index.ToString(CultureInfo.InvariantCulture)})");
        }
        parts.Reverse();
        return string.Join(">", parts);
    }

    /// <summary>
    /// The rows of a statistics table as "label value unit" pieces. The value column is the one headed 绝对数,
    /// 总量, 本年, ..., or the latest year; the unit comes from the row's unit column, the label's parentheses
    /// (地区生产总值（亿元）), the value column's header (绝对数（亿元）), or the table's 单位：… line.
    /// </summary>
    private static IEnumerable<TextPiece> TableRows(IElement table)
    {
        var rows = table.QuerySelectorAll("tr").ToList();
        if (rows.Count == 0) yield break;
        var header = Cells(rows[0]).Select(Clean).ToList();
        var unitCol = header.FindIndex(h => h is "单位" or "计量单位");
        var valueCol = header.FindIndex(h => h.Contains("绝对数", StringComparison.Ordinal) || h.Contains("绝对值", StringComparison.Ordinal)
                                             || h.Contains("绝对量", StringComparison.Ordinal) || h.StartsWith("数值", StringComparison.Ordinal)
                                             || h.StartsWith("总量", StringComparison.Ordinal) || h.StartsWith("金额", StringComparison.Ordinal)
                                             || h.StartsWith("数量", StringComparison.Ordinal) || h.StartsWith("年末数", StringComparison.Ordinal)
                                             || h is "本年" or "全年" or "实绩" or "完成数" or "本年实际" or "全年实绩"
                                             || h.StartsWith("本期", StringComparison.Ordinal));
        // Else the first column headed by a level unit (年末数（万人）, 绝对量（亿元）), not a share or a growth rate.
        if (valueCol < 0)
            valueCol = header.FindIndex(h => h.Length > 0 && header.IndexOf(h) > 0 && LabelUnit(h) is { Unit: not ("%" or "‰") }
                                             && !h.Contains("增长", StringComparison.Ordinal) && !h.Contains("比重", StringComparison.Ordinal));
        if (valueCol < 0)
        {
            // Year columns (2017年 | 2018年): the latest is the bulletin's year.
            var years = header.Select((h, i) => (i, Year: YearOf(h))).Where(x => x.Year > 0).ToList();
            if (years.Count > 0) valueCol = years.OrderByDescending(x => x.Year).First().i;
        }
        var headerUnit = valueCol >= 0 ? LabelUnit(header[valueCol])?.Unit : null;
        var tableUnit = TableUnit(table);
        var path = Path(table);
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = Cells(rows[i]).Select(c => c.Trim()).ToList();
            if (cells.Count < 2) continue;
            var label = cells[0];
            var value = valueCol > 0 && valueCol < cells.Count ? cells[valueCol] : cells.Skip(1).FirstOrDefault(LooksNumeric) ?? "";
            var unit = unitCol > 0 && unitCol < cells.Count ? cells[unitCol] : "";
            if (unit.Length == 0 && LabelUnit(label) is { } u)
            {
                unit = u.Unit;
                label = u.Label;
            }
            if (unit.Length == 0) unit = headerUnit ?? tableUnit ?? "";
            if (value.Length == 0 || !LooksNumeric(value)) continue;
            yield return new TextPiece($"{label}{value}{unit}。", $"{path}>tr:nth-of-type({(i + 1).ToString(CultureInfo.InvariantCulture)})", true);
        }
    }

    private static int YearOf(string header)
    {
        var h = header.TrimEnd('年');
        return h.Length == 4 && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100 ? y : 0;
    }

    /// <summary>A unit stated for the whole table: 单位：亿元 in its caption, its first row, or the text just before it.</summary>
    private static string? TableUnit(IElement table)
    {
        var texts = new List<string>();
        if (table.QuerySelector("caption") is { } caption) texts.Add(caption.TextContent);
        if (table.PreviousElementSibling is { } before) texts.Add(before.TextContent);
        foreach (var t in texts.Select(Clean))
        {
            var at = t.IndexOf("单位", StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = t[(at + 2)..].TrimStart(':', '：');
            foreach (var unit in new[] { "万亿元", "亿元", "万元", "元", "万人", "人", "万户", "户", "%" })
                if (rest.StartsWith(unit, StringComparison.Ordinal)) return unit;
        }
        return null;
    }

    /// <summary>A row's cells with column spans expanded, so that a cell's index is its column.</summary>
    private static List<string> Cells(IElement row)
    {
        var cells = new List<string>();
        foreach (var c in row.Children.Where(c => c.LocalName is "td" or "th"))
        {
            var span = int.TryParse(c.GetAttribute("colspan"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 50) : 1;
            for (var k = 0; k < span; k++) cells.Add(k == 0 ? c.TextContent : "");
        }
        return cells;
    }

    private static string Clean(string s) => TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(s));

    private static bool LooksNumeric(string s) => Numbers.PrintedNumber.Parse(s).Kind == Numbers.PrintedKind.Number;

    private static readonly HashSet<string> s_units = new(StringComparer.Ordinal)
    {
        "万亿元", "亿元", "万元", "元", "万人", "人", "万户", "户", "万个", "个", "万家", "家", "%", "‰", "亿美元", "万美元", "美元", "元/人",
    };

    /// <summary>A label that carries its unit in parentheses: 地区生产总值（亿元）, 绝对数（亿元）.</summary>
    private static (string Label, string Unit)? LabelUnit(string label)
    {
        var half = TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(label));
        var open = half.LastIndexOf('(');
        if (open < 0 || !half.EndsWith(')')) return null;
        var unit = half[(open + 1)..^1];
        if (unit.StartsWith("单位", StringComparison.Ordinal)) unit = unit[2..].TrimStart(':', '：');
        return s_units.Contains(unit) ? (half[..open], unit) : null;
    }
}
