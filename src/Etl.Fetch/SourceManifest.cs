using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;

namespace Etl.Fetch;

/// <summary>One source to fetch.</summary>
/// <param name="Id">Unique id within the manifest (letters, digits, <c>-_.</c>).</param>
/// <param name="Kind">Where it goes under the raw root.</param>
/// <param name="City">The city, where known (name or code, for people).</param>
/// <param name="Year">The data year, where known.</param>
/// <param name="Url">Absolute http(s) address, or a path relative to the fetch's base address.</param>
/// <param name="MediaType">The media type expected (<c>text/html</c>, <c>text/csv</c>, <c>application/gzip</c>, <c>application/vnd.ms-excel</c>, <c>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>).</param>
/// <param name="Sha256">The expected SHA-256 (lower-case hex), or null.</param>
/// <param name="Path">The file, relative to the raw root, under the kind's folder.</param>
public sealed record SourceEntry(string Id, SourceKind Kind, string City, int? Year, string Url, string MediaType, string? Sha256, string Path)
{
    /// <summary>The address to ask for, <see cref="Url"/> resolved against <paramref name="baseUrl"/> when relative.</summary>
    public Uri Resolve(Uri? baseUrl)
    {
        if (Uri.TryCreate(Url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        if (baseUrl is null) throw new InvalidDataException($"source {Id}: '{Url}' is a relative address and no --base-url was given");
        return new Uri(baseUrl, Url);
    }
}

/// <summary>
/// The sources manifest: a CSV table (<c>id,kind,city,year,url,media_type,sha256,path</c>) read with the mapping
/// tables' reader. Every row is checked: a unique id, a known kind and media type, an http(s) or relative
/// address, a 64-digit hash when one is given, and a path inside the kind's folder.
/// </summary>
public static partial class SourceManifest
{
    /// <summary>The columns, in order.</summary>
    public static readonly string[] Columns = ["id", "kind", "city", "year", "url", "media_type", "sha256", "path"];

    /// <summary>The media types a manifest may expect, and the formats their bytes may have.</summary>
    public static readonly IReadOnlyDictionary<string, FileFormat[]> MediaTypes = new Dictionary<string, FileFormat[]>(StringComparer.Ordinal)
    {
        ["text/html"] = [FileFormat.Html, FileFormat.Text],
        ["text/plain"] = [FileFormat.Text, FileFormat.Html],
        ["text/csv"] = [FileFormat.Text],
        ["application/gzip"] = [FileFormat.Gzip],
        ["application/vnd.ms-excel"] = [FileFormat.Xls, FileFormat.Html, FileFormat.Text],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [FileFormat.Xlsx],
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    /// <summary>Reads and checks the manifest at <paramref name="path"/>.</summary>
    public static List<SourceEntry> Load(string path)
    {
        var entries = new List<SourceEntry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in MappingCsv.Read(path, Columns))
        {
            var id = row["id"];
            if (!IdPattern().IsMatch(id)) throw row.Error($"id '{id}' must be letters, digits, '.', '_' or '-'");
            if (!ids.Add(id)) throw row.Error($"id '{id}' appears twice");
            var kind = row["kind"] switch
            {
                "yearbook" => SourceKind.Yearbook,
                "bulletin" => SourceKind.Bulletin,
                "patents" => SourceKind.Patents,
                var k => throw row.Error($"kind '{k}' is not yearbook, bulletin or patents"),
            };
            int? year = null;
            if (row["year"].Length > 0)
            {
                if (!int.TryParse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1985 or > 2100)
                    throw row.Error($"year '{row["year"]}' is not a year");
                year = y;
            }
            var url = row["url"];
            if (url.Length == 0) throw row.Error("url is empty");
            if (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is not ("http" or "https") && !u.IsFile)
                throw row.Error($"url '{url}' is neither http(s) nor relative");
            var media = row["media_type"];
            if (!MediaTypes.ContainsKey(media)) throw row.Error($"media_type '{media}' is none of {string.Join(", ", MediaTypes.Keys)}");
            var sha = row["sha256"].ToLowerInvariant();
            if (sha.Length > 0 && !HashPattern().IsMatch(sha)) throw row.Error($"sha256 '{row["sha256"]}' is not 64 hexadecimal digits");
            var target = row["path"].Replace('\\', '/');
            var folder = RawFolder.FolderOf(kind) + "/";
            if (!target.StartsWith(folder, StringComparison.Ordinal) || target.Length == folder.Length || target.Contains("/../", StringComparison.Ordinal)
                || target.EndsWith("/..", StringComparison.Ordinal) || target.Contains("//", StringComparison.Ordinal))
                throw row.Error($"path '{target}' must name a file under {folder}");
            if (!paths.Add(target)) throw row.Error($"path '{target}' is the target of two sources");
            entries.Add(new SourceEntry(id, kind, row["city"], year, url, media, sha.Length == 0 ? null : sha, target));
        }
        return entries;
    }

    /// <summary>Writes a manifest (the simulator's, for its own corpus), in the column order of <see cref="Columns"/>.</summary>
    public static void Write(string path, IEnumerable<SourceEntry> entries) =>
        MappingCsv.Write(path, Columns, entries.Select(e => (IReadOnlyList<string>)
        [
            e.Id, SourceKinds.Name(e.Kind), e.City, e.Year?.ToString(CultureInfo.InvariantCulture) ?? "", e.Url, e.MediaType, e.Sha256 ?? "", e.Path,
        ]));

    /// <summary>The media type a file of this name is expected to have.</summary>
    public static string MediaTypeOf(string fileName) => System.IO.Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".gz" => "application/gzip",
        ".csv" => "text/csv",
        ".txt" => "text/plain",
        ".xls" => "application/vnd.ms-excel",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/html",
    };
}
