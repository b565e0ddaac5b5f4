using System.Text;

namespace Etl.Estimation.Reporting;

/// <summary>GitHub/CommonMark pipe table: caption in bold, label column left, numbers right, notes below.</summary>
public static class MarkdownWriter
{
    /// <summary>The table as Markdown.</summary>
    public static string Render(PublicationTable t)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(Escape(t.Title)).Append("**\n\n");
        Row(sb, t.StubHeader, t.Columns.Select(c => Escape(c)));
        sb.Append("|:---|").Append(string.Concat(t.Columns.Select(_ => "---:|"))).Append('\n');
        if (t.SubColumns.Count > 0) Row(sb, "", t.SubColumns.Select(Escape));
        foreach (var line in t.Lines) Row(sb, Escape(line.Label), line.Cells.Select(c => Escape(c.Text) + Escape(c.Stars)));
        sb.Append('\n');
        foreach (var n in t.Notes) sb.Append(Escape(n)).Append("  \n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string label, IEnumerable<string> cells)
    {
        sb.Append("| ").Append(label).Append(" |");
        foreach (var c in cells) sb.Append(' ').Append(c).Append(" |");
        sb.Append('\n');
    }

    /// <summary>
    /// Escapes what Markdown would read as markup: emphasis (*), code (`), links ([ ]), table pipes, the
    /// backslash itself, and a &lt; that could open an HTML tag (followed by a letter, /, ! or ?).
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (ch is '\\' or '*' or '`' or '|' or '[' or ']' || (ch == '<' && (char.IsAsciiLetter(next) || next is '/' or '!' or '?'))) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
