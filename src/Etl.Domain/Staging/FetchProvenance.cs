using System.Text.Json;
using System.Text.Json.Serialization;

namespace Etl.Domain.Staging;

/// <summary>Where and when a raw file was fetched: written by <c>etl fetch</c>, loaded by the build, shown by trace.</summary>
/// <param name="Path">The file, relative to the raw root (forward slashes).</param>
/// <param name="SourceId">The manifest entry it was fetched for.</param>
/// <param name="Url">The address asked for.</param>
/// <param name="FinalUrl">The address answered from, after redirects.</param>
/// <param name="Status">HTTP status of the answer that delivered the bytes (200 or 206; 304 keeps the earlier record).</param>
/// <param name="ETag">The validator the server gave, if any.</param>
/// <param name="LastModified">Last-Modified as the server gave it (RFC 1123), if any.</param>
/// <param name="ContentType">The media type the server declared.</param>
/// <param name="FetchedUtc">When the bytes arrived (ISO 8601, UTC).</param>
/// <param name="CheckedUtc">When the source was last found unchanged or fetched.</param>
/// <param name="Bytes">Size of the file.</param>
/// <param name="Sha256">SHA-256 of the file (lower-case hex).</param>
public sealed record FetchRecord(
    string Path,
    string SourceId,
    string Url,
    string FinalUrl,
    int Status,
    string? ETag,
    string? LastModified,
    string? ContentType,
    string FetchedUtc,
    string CheckedUtc,
    long Bytes,
    string Sha256);

/// <summary>
/// The fetch's own folder under the raw root, <c>.fetch/</c>: <c>provenance.json</c> (one <see cref="FetchRecord"/>
/// per fetched file), <c>provenance.journal</c> (records of a fetch still running, or killed) and <c>partial/</c>
/// (downloads in progress, kept so that a dropped transfer resumes). The
/// build loads the records and settles the folder's files by the rule <see cref="Rule"/>.
/// </summary>
public static class FetchProvenance
{
    /// <summary>The folder, relative to the raw root.</summary>
    public const string Folder = ".fetch";

    /// <summary>The rule that excludes the folder's files from the sources (they are the fetch's records).</summary>
    public const string Rule = "fetch_records";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The records file under <paramref name="rawRoot"/>.</summary>
    public static string RecordsPath(string rawRoot) => System.IO.Path.Combine(rawRoot, Folder, "provenance.json");

    /// <summary>The journal a running fetch appends to, one record per line, folded into the records file at its end.</summary>
    public static string JournalPath(string rawRoot) => System.IO.Path.Combine(rawRoot, Folder, "provenance.journal");

    /// <summary>
    /// The records, by path: the records file, then the journal of a fetch that did not finish (a later line wins);
    /// none when the raw folder was never fetched into.
    /// </summary>
    public static Dictionary<string, FetchRecord> Read(string rawRoot)
    {
        var records = new Dictionary<string, FetchRecord>(StringComparer.Ordinal);
        var path = RecordsPath(rawRoot);
        try
        {
            if (File.Exists(path))
                foreach (var r in JsonSerializer.Deserialize<List<FetchRecord>>(File.ReadAllText(path), s_json) ?? []) records[r.Path] = r;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the fetch records cannot be read ({e.Message})", e);
        }
        var journal = JournalPath(rawRoot);
        if (File.Exists(journal))
            foreach (var line in File.ReadLines(journal))
            {
                // A line cut short by a kill is the only damage a journal can have: it is the last one, and skipped.
                FetchRecord? r;
                try { r = JsonSerializer.Deserialize<FetchRecord>(line, s_line); }
                catch (JsonException) { continue; }
                if (r is not null) records[r.Path] = r;
            }
        return records;
    }

    private static readonly JsonSerializerOptions s_line = new(s_json) { WriteIndented = false };

    /// <summary>Appends one record to the journal and flushes it to disk, so a fetch killed later keeps it.</summary>
    public static void Append(string rawRoot, FetchRecord record)
    {
        var journal = JournalPath(rawRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(journal)!);
        using var s = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.None);
        s.Write(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, s_line) + "\n"));
        s.Flush(flushToDisk: true);
    }

    /// <summary>Writes the records (sorted by path) through a temporary file renamed into place, and clears the journal.</summary>
    public static void Write(string rawRoot, IEnumerable<FetchRecord> records)
    {
        var path = RecordsPath(rawRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + $".tmp-{Environment.ProcessId}";
        File.WriteAllText(temp, JsonSerializer.Serialize(records.OrderBy(r => r.Path, StringComparer.Ordinal).ToList(), s_json));
        File.Move(temp, path, overwrite: true);
        File.Delete(JournalPath(rawRoot));
    }

    /// <summary>Whether <paramref name="relative"/> lies in the fetch's own folder.</summary>
    public static bool IsFetchFile(string relative) => relative.StartsWith(Folder + "/", StringComparison.Ordinal);
}
