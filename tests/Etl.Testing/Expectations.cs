using CsvHelper;

namespace Etl.Testing;

/// <summary>
/// An expectation file written beside a real sample by a person reading it: <c># key: value</c> comment lines
/// (source, city, year, ...), then a CSV table whose first line is its header. Rows whose first field starts
/// with <c>!</c> name figures that must not be taken.
/// </summary>
public sealed class Expectations
{
    private Expectations(string path, IReadOnlyDictionary<string, string> meta, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Path = path;
        Meta = meta;
        Rows = rows;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The comment lines as key and value (a repeated key keeps its first value).</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>The rows, by column name.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>Reads an expectation file.</summary>
    public static Expectations Read(string path)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var table = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#'))
            {
                var body = line.TrimStart('#').Trim();
                var colon = body.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) meta.TryAdd(body[..colon].Trim(), body[(colon + 1)..].Trim());
                continue;
            }
            if (line.Trim().Length > 0) table.Add(line);
        }
        var rows = new List<IReadOnlyDictionary<string, string>>();
        if (table.Count > 0)
        {
            using var csv = CsvReader.FromText(string.Join("\n", table), new CsvReaderOptions { HasHeader = true, FieldCountMismatch = CsvFieldCountHandling.Allow, MissingField = CsvMissingFieldHandling.ReturnEmpty });
            csv.ReadHeader();
            var headers = csv.Headers.ToList();
            while (csv.Read())
            {
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < headers.Count; i++) row[headers[i]] = i < csv.FieldCount ? csv.GetString(i).Trim() : "";
                rows.Add(row);
            }
        }
        return new Expectations(path, meta, rows);
    }
}
