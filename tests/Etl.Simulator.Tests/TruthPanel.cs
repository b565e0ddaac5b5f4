using System.Globalization;
using CsvHelper;

namespace Etl.Simulator.Tests;

/// <summary>The truth panel read back with CsvHelper.</summary>
internal sealed record TruthRow(string City, int Year, Dictionary<string, double> Values, string Region, string HuSide);

internal static class TruthPanel
{
    public static List<TruthRow> Read(string truthDirectory)
    {
        using var reader = CsvReader.FromFile(Path.Combine(truthDirectory, "panel.csv"), new CsvReaderOptions { Separator = ',', HasHeader = true });
        reader.ReadHeader();
        var headers = reader.Headers.ToArray();
        var rows = new List<TruthRow>();
        while (reader.Read())
        {
            var values = new Dictionary<string, double>();
            for (var i = 2; i < headers.Length - 2; i++) values[headers[i]] = double.Parse(reader.GetString(i), CultureInfo.InvariantCulture);
            rows.Add(new TruthRow(reader.GetString(0), int.Parse(reader.GetString(1), CultureInfo.InvariantCulture), values,
                reader.GetString(headers.Length - 2), reader.GetString(headers.Length - 1)));
        }
        return rows;
    }
}
