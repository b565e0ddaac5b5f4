using System.Globalization;
using CsvHelper;

namespace Etl.Testing;

/// <summary>A CSV file of the simulator's truth folder, read with CsvHelper: rows as column → text.</summary>
public sealed class TruthTable
{
    private TruthTable(IReadOnlyList<string> columns, List<Dictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows, each a column → text map.</summary>
    public IReadOnlyList<Dictionary<string, string>> Rows { get; }

    /// <summary>Reads <paramref name="path"/> (UTF-8, header row).</summary>
    public static TruthTable Read(string path)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', HasHeader = true, Encoding = System.Text.Encoding.UTF8 });
        reader.ReadHeader();
        var columns = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++) row[columns[i]] = reader.GetString(i);
            rows.Add(row);
        }
        return new TruthTable(columns, rows);
    }

    /// <summary>A column parsed as double (invariant culture).</summary>
    public static double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    /// <summary>A column parsed as an integer.</summary>
    public static long Integer(Dictionary<string, string> row, string column) => long.Parse(row[column], CultureInfo.InvariantCulture);
}
