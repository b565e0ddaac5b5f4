using Etl.Domain.Mappings;

namespace Etl.MappingsBuilder;

/// <summary>
/// Regional classification of provinces. Four regions: NBS 2011 (东部 10, 中部 6, 西部 12, 东北 3).
/// Three regions: the traditional division used when studies say 东中西部 (Liaoning east; Jilin and
/// Heilongjiang central; Inner Mongolia and Guangxi west since the Western Development programme).
/// </summary>
internal static class ProvinceRegions
{
    private static readonly int[] s_east4 = [11, 12, 13, 31, 32, 33, 35, 37, 44, 46];
    private static readonly int[] s_central4 = [14, 34, 36, 41, 42, 43];
    private static readonly int[] s_west4 = [15, 45, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];
    private static readonly int[] s_northeast4 = [21, 22, 23];

    public static bool IsMainland(int prefix) =>
        s_east4.Contains(prefix) || s_central4.Contains(prefix) || s_west4.Contains(prefix) || s_northeast4.Contains(prefix);

    public static Region4 Region4Of(int prefix) =>
        s_east4.Contains(prefix) ? Region4.East
        : s_central4.Contains(prefix) ? Region4.Central
        : s_west4.Contains(prefix) ? Region4.West
        : s_northeast4.Contains(prefix) ? Region4.Northeast
        : throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "not a mainland province");

    public static Region RegionOf(int prefix) => Region4Of(prefix) switch
    {
        Region4.East => Region.East,
        Region4.Central => Region.Central,
        Region4.West => Region.West,
        _ => prefix == 21 ? Region.East : Region.Central,
    };

    /// <summary>Common short form: 河北省 → 河北, 广西壮族自治区 → 广西, 北京市 → 北京.</summary>
    public static string ShortName(string name)
    {
        foreach (var suffix in new[] { "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }
}
