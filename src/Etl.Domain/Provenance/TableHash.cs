using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Domain.Provenance;

/// <summary>
/// The one definition of a table's content hash, used for the panel by the build (<c>runs.panel_hash</c>) and
/// by the estimation (<c>estimation_runs.panel_hash</c>), so an estimate joins to the build that made its panel.
/// SHA-256 over a header line with the column names, then one line per row in the order the query returns
/// them (the callers order by city code and year), fields separated by a tab, lines ended by a line feed.
/// Integers are written in invariant digits, reals in the shortest round-trip form ("R": 5.0 gives <c>5</c>),
/// NULL as <c>\N</c>, text with backslash, tab and line feed escaped, blobs in hex. The result does not depend
/// on the culture or on whether SQLite stored a whole number as an integer or a real.
/// </summary>
public sealed class TableHash : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();
    private int _fields;

    /// <summary>Starts a hash whose header line names <paramref name="columns"/>.</summary>
    public TableHash(IEnumerable<string> columns)
    {
        foreach (var c in columns) Field(c);
        EndLine();
    }

    /// <summary>The hash of every row <paramref name="reader"/> returns, with its column names as the header.</summary>
    public static string Of(DbDataReader reader)
    {
        using var hash = new TableHash(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.IsDBNull(i))
                {
                    hash.Null();
                    continue;
                }
                switch (reader.GetValue(i))
                {
                    case long l: hash.Integer(l); break;
                    case double d: hash.Number(d); break;
                    case byte[] b: hash.Field(Convert.ToHexStringLower(b)); break;
                    case var v: hash.Field(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                }
            }
            hash.EndLine();
        }
        return hash.Finish();
    }

    /// <summary>The query that reads a panel-like table in hash order: every column, rows by city code and year.</summary>
    public static string PanelQuery(string quotedTable) => $"SELECT * FROM {quotedTable} ORDER BY city_code, year";

    public void Null() => Append("\\N");

    public void Number(double v)
    {
        if (double.IsNaN(v)) Null();
        // A whole number prints as SQLite returns it from an integer column, so storage class does not matter.
        else if (v == Math.Floor(v) && Math.Abs(v) < 9e15) Integer((long)v);
        else Append(v.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Integer(long v) => Append(v.ToString(CultureInfo.InvariantCulture));

    public void Field(string? text)
    {
        if (text is null)
        {
            Null();
            return;
        }
        Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
    }

    public void EndLine()
    {
        _line.Append('\n');
        _sha.AppendData(Encoding.UTF8.GetBytes(_line.ToString()));
        _line.Clear();
        _fields = 0;
    }

    public string Finish() => Convert.ToHexStringLower(_sha.GetHashAndReset());

    public void Dispose() => _sha.Dispose();

    private void Append(string s)
    {
        if (_fields++ > 0) _line.Append('\t');
        _line.Append(s);
    }
}
