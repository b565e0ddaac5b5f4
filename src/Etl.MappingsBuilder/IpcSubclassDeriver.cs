namespace Etl.MappingsBuilder;

/// <summary>
/// The IPC subclasses known to the WIPO IPC-technology concordance (Schmoch 2008, reconstructed at subclass
/// level), with their technology field. A subclass split across fields by main group gets the field of its
/// unrestricted row, else of its first row.
/// </summary>
internal static class IpcSubclassDeriver
{
    public static List<string[]> Derive(string concordanceCsv) =>
        ReferenceCsv.Read(concordanceCsv)
            .GroupBy(r => r["ipc_subclass"], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var row = g.FirstOrDefault(r => r["group_restriction"].Length == 0) ?? g.First();
                var note = string.Join("; ", g.Select(r => r["note"]).Where(n => n.Length > 0).Distinct());
                return new[] { g.Key, row["field_no"], row["field_en"], g.Count() > 1 ? "split by main group" + (note.Length > 0 ? "; " + note : "") : note };
            })
            .ToList();
}
