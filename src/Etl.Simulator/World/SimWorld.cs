using Etl.Domain;
using Etl.Domain.Mappings;

namespace Etl.Simulator.World;

/// <summary>
/// The simulated world: the real prefecture-level units and administrative history from the mappings,
/// with invented sizes, development levels and data-reporting habits.
/// </summary>
internal sealed class SimWorld
{
    public required MappingSet Mappings { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>Every prefecture-level unit that exists in some panel year (cities, 地区, 自治州, 盟, municipalities).</summary>
    public required IReadOnlyList<SimUnit> Units { get; init; }

    /// <summary>County-level units administered directly by a province (仙桃, 济源, ...), which file patents too.</summary>
    public required IReadOnlyList<CountyRecord> ProvinceDirect { get; init; }

    /// <summary>The cities of the balanced panel, in code order.</summary>
    public IEnumerable<SimUnit> Panel => Units.Where(u => u.InPanel);

    /// <summary>Units with yearbook rows and bulletins.</summary>
    public IEnumerable<SimUnit> Universe => Units.Where(u => u.IsUniverse);

    /// <summary>The unit with <paramref name="code"/>.</summary>
    public SimUnit Unit(CityCode code) => Units.First(u => u.City.Code == code);
}
