using Etl.Domain.Ipc;

namespace Etl.Domain.Mappings;

/// <summary>
/// A symbol range of an older IPC edition and the current symbol it was moved to, e.g. G06K9/62 (before
/// IPC 2022.01) → G06V10/70 and G06F18/00 region. The matcher tries the new symbols when an old code matches
/// no pattern itself.
/// </summary>
public sealed record IpcReclassification(IpcPattern Old, IReadOnlyList<IpcCode> Replacements, string Edition, string Note);

/// <summary>The reclassification table (<c>ipc_reclassification.csv</c>).</summary>
public sealed class IpcReclassificationTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "ipc_reclassification.csv";

    private IpcReclassificationTable(List<IpcReclassification> rows) => All = rows;

    /// <summary>All rows, most specific first within a subclass.</summary>
    public IReadOnlyList<IpcReclassification> All { get; }

    /// <summary>The replacements for <paramref name="code"/> (most specific rule wins), or empty.</summary>
    public IReadOnlyList<IpcCode> Replace(IpcCode code)
    {
        foreach (var r in All)
            if (r.Old.Matches(code)) return r.Replacements;
        return [];
    }

    /// <summary>Loads and validates the table.</summary>
    public static IpcReclassificationTable Load(string directory)
    {
        var rows = new List<IpcReclassification>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "old_pattern", "new_symbols", "edition", "note"))
        {
            if (!IpcPattern.TryParse(r.Text("old_pattern"), out var old)) throw r.Error($"malformed IPC pattern '{r["old_pattern"]}'");
            var replacements = new List<IpcCode>();
            foreach (var s in r.Text("new_symbols").Split(';', StringSplitOptions.TrimEntries))
            {
                if (!IpcCode.TryParseCanonical(s, out var code)) throw r.Error($"malformed IPC symbol '{s}'");
                replacements.Add(code);
            }
            if (rows.Any(x => x.Old.Text == old.Text)) throw r.Error($"duplicate old pattern {old}");
            rows.Add(new IpcReclassification(old, replacements, r.Text("edition"), r["note"]));
        }
        // Most specific first, so that a subgroup rule wins over its main group's rule.
        rows = rows.OrderBy(x => x.Old.Subclass, StringComparer.Ordinal).ThenByDescending(x => (int)x.Old.Level).ThenBy(x => x.Old.Text, StringComparer.Ordinal).ToList();
        return new IpcReclassificationTable(rows);
    }
}
