using Etl.Domain.Mappings;

namespace Etl.Domain.Places;

/// <summary>What a place name designates.</summary>
public enum PlaceNameKind : byte
{
    /// <summary>A province-level unit (full or short name).</summary>
    Province,

    /// <summary>An alias of a prefecture-level unit or municipality.</summary>
    City,

    /// <summary>A county-level unit: district, county, county-level city, banner.</summary>
    County,
}

/// <summary>
/// One meaning of a name: the unit it names, the prefecture-level unit it is counted in (itself for a
/// province, city, or a county-level unit the province administers), its province, the years the name is
/// valid, and the years that counting unit exists.
/// </summary>
public readonly record struct PlaceName(PlaceNameKind Kind, int Code, int Unit, int Province, int From, int To, bool Municipality,
    int UnitFrom, int UnitTo)
{
    /// <summary>Whether the name was in force in <paramref name="year"/>.</summary>
    public bool ValidIn(int year) => year >= From && year <= To;

    /// <summary>Whether the counting unit exists in <paramref name="year"/>.</summary>
    public bool UnitExists(int year) => year >= UnitFrom && year <= UnitTo;
}

/// <summary>
/// Every place name the mappings know (provinces and their short forms, every alias of every prefecture-level
/// unit, every county-level name), each with all its meanings. The one table from which both the place
/// resolver and the address geocoder's automaton are made.
/// </summary>
public sealed class PlaceNames
{
    private readonly Dictionary<string, PlaceName[]> _byName;

    /// <summary>Builds the table from the mappings.</summary>
    public PlaceNames(MappingSet m)
    {
        var entries = new Dictionary<string, List<PlaceName>>(StringComparer.Ordinal);
        var unitYears = new Dictionary<int, (int From, int To)>();
        foreach (var c in m.Cities.All) unitYears[c.Code.Value] = (c.ValidFrom, c.ValidTo);
        foreach (var c in m.Counties.All.Where(c => c.PrefectureCode is null))
        {
            // A province-administered county-level unit is a counting unit of its own.
            var (from, to) = unitYears.GetValueOrDefault(c.Code.Value, (c.ValidFrom, c.ValidTo));
            unitYears[c.Code.Value] = (Math.Min(from, c.ValidFrom), Math.Max(to, c.ValidTo));
        }
        void Add(string name, PlaceNameKind kind, int code, int unit, int province, int from, int to, bool municipality)
        {
            var (uf, ut) = kind == PlaceNameKind.Province ? (0, 9999) : unitYears.GetValueOrDefault(unit, (from, to));
            var meaning = new PlaceName(kind, code, unit, province, from, to, municipality, uf, ut);
            if (!entries.TryGetValue(name, out var list)) entries[name] = list = [];
            if (!list.Contains(meaning)) list.Add(meaning);
        }
        foreach (var p in m.Provinces.All)
        {
            var municipality = m.Cities.Find(p.Code)?.Kind == UnitKind.Municipality;
            foreach (var name in new[] { p.Name, p.ShortName })
                Add(name, PlaceNameKind.Province, p.Code.Value, p.Code.Value, p.Code.Value, 0, 9999, municipality);
        }
        foreach (var a in m.Cities.Aliases)
        {
            var city = m.Cities.Get(a.Code);
            Add(a.Alias, PlaceNameKind.City, a.Code.Value, a.Code.Value, city.ProvinceCode.Value, a.ValidFrom, a.ValidTo, city.Kind == UnitKind.Municipality);
        }
        foreach (var c in m.Counties.All)
            Add(c.Name, PlaceNameKind.County, c.Code.Value, (c.PrefectureCode ?? c.Code).Value, c.ProvinceCode.Value, c.ValidFrom, c.ValidTo, false);
        _byName = entries.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every name with its meanings.</summary>
    public IReadOnlyDictionary<string, PlaceName[]> All => _byName;

    /// <summary>The meanings of <paramref name="name"/> (empty when unknown).</summary>
    public ReadOnlySpan<PlaceName> Of(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>Names of the county-level units counted in <paramref name="prefecture"/> in <paramref name="year"/>.</summary>
    public IEnumerable<string> CountyNamesIn(CityCode prefecture, int year) =>
        _byName.Where(kv => kv.Value.Any(p => p.Kind == PlaceNameKind.County && p.Unit == prefecture.Value && p.Code != p.Unit && p.ValidIn(year)))
            .Select(kv => kv.Key);
}
