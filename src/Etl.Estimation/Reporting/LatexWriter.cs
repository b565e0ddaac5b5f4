using System.Text;

namespace Etl.Estimation.Reporting;

/// <summary>
/// A LaTeX table that compiles as is with booktabs, threeparttable and graphicx: booktabs rules, the caption
/// without the "Table N." the title may carry (LaTeX numbers tables itself), the tabular scaled down to the
/// text width when it is wider, and the notes in a tablenotes block. Every text is escaped; stars are
/// superscripts.
/// </summary>
public static partial class LatexWriter
{
    /// <summary>The packages the table needs.</summary>
    public const string Packages = "booktabs,threeparttable,graphicx";

    [System.Text.RegularExpressions.GeneratedRegex(@"^Table\s+\d+[.:]\s*")]
    private static partial System.Text.RegularExpressions.Regex Numbered();

    /// <summary>The caption: the title without a leading "Table N." or "Table N:".</summary>
    public static string Caption(string title) => Numbered().Replace(title, "");

    /// <summary>The table as a LaTeX <c>table</c> environment.</summary>
    public static string Render(PublicationTable t)
    {
        var sb = new StringBuilder();
        sb.Append("% Requires \\usepackage{").Append(Packages).Append("}.\n");
        sb.Append("\\begin{table}[htbp]\n\\centering\n");
        sb.Append("\\caption{").Append(Escape(Caption(t.Title))).Append("}\n");
        // The table and its notes, scaled to the text width only when wider than it (the scaling goes around the
        // whole threeparttable: threeparttable must see its tabular directly).
        sb.Append("\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n\\begin{threeparttable}\n");
        sb.Append("\\begin{tabular}{l").Append(new string('c', t.Columns.Count)).Append("}\n\\toprule\n");
        Row(sb, Escape(t.StubHeader), t.Columns.Select(Escape));
        if (t.SubColumns.Count > 0) Row(sb, "", t.SubColumns.Select(Escape));
        sb.Append("\\midrule\n");
        for (var i = 0; i < t.Lines.Count; i++)
        {
            if (t.RuleAbove(i)) sb.Append("\\midrule\n");
            var line = t.Lines[i];
            Row(sb, Escape(line.Label), line.Cells.Select(c => Escape(c.Text) + (c.Stars.Length > 0 ? "$^{" + c.Stars + "}$" : "")));
        }
        sb.Append("\\bottomrule\n\\end{tabular}\n");
        if (t.Notes.Count > 0)
        {
            sb.Append("\\begin{tablenotes}\\footnotesize\n");
            foreach (var n in t.Notes) sb.Append("\\item ").Append(Escape(n)).Append('\n');
            sb.Append("\\end{tablenotes}\n");
        }
        sb.Append("\\end{threeparttable}}\n\\end{table}\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string label, IEnumerable<string> cells)
    {
        // After \\ a leading [ would be read as the optional argument of the line break.
        sb.Append(label.StartsWith('[') ? "{}" + label : label);
        foreach (var c in cells) sb.Append(" & ").Append(c);
        sb.Append(" \\\\\n");
    }

    /// <summary>Escapes LaTeX's special characters and writes the few non-ASCII symbols the tables use as math.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
            sb.Append(ch switch
            {
                '\\' => "\\textbackslash{}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '{' => "\\{",
                '}' => "\\}",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '<' => "\\textless{}",
                '>' => "\\textgreater{}",
                '²' => "\\textsuperscript{2}",
                '×' => "$\\times$",
                '–' => "--",
                '—' => "---",
                _ => ch.ToString(),
            });
        return sb.ToString();
    }
}
