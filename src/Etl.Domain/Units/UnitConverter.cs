namespace Etl.Domain.Units;

/// <summary>
/// Conversion of the units Chinese statistical sources print into the catalogue units of
/// <c>mappings/variables.csv</c>. Factors are exact decimals, so 12,345,678 万元 becomes exactly
/// 1,234.5678 亿元 before the one conversion to double.
/// </summary>
public static class UnitConverter
{
    private static readonly Dictionary<(string Catalogue, string Printed), decimal> s_factors = new()
    {
        [("100m_yuan", "亿元")] = 1m, [("100m_yuan", "万元")] = 0.0001m, [("100m_yuan", "万亿元")] = 10000m, [("100m_yuan", "元")] = 0.00000001m,
        [("10k_yuan", "万元")] = 1m, [("10k_yuan", "亿元")] = 10000m, [("10k_yuan", "万亿元")] = 100000000m, [("10k_yuan", "元")] = 0.0001m, [("10k_yuan", "千元")] = 0.1m,
        [("yuan_per_person", "元")] = 1m, [("yuan_per_person", "万元")] = 10000m,
        [("10k_persons", "万人")] = 1m, [("10k_persons", "人")] = 0.0001m, [("10k_persons", "千人")] = 0.1m,
        [("persons", "人")] = 1m, [("persons", "万人")] = 10000m, [("persons", "千人")] = 1000m,
        [("entities", "户")] = 1m, [("entities", "万户")] = 10000m, [("entities", "个")] = 1m, [("entities", "万个")] = 10000m,
        [("entities", "家")] = 1m, [("entities", "万家")] = 10000m,
        [("percent", "%")] = 1m, [("percent", "ratio")] = 100m,
        [("10k_persons", "百万人")] = 100m, [("100m_yuan", "千元")] = 0.00001m,
    };

    /// <summary>Units that can be converted to <paramref name="catalogueUnit"/>.</summary>
    public static IEnumerable<string> PrintedUnitsOf(string catalogueUnit) =>
        s_factors.Keys.Where(k => k.Catalogue == catalogueUnit).Select(k => k.Printed);

    /// <summary>The factor from <paramref name="printedUnit"/> to <paramref name="catalogueUnit"/>, or null when they do not convert.</summary>
    public static decimal? Factor(string catalogueUnit, string printedUnit) =>
        s_factors.TryGetValue((catalogueUnit, Normalize(printedUnit)), out var f) ? f : null;

    /// <summary>Converts a printed number; throws when the units do not convert.</summary>
    public static double Convert(decimal printed, string printedUnit, string catalogueUnit) =>
        (double)(printed * (Factor(catalogueUnit, printedUnit)
            ?? throw new ArgumentException($"cannot convert {printedUnit} to {catalogueUnit}")));

    /// <summary>Canonical spelling of a printed unit (full-width percent, 百分比).</summary>
    public static string Normalize(string unit) => unit.Trim() switch
    {
        "％" or "百分比" or "百分点" or "percent" or "%." => "%",
        "比率" or "比例" => "ratio",
        "人民币元" => "元",
        "万元人民币" => "万元",
        "亿元人民币" => "亿元",
        var u => u,
    };
}
