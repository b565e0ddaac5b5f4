namespace Etl.Estimation.Panel;

/// <summary>
/// What the estimation may assume about the warehouse: a table or view (default <c>panel</c>), one row per
/// city-year, with these columns. Other columns may exist; the stage reads only these and whatever else a
/// specification names.
/// </summary>
public static class PanelContract
{
    /// <summary>Default name of the panel table or view.</summary>
    public const string DefaultTable = "panel";

    /// <summary>The unit column: 6-digit GB/T 2260 city code, TEXT.</summary>
    public const string Unit = "city_code";

    /// <summary>The time column: calendar year, INTEGER.</summary>
    public const string Time = "year";

    /// <summary>Numeric columns (REAL or INTEGER; NULL is missing).</summary>
    public static readonly IReadOnlyList<string> Numeric =
        ["nq_rev", "nq_emp", "dig_real", "digital_patent", "human", "gdp", "pop", "ent_act", "ind3_share"];

    /// <summary>Categorical columns (TEXT).</summary>
    public static readonly IReadOnlyList<string> Categorical = ["region", "hu_side"];
}
