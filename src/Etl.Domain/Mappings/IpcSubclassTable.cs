using Etl.Domain.Ipc;

namespace Etl.Domain.Mappings;

/// <summary>An IPC subclass with its WIPO technology field.</summary>
public sealed record IpcSubclass(string Subclass, int Field, string FieldName, string Note);

/// <summary>The IPC subclasses (<c>ipc_subclasses.csv</c>), used to tell real symbols from typos.</summary>
public sealed class IpcSubclassTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "ipc_subclasses.csv";

    private readonly Dictionary<string, IpcSubclass> _bySubclass;

    private IpcSubclassTable(List<IpcSubclass> rows)
    {
        All = rows;
        _bySubclass = rows.ToDictionary(r => r.Subclass, StringComparer.Ordinal);
    }

    /// <summary>All subclasses in order.</summary>
    public IReadOnlyList<IpcSubclass> All { get; }

    /// <summary>Whether the subclass is known.</summary>
    public bool Contains(string subclass) => _bySubclass.ContainsKey(subclass);

    /// <summary>Loads and validates the table.</summary>
    public static IpcSubclassTable Load(string directory)
    {
        var rows = new List<IpcSubclass>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "subclass", "wipo_field", "wipo_field_name", "note"))
        {
            var s = r.Text("subclass");
            if (!IpcCode.IsSubclass(s)) throw r.Error($"'{s}' is not an IPC subclass");
            if (!seen.Add(s)) throw r.Error($"duplicate subclass {s}");
            var field = r.Int("wipo_field");
            if (field is < 1 or > 35) throw r.Error($"WIPO field {field} outside 1-35");
            rows.Add(new IpcSubclass(s, field, r.Text("wipo_field_name"), r["note"]));
        }
        return new IpcSubclassTable(rows);
    }
}
