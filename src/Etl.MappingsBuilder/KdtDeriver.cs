using System.Globalization;
using Etl.Domain.Ipc;
using Etl.Domain.Mappings;

namespace Etl.MappingsBuilder;

/// <summary>The KDT branches and their patterns, with within-branch duplicates and shadowed patterns removed.</summary>
internal sealed record KdtRows(List<string[]> Branches, List<string[]> Patterns, List<string> Notes);

internal static class KdtDeriver
{
    public static KdtRows Derive(string wideCsv)
    {
        var branches = new List<string[]>();
        var patterns = new List<string[]>();
        var notes = new List<string>();
        var id = 0;
        foreach (var row in ReferenceCsv.Read(wideCsv))
        {
            id++;
            var techId = int.Parse(row["system_no"], CultureInfo.InvariantCulture);
            var tech = KdtTable.Technologies.Single(t => t.Id == techId);
            if (tech.NameZh != row["system"]) throw new InvalidDataException($"branch {row["branch_no"]}: system {techId} is not {row["system"]}");
            var keywords = row["keywords"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.Ordinal).ToList();
            branches.Add([Str(id), Str(techId), tech.NameZh, row["branch_no"], row["branch_name"], row["depth"], string.Join(";", keywords)]);

            var kept = new List<IpcPattern>();
            foreach (var text in row["ipc_patterns"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IpcPattern.TryParse(text, out var p)) throw new InvalidDataException($"branch {row["branch_no"]}: malformed IPC pattern '{text}'");
                if (kept.Any(k => k.Text == p.Text)) { notes.Add($"branch {row["branch_no"]}: repeated pattern {p} dropped"); continue; }
                var cover = kept.FirstOrDefault(k => k.Covers(p));
                if (cover is not null) { notes.Add($"branch {row["branch_no"]}: {p} dropped, covered by {cover}"); continue; }
                var covered = kept.Where(k => p.Covers(k)).ToList();
                foreach (var k in covered) notes.Add($"branch {row["branch_no"]}: {k} dropped, covered by {p}");
                kept.RemoveAll(covered.Contains);
                kept.Add(p);
            }
            foreach (var p in kept) patterns.Add([Str(id), p.Text]);
        }
        return new KdtRows(branches, patterns, notes);
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
