using Etl.Domain;
using Etl.Domain.Mappings;

namespace Etl.Simulator.World;

/// <summary>Why the simulated world keeps a city out of the balanced panel.</summary>
internal enum MissingDataPattern
{
    /// <summary>Reports every key variable (panel city, or dropped for an administrative event).</summary>
    None,

    /// <summary>The bulletins never state the revenue of strategic emerging industries.</summary>
    NeverReportsSei,

    /// <summary>The bulletins stop stating it for longer than interpolation bridges.</summary>
    LongGap,

    /// <summary>The bulletins start stating it only after the first panel years.</summary>
    LateStart,

    /// <summary>Revenue is reported but employment in strategic emerging industries never is.</summary>
    NoEmployment,
}

/// <summary>A prefecture-level unit of the simulated world.</summary>
internal sealed class SimUnit
{
    public required int Index { get; init; }

    public required CityRecord City { get; init; }

    public required string EnglishName { get; init; }

    /// <summary>0 ordinary city, 1 provincial capital or major city, 2 national centre.</summary>
    public required int Tier { get; init; }

    /// <summary>Log of the 2010 resident population in 10k persons.</summary>
    public required double Size { get; init; }

    /// <summary>Development level: log of 2010 GDP per capita relative to 30,000 yuan.</summary>
    public required double Development { get; init; }

    /// <summary>First year in the panel window in which the unit exists.</summary>
    public int FirstYear => Math.Max(City.ValidFrom, PanelYears.First);

    /// <summary>Last year in the panel window in which the unit exists.</summary>
    public int LastYear => Math.Min(City.ValidTo, PanelYears.Last);

    /// <summary>Cities and municipalities: the units that have yearbook rows and bulletins.</summary>
    public bool IsUniverse => City.IsPanelUniverse;

    /// <summary>The event that removes it from the panel, when one does.</summary>
    public AdminEvent? DroppingEvent { get; set; }

    /// <summary>The missing-data pattern that removes it, when one does.</summary>
    public MissingDataPattern Missing { get; set; }

    /// <summary>Whether the city ends up in the balanced panel.</summary>
    public bool InPanel => IsUniverse && DroppingEvent is null && Missing == MissingDataPattern.None
        && FirstYear == PanelYears.First && LastYear == PanelYears.Last;

    /// <summary>Whether the unit exists in <paramref name="year"/>.</summary>
    public bool ExistsIn(int year) => year >= FirstYear && year <= LastYear;

    public override string ToString() => $"{City.Code} {City.Name}";
}
