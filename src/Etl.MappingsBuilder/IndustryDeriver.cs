using System.Globalization;

namespace Etl.MappingsBuilder;

/// <summary>NACE divisions with their sector, and each IPC class's dominant division.</summary>
internal sealed record IndustryRows(List<string[]> Industries, List<string[]> Concordance);

/// <summary>
/// From the Fraunhofer ISI IPC(3-digit) × NACE Rev.2 concordance: an IPC class belongs to the division
/// with the largest share of its patents (ties: lowest division code). Sectors: real economy = NACE
/// 01-09, 10-33 except 26, 35-39, 41-43, 49-53; digital = 26, 61, 62, 63; other = the rest.
/// </summary>
internal static class IndustryDeriver
{
    public static IndustryRows Derive(string concordanceCsv)
    {
        var rows = ReferenceCsv.Read(concordanceCsv);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows) labels[r["nace_rev2_division"]] = r["nace_label"];
        var industries = labels.Select(kv => new[] { kv.Key, kv.Value, Sector(kv.Key) }).ToList();

        var concordance = rows
            .GroupBy(r => r["ipc_class3"], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var best = g.OrderByDescending(r => double.Parse(r["share"], CultureInfo.InvariantCulture))
                    .ThenBy(r => r["nace_rev2_division"], StringComparer.Ordinal).First();
                return new[] { g.Key, best["nace_rev2_division"], best["share"] };
            })
            .ToList();
        return new IndustryRows(industries, concordance);
    }

    public static string Sector(string division)
    {
        var d = int.Parse(division, CultureInfo.InvariantCulture);
        if (d is 26 or 61 or 62 or 63) return "digital";
        if (d is >= 1 and <= 9 or >= 10 and <= 33 or >= 35 and <= 39 or >= 41 and <= 43 or >= 49 and <= 53) return "real";
        return "other";
    }
}
