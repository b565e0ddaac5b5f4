namespace Etl.Domain.Mappings;

/// <summary>A prefecture-level unit or municipality as it existed at some time in the panel window.</summary>
public sealed record CityRecord(
    CityCode Code,
    string Name,
    string ShortName,
    UnitKind Kind,
    CityCode ProvinceCode,
    string ProvinceName,
    Region Region,
    Region4 Region4,
    int ValidFrom,
    int ValidTo,
    double Longitude,
    double Latitude,
    HuSide HuSide,
    string CoordinateNote)
{
    /// <summary>Cities and municipalities form the panel universe; 地区, 自治州 and 盟 do not.</summary>
    public bool IsPanelUniverse => Kind is UnitKind.City or UnitKind.Municipality;

    /// <summary>Whether the unit existed (at year end) in <paramref name="year"/>.</summary>
    public bool ValidIn(int year) => year >= ValidFrom && year <= ValidTo;
}

/// <summary>A name under which a city appears in sources, valid for a span of years.</summary>
public sealed record CityAlias(string Alias, CityCode Code, int ValidFrom, int ValidTo, string Kind)
{
    /// <summary>Whether the alias designated the city in <paramref name="year"/>.</summary>
    public bool ValidIn(int year) => year >= ValidFrom && year <= ValidTo;
}

/// <summary>The city table (<c>cities.csv</c>) and its aliases (<c>city_aliases.csv</c>).</summary>
public sealed class CityTable
{
    /// <summary>File name of the city table.</summary>
    public const string FileName = "cities.csv";

    /// <summary>File name of the alias table.</summary>
    public const string AliasFileName = "city_aliases.csv";

    private readonly Dictionary<CityCode, CityRecord> _byCode;
    private readonly Dictionary<string, List<CityAlias>> _byAlias;

    private CityTable(List<CityRecord> cities, List<CityAlias> aliases)
    {
        All = cities;
        Aliases = aliases;
        _byCode = cities.ToDictionary(c => c.Code);
        _byAlias = aliases.GroupBy(a => a.Alias, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>All units in code order.</summary>
    public IReadOnlyList<CityRecord> All { get; }

    /// <summary>All aliases.</summary>
    public IReadOnlyList<CityAlias> Aliases { get; }

    /// <summary>The unit with <paramref name="code"/>, or null.</summary>
    public CityRecord? Find(CityCode code) => _byCode.GetValueOrDefault(code);

    /// <summary>The unit with <paramref name="code"/>; throws when unknown.</summary>
    public CityRecord Get(CityCode code) =>
        _byCode.TryGetValue(code, out var c) ? c : throw new KeyNotFoundException($"unknown city code {code}");

    /// <summary>Units whose alias <paramref name="name"/> was valid in <paramref name="year"/> (empty when none).</summary>
    public IReadOnlyList<CityCode> Resolve(string name, int year)
    {
        if (!_byAlias.TryGetValue(name, out var list)) return [];
        return list.Where(a => a.ValidIn(year)).Select(a => a.Code).Distinct().ToList();
    }

    /// <summary>Units that ever carried the alias <paramref name="name"/>, whatever the year.</summary>
    public IReadOnlyList<CityAlias> AliasesNamed(string name) =>
        _byAlias.TryGetValue(name, out var list) ? list : [];

    /// <summary>Loads both tables and checks them against the provinces.</summary>
    public static CityTable Load(string directory, ProvinceTable provinces)
    {
        var cities = new List<CityRecord>();
        var seen = new HashSet<CityCode>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName),
                     "code", "name", "short_name", "kind", "province_code", "province", "region", "region4",
                     "valid_from", "valid_to", "lon", "lat", "hu_side", "coord_note"))
        {
            var code = r.Code("code");
            if (!seen.Add(code)) throw r.Error($"duplicate city code {code}");
            if (!MappingNames.TryParseKind(r.Text("kind"), out var kind)) throw r.Error($"unknown kind '{r["kind"]}'");
            if (kind == UnitKind.Municipality ? !code.IsProvinceLevel : !code.IsPrefectureLevel)
                throw r.Error($"code {code} does not fit kind {r["kind"]}");
            var provinceCode = r.Code("province_code");
            var province = provinces.Find(provinceCode) ?? throw r.Error($"unknown province {provinceCode}");
            if (province.Code != code.Province) throw r.Error($"code {code} lies outside province {provinceCode}");
            if (!MappingNames.TryParseRegion(r.Text("region"), out var region)) throw r.Error($"unknown region '{r["region"]}'");
            if (!MappingNames.TryParseRegion4(r.Text("region4"), out var region4)) throw r.Error($"unknown region4 '{r["region4"]}'");
            if (region != province.Region || region4 != province.Region4) throw r.Error($"region disagrees with province {province.Name}");
            var from = r.Int("valid_from");
            var to = r.Int("valid_to");
            if (from > to) throw r.Error($"valid_from {from} is after valid_to {to}");
            var lon = r.Double("lon");
            var lat = r.Double("lat");
            if (lon is < 73 or > 136 || lat is < 3 or > 54) throw r.Error($"coordinates ({lon}, {lat}) lie outside China");
            if (!MappingNames.TryParseHuSide(r.Text("hu_side"), out var hu)) throw r.Error($"unknown hu_side '{r["hu_side"]}'");
            cities.Add(new CityRecord(code, r.Text("name"), r.Text("short_name"), kind, provinceCode, r.Text("province"),
                region, region4, from, to, lon, lat, hu, r["coord_note"]));
        }

        var byCode = cities.ToDictionary(c => c.Code);
        var aliases = new List<CityAlias>();
        var seenAlias = new HashSet<(string, CityCode, int)>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, AliasFileName), "alias", "code", "valid_from", "valid_to", "kind"))
        {
            var code = r.Code("code");
            if (!byCode.TryGetValue(code, out var city)) throw r.Error($"alias points to unknown city {code}");
            var from = r.Int("valid_from");
            var to = r.Int("valid_to");
            if (from > to) throw r.Error($"valid_from {from} is after valid_to {to}");
            if (from < city.ValidFrom || to > city.ValidTo) throw r.Error($"alias validity {from}-{to} exceeds the city's {city.ValidFrom}-{city.ValidTo}");
            var alias = new CityAlias(r.Text("alias"), code, from, to, r.Text("kind"));
            if (!seenAlias.Add((alias.Alias, code, from))) throw r.Error($"duplicate alias '{alias.Alias}' for {code}");
            // Two cities may not answer to the same name in the same year: a source naming it would be ambiguous.
            foreach (var other in aliases.Where(a => a.Alias == alias.Alias && a.Code != code))
                if (other.ValidFrom <= to && from <= other.ValidTo)
                    throw r.Error($"alias '{alias.Alias}' names both {other.Code} and {code} in overlapping years");
            aliases.Add(alias);
        }
        return new CityTable(cities, aliases);
    }
}
