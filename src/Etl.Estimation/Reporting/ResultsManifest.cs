using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Etl.Estimation.Results;

namespace Etl.Estimation.Reporting;

/// <summary>
/// <c>manifest.json</c> in the output folder: what the files were computed from (the run id, the panel snapshot
/// and the specification hashes, seed, replications, the tool version with its commit) and every file this run
/// wrote with its SHA-256 and size, so a reader can tell which panel a table belongs to and that no file was
/// changed or left over from another run. No time stamp: two runs on the same panel write the same manifest.
/// </summary>
public static class ResultsManifest
{
    public const string FileName = "manifest.json";

    /// <summary>Writes the manifest of <paramref name="files"/> (names in <paramref name="directory"/>).</summary>
    public static void Write(string directory, StudyResults r, IEnumerable<string> files)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("manifest_version", 1);
            w.WriteString("run_id", r.RunId);
            w.WriteString("panel_snapshot_sha256", r.Panel.SnapshotHash);
            w.WriteString("panel_table", r.Panel.Table);
            w.WriteNumber("panel_rows", r.Panel.RowCount);
            w.WriteString("specification_sha256", r.Spec.Hash);
            w.WriteNumber("seed", r.Seed);
            w.WriteNumber("bootstrap_reps", r.Mediation?.Draws.Reps ?? 0);
            w.WriteString("tool_version", typeof(ResultsManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");
            w.WriteStartArray("files");
            foreach (var name in files.Order(StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(Path.Combine(directory, name));
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("bytes", bytes.Length);
                w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var target = Path.Combine(directory, FileName);
        File.WriteAllBytes(target + ".tmp", [.. buffer.ToArray(), (byte)'\n']);
        File.Move(target + ".tmp", target, overwrite: true);
    }
}
