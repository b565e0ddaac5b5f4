using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Estimation.Panel;

/// <summary>
/// SHA-256 over the panel as read: a header line with the column names, then one line per row in the order
/// (city_code ordinal, year), fields separated by a tab, lines ended by a line feed. Numbers are written in
/// the shortest round-trip invariant form ("R": 5 and 5.0 both give <c>5</c>), NULL as <c>\N</c>, and text
/// with backslash, tab and line feed escaped. The result does not depend on SQLite storage classes, on the
/// order rows come back in, or on the culture.
/// </summary>
internal sealed class SnapshotHasher : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();
    private int _fields;

    public SnapshotHasher(IEnumerable<string> columns)
    {
        foreach (var c in columns) Field(c);
        EndLine();
    }

    public void Null() => Append("\\N");

    public void Number(double v) => Append(double.IsNaN(v) ? "\\N" : v.ToString("R", CultureInfo.InvariantCulture));

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
