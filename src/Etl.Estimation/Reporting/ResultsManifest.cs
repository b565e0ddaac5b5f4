using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Etl.Domain.Provenance;
using Etl.Estimation.Results;

namespace Etl.Estimation.Reporting;

/// <summary>
/// <c>manifest.json</c> in the output folder: what the files were computed from (the run id, the panel snapshot
/// and the specification hashes, the result set, the build run, seed, replications, the tool version with its commit) and every file this run
/// wrote with its SHA-256 and size, so a reader can tell which panel a table belongs to and that no file was
/// changed or left over from another run. No time stamp: two runs on the same panel write the same manifest.
/// </summary>
public static class ResultsManifest
{
    public const string FileName = "manifest.json";

    /// <summary>
    /// Refuses an output folder whose manifest names another result set, unless <paramref name="force"/>: the
    /// study's tables are never replaced by another specification's without a word.
    /// </summary>
    public static void EnsureWritable(string directory, string resultSet, bool force)
    {
        var path = Path.Combine(directory, FileName);
        if (force || !File.Exists(path)) return;
        string? held;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            held = doc.RootElement.TryGetProperty("result_set", out var p) ? p.GetString() : null;
        }
        catch (JsonException)
        {
            return; // not a manifest this tool can read: the files are rewritten and the manifest with them
        }
        if (held is not null && held != resultSet)
            throw new InvalidDataException(
                $"{directory}: holds the results of '{held}', not '{resultSet}'; give another --out, or --force to replace them");
    }

    /// <summary>Writes the manifest of <paramref name="files"/> (names in <paramref name="directory"/>).</summary>
    public static void Write(string directory, StudyResults r, IEnumerable<string> files)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("manifest_version", 2);
            w.WriteString("result_set", r.ResultSet);
            w.WriteString("run_id", r.RunId);
            w.WriteString("panel_hash", r.Panel.SnapshotHash);
            if (r.Build is { } build)
            {
                w.WriteNumber("build_run_id", build.RunId);
                w.WriteString("build_commit", build.Commit);
                w.WriteBoolean("build_code_dirty", build.Dirty);
            }
            else w.WriteNull("build_run_id");
            w.WriteString("panel_table", r.Panel.Table);
            w.WriteNumber("panel_rows", r.Panel.RowCount);
            w.WriteString("specification_sha256", r.Spec.Hash);
            w.WriteNumber("seed", r.Seed);
            w.WriteNumber("bootstrap_reps", r.Mediation?.Draws.Reps ?? 0);
            w.WriteString("tool_version", ToolVersion.Current);
            w.WriteString("commit", ToolVersion.Commit);
            w.WriteBoolean("code_dirty", ToolVersion.Dirty);
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
