using System.Text;

namespace Etl.Bench.PatentBench;

/// <summary>Pieces of RE2 syntax for the DuckDB query: escaping and alternations of literal words.</summary>
internal static class SqlRegex
{
    /// <summary>A literal for RE2 (every metacharacter escaped).</summary>
    public static string Escape(string literal)
    {
        var sb = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// An alternation of literals, longest first: RE2 prefers the earlier alternative at a position, so the
    /// longest name at the start of an address wins, as in the stage's geocoder.
    /// </summary>
    public static string LongestFirst(IEnumerable<string> literals) =>
        "(?:" + string.Join('|', literals.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).Select(Escape)) + ")";

    /// <summary>A string literal for SQL (single quotes doubled).</summary>
    public static string SqlString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
