using CsvHelper;
using Etl.Patents.Reading;

namespace Etl.Bench.PatentBench;

/// <summary>
/// An export as DuckDB reads it: the file to read (the export, or its UTF-8 copy) and its layout, found from
/// its header with the stage's own column names.
/// </summary>
/// <param name="Path">File DuckDB reads.</param>
/// <param name="Export">The export it comes from (its path under the raw folder), as the record index names it.</param>
/// <param name="FieldCount">Columns in the header.</param>
/// <param name="Columns">Column index of each <see cref="ExportField"/> (-1 when absent).</param>
internal sealed record DuckDbInput(string Path, string Export, int FieldCount, IReadOnlyList<int> Columns)
{
    /// <summary>Column index of a field, or -1.</summary>
    public int this[ExportField field] => Columns[(int)field];

    /// <summary>Column count and field positions: files with the same layout share one read_csv.</summary>
    public string Layout => FieldCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + string.Join(',', Columns);

    /// <summary>The inputs of each export; GB18030 and workbook exports are read from their copies under <paramref name="copies"/> (<see cref="DuckDbCopies"/>).</summary>
    public static List<DuckDbInput> For(IEnumerable<CorpusFile> files, string? copies)
    {
        var result = new List<DuckDbInput>();
        foreach (var (path, export) in files.SelectMany(f => (copies is not null && DuckDbCopies.Of(copies, f.Relative) is { Count: > 0 } made ? made : [f.FullPath]).Select(p => (p, f.Relative))))
        {
            if (Header(path) is { } headers)
            {
                var columns = ExportColumns.From(headers);
                // The stage rejects such an export whole; so does the query.
                if (columns.Missing(needText: true).Count > 0) continue;
                result.Add(new DuckDbInput(path, export, headers.Count, Enum.GetValues<ExportField>().Select(x => columns[x]).ToArray()));
            }
        }
        return result;
    }

    private static List<string>? Header(string path)
    {
        var encoding = ExportEncoding.Detect(path);
        if (encoding is null) return null;
        using var stream = ExportEncoding.Open(path);
        for (var i = 0; i < encoding.Preamble; i++) stream.ReadByte();
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', HasHeader = false }, leaveOpen: false);
        if (!reader.Read()) return null;
        var headers = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++) headers.Add(encoding.Encoding.GetString(reader.GetSpan(i)));
        return headers;
    }
}
