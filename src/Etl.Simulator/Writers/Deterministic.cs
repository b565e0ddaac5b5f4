using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Etl.Simulator.Writers;

/// <summary>Removes what would make two runs differ byte for byte.</summary>
internal static partial class Deterministic
{
    [GeneratedRegex("\"R[0-9a-f]{16}\"")]
    private static partial Regex RandomRelationshipId();

    /// <summary>A fixed time stamp for zip entries (the Open XML packaging stamps the current time).</summary>
    public static readonly DateTimeOffset Timestamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Rewrites a zip-based file (.xlsx) with every entry stamped <see cref="Timestamp"/>, entries in name
    /// order, and the random relationship ids of the packaging library replaced by sequential ones.
    /// </summary>
    public static void Normalize(string path)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var read = ZipFile.OpenRead(path))
            foreach (var e in read.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries.Add((e.FullName, m.ToArray()));
            }
        entries = entries.OrderBy(e => e.Name == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].Name.EndsWith(".xml", StringComparison.Ordinal) && !entries[i].Name.EndsWith(".rels", StringComparison.Ordinal)) continue;
            var text = Encoding.UTF8.GetString(entries[i].Data);
            var replaced = RandomRelationshipId().Replace(text, m =>
            {
                if (!ids.TryGetValue(m.Value, out var id)) ids[m.Value] = id = $"\"rId{ids.Count + 1}\"";
                return id;
            });
            if (!ReferenceEquals(replaced, text)) entries[i] = (entries[i].Name, Encoding.UTF8.GetBytes(replaced));
        }
        using var output = File.Create(path);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = Timestamp;
            using var s = entry.Open();
            s.Write(data);
        }
    }
}
