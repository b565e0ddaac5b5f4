using System.Text;

namespace Etl.Estimation.Reporting;

/// <summary>
/// A LaTeX table with booktabs rules (\toprule, \midrule, \bottomrule); every text is escaped, stars are
/// superscripts, notes follow in a footnote-size paragraph. Needs <c>\usepackage{booktabs}</c>.
/// </summary>
public static class LatexWriter
{
    /// <summary>The table as a LaTeX <c>table</c> environment.</summary>
    public static string Render(PublicationTable t)
    {
        var sb = new StringBuilder();
        sb.Append("% Requires \\usepackage{booktabs}.\n");
        sb.Append("\\begin{table}[htbp]\n\\centering\n");
        sb.Append("\\caption{").Append(Escape(t.Title)).Append("}\n");
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
            sb.Append("\\par\\smallskip\n{\\footnotesize\n");
            foreach (var n in t.Notes) sb.Append(Escape(n)).Append("\\par\n");
            sb.Append("}\n");
        }
        sb.Append("\\end{table}\n");
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
