using CsvHelper;

namespace Etl.Domain.Mappings;

/// <summary>Reads and writes the UTF-8, comma-separated, LF-terminated tables under <c>mappings/</c>.</summary>
public static class MappingCsv
{
    /// <summary>Reads every row of <paramref name="path"/>; fails when a required column is absent or a row is ragged.</summary>
    public static List<MappingRow> Read(string path, params string[] requiredColumns)
    {
        var name = Path.GetFileName(path);
        if (!System.IO.File.Exists(path)) throw new MappingValidationException(name, 0, "file not found");
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MissingField = CsvMissingFieldHandling.Throw,
            Encoding = System.Text.Encoding.UTF8,
        };
        var rows = new List<MappingRow>();
        try
        {
            using var reader = CsvReader.FromFile(path, options);
            reader.ReadHeader();
            if (reader.Headers.Count == 0) throw new MappingValidationException(name, 1, "missing header row");
            var headers = reader.Headers;
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
                if (!columns.TryAdd(headers[i], i)) throw new MappingValidationException(name, 1, $"duplicate column '{headers[i]}'");
            foreach (var c in requiredColumns)
                if (!columns.ContainsKey(c)) throw new MappingValidationException(name, 1, $"missing column '{c}'");
            while (reader.Read())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = reader.GetString(i);
                rows.Add(new MappingRow(name, reader.LineNumber, columns, values));
            }
        }
        catch (CsvFormatException e)
        {
            throw new MappingValidationException(name, 0, $"malformed CSV: {e.Message}");
        }
        return rows;
    }

    /// <summary>Writes a table deterministically (LF line ends, no BOM, RFC 4180 quoting).</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var options = new CsvWriterOptions { NewLine = "\n", Separator = ',', WriteByteOrderMark = false };
        using var writer = CsvWriter.ToFile(path, options);
        writer.WriteRecord(header.ToArray());
        foreach (var row in rows) writer.WriteRecord(row.ToArray());
    }
}
