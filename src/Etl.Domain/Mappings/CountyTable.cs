namespace Etl.Domain.Mappings;

/// <summary>
/// A county-level unit (district, county, county-level city, banner) and the prefecture-level unit it
/// belonged to for a span of years. <see cref="PrefectureCode"/> is null for units administered directly by
/// the province (e.g. 仙桃市 429004).
/// </summary>
public sealed record CountyRecord(CityCode Code, string Name, CityCode? PrefectureCode, CityCode ProvinceCode, int ValidFrom, int ValidTo)
{
    /// <summary>Whether the record was in force (at year end) in <paramref name="year"/>.</summary>
    public bool ValidIn(int year) => year >= ValidFrom && year <= ValidTo;
}

/// <summary>The county-level table (<c>counties.csv</c>), used to place addresses that name only a county or district.</summary>
public sealed class CountyTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "counties.csv";

    private readonly Dictionary<string, List<CountyRecord>> _byName;

    private CountyTable(List<CountyRecord> rows)
    {
        All = rows;
        _byName = rows.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>All records.</summary>
    public IReadOnlyList<CountyRecord> All { get; }

    /// <summary>Every record that ever carried <paramref name="name"/>.</summary>
    public IReadOnlyList<CountyRecord> Named(string name) => _byName.TryGetValue(name, out var l) ? l : [];

    /// <summary>Loads and validates the table against provinces and cities.</summary>
    public static CountyTable Load(string directory, ProvinceTable provinces, CityTable cities)
    {
        var rows = new List<CountyRecord>();
        var spans = new Dictionary<CityCode, List<(int From, int To)>>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "code", "name", "prefecture_code", "province_code", "valid_from", "valid_to"))
        {
            var code = r.Code("code");
            if (!code.IsCountyLevel) throw r.Error($"{code} is not a county-level code");
            var province = r.Code("province_code");
            if (provinces.Find(province) is null) throw r.Error($"unknown province {province}");
            if (code.Province != province) throw r.Error($"code {code} lies outside province {province}");
            var from = r.Int("valid_from");
            var to = r.Int("valid_to");
            if (from > to) throw r.Error($"valid_from {from} is after valid_to {to}");
            var prefecture = r.OptionalCode("prefecture_code");
            if (prefecture is { } p)
            {
                var city = cities.Find(p) ?? throw r.Error($"unknown prefecture {p}");
                if (from < city.ValidFrom || to > city.ValidTo)
                    throw r.Error($"belongs to {p} in {from}-{to}, but {p} exists only in {city.ValidFrom}-{city.ValidTo}");
            }
            if (!spans.TryGetValue(code, out var list)) spans[code] = list = [];
            if (list.Any(s => s.From <= to && from <= s.To)) throw r.Error($"code {code} has overlapping validity");
            list.Add((from, to));
            rows.Add(new CountyRecord(code, r.Text("name"), prefecture, province, from, to));
        }
        return new CountyTable(rows);
    }
}
