using System.Globalization;

namespace Etl.MappingsBuilder;

/// <summary>NACE divisions with their sector, the IPC → division concordance rows, and what the audit decided.</summary>
internal sealed record IndustryRows(List<string[]> Industries, List<string[]> Concordance, List<string> Notes);

/// <summary>
/// The IPC → NACE Rev.2 division concordance, from two public sources:
/// <list type="number">
/// <item>class level: the Fraunhofer ISI IPC(3-digit) × NACE concordance; a class belongs to the division with
/// the largest share of its patents (ties: lowest division code);</item>
/// <item>finer where the WIPO IPC-technology concordance (35 fields) splits a class: a class whose subclasses lie
/// in several fields, or a subclass split by main group, is audited, and each part may take the division of its
/// own field (the field's largest division in Fraunhofer's field × NACE concordance). Where that is NACE 26 for
/// field 1 (electrical machinery, apparatus, energy), the part takes the field's largest real-economy division
/// (27, electrical equipment): NACE 26 there counts who files (electronics groups), not what the technology is,
/// and cables, batteries, switches and lamps are electrical equipment. A part is written only where its
/// division is a real-economy one that differs from the class's: a field's NACE 26 never makes a real class
/// digital. G16 (ICT adapted to application fields) is kept whole: WIPO places its subclasses by application,
/// but every one of them is information technology.</item>
/// </list>
/// Sectors: real economy = NACE 01-09, 10-33 except 26, 35-39, 41-43, 49-53; digital = 26, 61, 62, 63; other = the rest.
/// </summary>
internal static class IndustryDeriver
{
    /// <summary>Field 1 of the WIPO concordance: electrical machinery, apparatus, energy.</summary>
    private const string ElectricalMachinery = "W35F01";

    /// <summary>Classes kept whole whatever the field concordance says, with the reason.</summary>
    private static readonly Dictionary<string, string> s_keptWhole = new(StringComparer.Ordinal)
    {
        ["G16"] = "ICT specially adapted for application fields: information technology in every subclass",
    };

    public static IndustryRows Derive(string classCsv, string fieldCsv, string subclassCsv)
    {
        var rows = ReferenceCsv.Read(classCsv);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows) labels[r["nace_rev2_division"]] = r["nace_label"];
        var industries = labels.Select(kv => new[] { kv.Key, kv.Value, Sector(kv.Key) }).ToList();

        var byClass = rows.GroupBy(r => r["ipc_class3"], StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => Best(g.Select(r => (r["nace_rev2_division"], r["share"]))), StringComparer.Ordinal);
        var byField = ReferenceCsv.Read(fieldCsv).GroupBy(r => r["wipo35_code"], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => (r["nace_rev2_division"], r["share"])).ToList(), StringComparer.Ordinal);

        var concordance = byClass.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new[] { kv.Key, kv.Value.Division, kv.Value.Share, "class" }).ToList();
        var notes = new List<string>();
        var parts = ReferenceCsv.Read(subclassCsv)
            .Select(r => (Subclass: r["ipc_subclass"], Field: $"W35F{int.Parse(r["field_no"], CultureInfo.InvariantCulture):D2}", Restriction: r["group_restriction"]))
            .ToList();
        foreach (var cls in parts.GroupBy(p => p.Subclass[..3], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var split = cls.Select(p => p.Field).Distinct().Count() > 1;
            if (!split || !byClass.TryGetValue(cls.Key, out var classBest)) continue;
            if (s_keptWhole.TryGetValue(cls.Key, out var why))
            {
                notes.Add($"IPC class {cls.Key} is split across WIPO fields but kept whole: {why}");
                continue;
            }
            var decided = new List<string>();
            foreach (var part in cls.OrderBy(p => p.Subclass, StringComparer.Ordinal).ThenBy(p => p.Restriction, StringComparer.Ordinal))
            {
                if (!byField.TryGetValue(part.Field, out var shares)) continue;
                var field = Best(shares);
                if (field.Division == "26" && part.Field == ElectricalMachinery) field = Best(shares.Where(s => Sector(s.Item1) == "real"));
                var keys = Keys(part.Subclass, part.Restriction, notes);
                // A part moves to its field's division only into the real economy: from a digital class (cables
                // under H01), or to another real division (A61K8 cosmetics, chemicals, under pharmaceutical A61K). A
                // field's NACE 26 never makes a real class digital: there it counts who files, not the technology.
                if (keys.Count == 0 || field.Division == classBest.Division || Sector(field.Division) != "real") continue;
                foreach (var key in keys) concordance.Add([key, field.Division, field.Share, $"{(key.Length == 4 ? "subclass" : "group")} {part.Field}"]);
                decided.Add($"{string.Join(" ", keys)} → {field.Division} ({Sector(field.Division)}, WIPO {part.Field})");
            }
            notes.Add(decided.Count == 0
                ? $"IPC class {cls.Key} ({classBest.Division}) is split across WIPO fields {string.Join(", ", cls.Select(p => p.Field).Distinct())}; every part's field gives the class's division, so the class row stands"
                : $"IPC class {cls.Key} ({classBest.Division}, {Sector(classBest.Division)}) mapped finer: {string.Join("; ", decided)}");
        }
        // Subclasses split by main group within one class are audited the same way (handled above when their
        // class spans several fields); a subclass that is the class's only field keeps the class row.
        return new IndustryRows(industries, concordance.OrderBy(r => r[0], StringComparer.Ordinal).ToList(), notes.Distinct().ToList());
    }

    /// <summary>
    /// The keys of a part: the subclass, or subclass plus main group for a WIPO row restricted to groups
    /// ("8" gives A61K8; "45,46,47" gives B01D45, B01D46, B01D47). An "except" row is the subclass itself (the
    /// group rows override it); a part described in words only ("part") cannot be keyed and is noted.
    /// </summary>
    private static List<string> Keys(string subclass, string restriction, List<string> notes)
    {
        if (restriction.Length == 0 || restriction.StartsWith("except", StringComparison.Ordinal)) return [subclass];
        var groups = restriction.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (groups.All(g => g.All(char.IsAsciiDigit))) return groups.Select(g => subclass + g).ToList();
        notes.Add($"{subclass} is split by main group ('{restriction}') without a list of groups: its class row stands");
        return [];
    }

    private static (string Division, string Share) Best(IEnumerable<(string Division, string Share)> shares) =>
        shares.OrderByDescending(s => double.Parse(s.Share, CultureInfo.InvariantCulture)).ThenBy(s => s.Division, StringComparer.Ordinal).First();

    public static string Sector(string division)
    {
        var d = int.Parse(division, CultureInfo.InvariantCulture);
        if (d is 26 or 61 or 62 or 63) return "digital";
        if (d is >= 1 and <= 9 or >= 10 and <= 33 or >= 35 and <= 39 or >= 41 and <= 43 or >= 49 and <= 53) return "real";
        return "other";
    }
}
