using System.Text;

namespace Etl.Estimation.Reporting;

/// <summary>RFC 4180 CSV of a table: header rows, one row per line (stars appended to the number), notes as one-cell rows.</summary>
public static class CsvWriter
{
    /// <summary>The table as CSV (LF line ends).</summary>
    public static string Render(PublicationTable t)
    {
        var sb = new StringBuilder();
        Row(sb, t.Columns.Prepend(t.StubHeader));
        if (t.SubColumns.Count > 0) Row(sb, t.SubColumns.Prepend(""));
        foreach (var line in t.Lines) Row(sb, line.Cells.Select(c => c.ToString()).Prepend(line.Label));
        foreach (var n in t.Notes) Row(sb, [n]);
        return sb.ToString();
    }

    /// <summary>Writes one record.</summary>
    public static void Row(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(Quote(f));
        }
        sb.Append('\n');
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
