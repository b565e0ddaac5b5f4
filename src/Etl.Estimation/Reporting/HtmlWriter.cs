using System.Net;
using System.Text;

namespace Etl.Estimation.Reporting;

/// <summary>A minimal HTML document holding the table (caption, header, body with stars as superscripts, notes); every text is HTML-encoded.</summary>
public static class HtmlWriter
{
    /// <summary>The table as an HTML page.</summary>
    public static string Render(PublicationTable t)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(t.Title)).Append("</title>\n");
        sb.Append("<style>table{border-collapse:collapse}th,td{padding:2px 10px;text-align:center}td:first-child,th:first-child{text-align:left}")
          .Append("thead tr:first-child th{border-top:2px solid #000}thead tr:last-child th{border-bottom:1px solid #000}")
          .Append("tr.rule td{border-top:1px solid #000}tbody tr:last-child td{border-bottom:2px solid #000}</style>\n");
        sb.Append("</head>\n<body>\n<table>\n<caption>").Append(E(t.Title)).Append("</caption>\n<thead>\n");
        HeaderRow(sb, t.StubHeader, t.Columns);
        if (t.SubColumns.Count > 0) HeaderRow(sb, "", t.SubColumns);
        sb.Append("</thead>\n<tbody>\n");
        for (var i = 0; i < t.Lines.Count; i++)
        {
            var line = t.Lines[i];
            sb.Append(t.RuleAbove(i) ? "<tr class=\"rule\">" : "<tr>").Append("<td>").Append(E(line.Label)).Append("</td>");
            foreach (var c in line.Cells)
            {
                sb.Append("<td>").Append(E(c.Text));
                if (c.Stars.Length > 0) sb.Append("<sup>").Append(E(c.Stars)).Append("</sup>");
                sb.Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        foreach (var n in t.Notes) sb.Append("<p>").Append(E(n)).Append("</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void HeaderRow(StringBuilder sb, string stub, IEnumerable<string> cells)
    {
        sb.Append("<tr><th>").Append(E(stub)).Append("</th>");
        foreach (var c in cells) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
