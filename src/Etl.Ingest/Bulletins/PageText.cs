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
/// text directly (paragraphs, list items, leaf divisions), outside tables; and every table row, composed as
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
        foreach (var e in body.Descendants<IElement>())
        {
            if (!s_blocks.Contains(e.LocalName)) continue;
            var cell = e.LocalName is "td" or "th";
            if (e.Descendants<IElement>().Any(d => s_blockContainers.Contains(d.LocalName)))
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

    private static IEnumerable<TextPiece> TableRows(IElement table)
    {
        var rows = table.QuerySelectorAll("tr").ToList();
        if (rows.Count == 0) yield break;
        var header = Cells(rows[0]).Select(Clean).ToList();
        var unitCol = header.FindIndex(h => h is "单位" or "计量单位");
        var valueCol = header.FindIndex(h => h.Contains("绝对数", StringComparison.Ordinal) || h is "数值" or "总量" or "金额" or "数量" or "本年" || h.StartsWith("本期", StringComparison.Ordinal));
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
            if (value.Length == 0) continue;
            yield return new TextPiece($"{label}{value}{unit}", $"{path}>tr:nth-of-type({(i + 1).ToString(CultureInfo.InvariantCulture)})", true);
        }
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

    private static string Clean(string s) => TextNormalizer.RemoveWhitespace(TextNormalizer.ToHalfWidth(s));

    private static bool LooksNumeric(string s) => Numbers.PrintedNumber.Parse(s).Kind == Numbers.PrintedKind.Number;

    /// <summary>A label that carries its unit in parentheses: 地区生产总值（亿元）.</summary>
    private static (string Label, string Unit)? LabelUnit(string label)
    {
        var half = TextNormalizer.ToHalfWidth(label).Trim();
        var open = half.LastIndexOf('(');
        if (open <= 0 || !half.EndsWith(')')) return null;
        return (half[..open], half[(open + 1)..^1]);
    }
}
