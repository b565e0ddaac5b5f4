namespace Etl.Simulator.Publishing;

/// <summary>What the sources of one city-year say and how: which page and cells exist, units, revisions.</summary>
internal sealed class CityYearPlan
{
    /// <summary>The city publishes a bulletin for the year (and it is in the corpus).</summary>
    public bool PageExists { get; set; } = true;

    public bool StatesGdpPerCapita { get; set; } = true;
    public bool StatesEntities { get; set; } = true;
    public bool StatesStructure { get; set; }
    public bool StatesSei { get; set; } = true;
    public bool StatesEmployment { get; set; } = true;

    /// <summary>The page gives two different revenue figures for strategic emerging industries.</summary>
    public bool SeiAmbiguous { get; set; }

    /// <summary>Unit the page prints the revenue in: 亿元, 万元 or 万亿元.</summary>
    public string SeiUnit { get; set; } = "亿元";

    /// <summary>Unit of the employment figure: 万人 or 人.</summary>
    public string EmploymentUnit { get; set; } = "万人";

    /// <summary>Unit of new market entities: 户 or 万户.</summary>
    public string EntitiesUnit { get; set; } = "户";

    /// <summary>Bulletin GDP per capita relative to the yearbook's (preliminary figures differ).</summary>
    public double GdpPerCapitaPreliminary { get; set; } = 1;

    /// <summary>Bulletin GDP relative to the yearbook's.</summary>
    public double GdpPreliminary { get; set; } = 1;

    /// <summary>Bulletin resident population relative to the yearbook's (years the yearbook reports it).</summary>
    public double PopulationRevision { get; set; } = 1;

    /// <summary>Yearbook variables whose cell is blank or marked missing.</summary>
    public HashSet<string> YearbookMissing { get; } = new(StringComparer.Ordinal);
}
