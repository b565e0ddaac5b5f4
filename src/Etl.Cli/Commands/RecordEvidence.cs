using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Patents;
using Etl.Warehouse.Lineage;

namespace Etl.Cli.Commands;

/// <summary>
/// Adds to the patent records of a trace what the warehouse does not keep: each record's IPC codes and, per KDT
/// branch, the codes and the keyword that put it there, re-read from the raw export when the file there still
/// holds the bytes the build read. Otherwise the record says why the evidence is not shown.
/// </summary>
internal static class RecordEvidence
{
    public static void Add(TraceNode root, string raw, string mappingsFolder, IReadOnlyDictionary<string, string> builtWith)
    {
        var records = Records(root).ToList();
        if (records.Count == 0) return;
        var (mappings, unusable) = Load(mappingsFolder, builtWith);
        foreach (var file in records.GroupBy(r => (File: Attribute<string>(r, "file"), Sha: Attribute<string>(r, "file_sha256"))))
        {
            var path = Path.Combine(raw, file.Key.File);
            var why = unusable is not null ? unusable
                : !File.Exists(path) ? $"the export is not at {Path.GetFullPath(path)}"
                : FileHash.Sha256(path) != file.Key.Sha ? $"{Path.GetFullPath(path)} has changed since the build read it"
                : null;
            if (why is not null)
            {
                foreach (var r in file) r.With("evidence", $"not shown: {why} (--raw and --mappings name the folders the build read)");
                continue;
            }
            var explained = RecordExplainer.Explain(mappings!, path, file.Select(r => Attribute<long>(r, "line")).ToList(), out var unreadable);
            foreach (var r in file)
            {
                if (!explained.TryGetValue(Attribute<long>(r, "line"), out var e))
                {
                    r.With("evidence", unreadable is null ? "not shown: the line no longer reads as a kept record"
                        : $"not shown: the export cannot be read to its end now ({unreadable})");
                    continue;
                }
                // The branches a keyword confirmed are the record's branches; the others only share its codes.
                var confirmed = e.Branches.Where(b => b.Keyword is not null).ToList();
                r.With("ipc_codes", e.IpcCodes.ToList());
                r.With("evidence", confirmed.Select(b => $"{b.BranchNo} {b.Name}: code {string.Join(" ", b.Codes)}, keyword '{b.Keyword}'").ToList());
                r.With("unconfirmed_branches", e.Branches.Count - confirmed.Count);
            }
        }
    }

    /// <summary>The mappings, when they are the ones the build read (the KDT definition must be the same); else why not.</summary>
    private static (MappingSet? Mappings, string? Why) Load(string folder, IReadOnlyDictionary<string, string> builtWith)
    {
        if (!Directory.Exists(folder)) return (null, $"the mappings folder {Path.GetFullPath(folder)} is not there");
        MappingSet set;
        try
        {
            set = MappingSet.Load(folder);
        }
        catch (MappingValidationException e)
        {
            return (null, $"the mappings folder {Path.GetFullPath(folder)} cannot be read ({e.Message})");
        }
        var differs = set.FileHashes.Where(kv => builtWith.TryGetValue(kv.Key, out var h) && h != kv.Value).Select(kv => kv.Key).ToList();
        return differs.Count > 0 ? (null, $"the mappings in {Path.GetFullPath(folder)} are not the ones the build read ({string.Join(", ", differs)} differ)") : (set, null);
    }

    private static IEnumerable<TraceNode> Records(TraceNode node) =>
        (node.Kind == "record" ? [node] : Enumerable.Empty<TraceNode>()).Concat(node.Inputs.SelectMany(Records));

    private static T Attribute<T>(TraceNode node, string name) => (T)node.Attributes.First(a => a.Name == name).Value!;
}
