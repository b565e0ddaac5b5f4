using CsvHelper;

namespace Etl.MappingsBuilder;

/// <summary>Reads a reference CSV into dictionaries keyed by header name.</summary>
internal static class ReferenceCsv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',', HasHeader = true, Encoding = System.Text.Encoding.UTF8,
            MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.FromFile(path, options);
        reader.ReadHeader();
        var headers = reader.Headers.Select(h => h.Trim('\uFEFF')).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++) row[headers[i]] = reader.GetString(i).Trim();
            rows.Add(row);
        }
        return rows;
    }
}
