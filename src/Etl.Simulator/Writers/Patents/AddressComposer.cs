using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Patents;

/// <summary>
/// Applicant addresses as exports carry them: province + prefecture + county + street, without the
/// province, without the county, only a county-level city or district (when its name is unique that year),
/// short forms, and the former name of a renamed city. Every form is one the geocoding rules in the
/// patent stage's README resolve to the intended unit.
/// </summary>
internal sealed class AddressComposer
{
    private static readonly string[] s_roads = ["人民路", "建设大道", "科技园路", "高新大道", "解放路", "创新路", "工业园区纬二路", "长江路", "和平街", "文化路", "开发区东环路", "学府路"];

    private readonly MappingSet _m;
    private readonly Dictionary<(int Unit, int Year), List<string>> _counties = [];
    private readonly Dictionary<int, HashSet<string>> _uniqueCounties = [];
    private readonly Dictionary<int, List<string>> _ambiguousDistricts = [];
    private readonly Dictionary<(int Province, int Year), HashSet<string>> _uniqueInProvince = [];
    private readonly HashSet<string> _blockingPrefixes;

    public AddressComposer(MappingSet m)
    {
        _m = m;
        _blockingPrefixes = m.Provinces.All.SelectMany(p => new[] { p.Name, p.ShortName })
            .Concat(m.Cities.Aliases.Select(a => a.Alias)).ToHashSet(StringComparer.Ordinal);
        for (var year = PanelYears.First; year <= PanelYears.Last; year++)
        {
            var valid = m.Counties.All.Where(c => c.ValidIn(year)).ToList();
            foreach (var c in valid)
            {
                var unit = (c.PrefectureCode ?? c.Code).Value;
                if (!_counties.TryGetValue((unit, year), out var list)) _counties[(unit, year)] = list = [];
                list.Add(c.Name);
            }
            var byName = valid.GroupBy(c => c.Name, StringComparer.Ordinal).ToList();
            _uniqueCounties[year] = byName.Where(g => g.Count() == 1 && !Blocked(g.Key)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            _ambiguousDistricts[year] = byName.Where(g => g.Count() > 1 && g.Key.EndsWith('区') && !Blocked(g.Key)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
            foreach (var g in valid.GroupBy(c => (c.ProvinceCode.Value, c.Name)))
                if (g.Count() == 1)
                {
                    if (!_uniqueInProvince.TryGetValue((g.Key.Value, year), out var set)) _uniqueInProvince[(g.Key.Value, year)] = set = new HashSet<string>(StringComparer.Ordinal);
                    set.Add(g.Key.Name);
                }
        }
    }

    /// <summary>A name that begins with a province or prefecture name could be read as that name first.</summary>
    private bool Blocked(string county)
    {
        for (var len = 2; len < county.Length; len++)
            if (_blockingPrefixes.Contains(county[..len])) return true;
        return false;
    }

    private static string Street(Prng rng) => $"{rng.Pick(s_roads)}{rng.Between(1, 999)}号";

    /// <summary>Shares of the address forms of <see cref="Located"/>, in order.</summary>
    private static readonly double[] s_formShares = [0.45, 0.15, 0.10, 0.08, 0.12, 0.05, 0.05];

    /// <summary>An address that places the applicant in <paramref name="unit"/> (a prefecture-level or province-direct unit).</summary>
    public string Located(Prng rng, int unit, int year)
    {
        var counties = _counties.GetValueOrDefault((unit, year)) ?? [];
        var province = _m.Provinces.Find(new CityCode(unit / 10000 * 10000))!;
        var city = _m.Cities.Find(new CityCode(unit));
        if (city is null)
        {
            // A county-level unit administered by the province: it is its own county name.
            var self = _m.Counties.All.First(c => c.Code.Value == unit && c.ValidIn(year)).Name;
            return $"{province.Name}{self}{Street(rng)}";
        }
        var county = counties.Count > 0 ? rng.Pick(counties) : "";
        if (city.Kind == UnitKind.Municipality)
            return !rng.Chance(0.85) && _uniqueCounties[year].Contains(county) ? $"{county}{Street(rng)}" : $"{city.Name}{county}{Street(rng)}";

        var cityName = city.Name;
        if (unit == 420600 && year <= 2012 && rng.Chance(0.3)) cityName = "襄樊市";
        var form = rng.PickWeighted(s_formShares);
        return form switch
        {
            0 => $"{(rng.Chance(0.08) ? "中国" : "")}{province.Name}{cityName}{county}{Street(rng)}",
            1 => $"{cityName}{county}{Street(rng)}",
            2 => $"{province.Name}{cityName}{Street(rng)}",
            3 => $"{province.ShortName}{city.ShortName}{county}{Street(rng)}",
            4 when county.Length > 0 && _uniqueCounties[year].Contains(county) => $"{county}{Street(rng)}",
            5 when county.Length > 0 && _uniqueInProvince.TryGetValue((province.Code.Value, year), out var set) && set.Contains(county) && !Blocked(county) => $"{province.Name}{county}{Street(rng)}",
            _ => $"{province.Name}{cityName}{county}{Street(rng)}",
        };
    }

    /// <summary>An address naming a province but no city: it cannot be placed.</summary>
    public string Unresolvable(Prng rng)
    {
        var p = rng.Pick(_m.Provinces.All.Where(p => p.Code.Value is not (110000 or 120000 or 310000 or 500000)).ToList());
        return $"{p.Name}{Street(rng)}";
    }

    /// <summary>An address naming only a district whose name several prefectures use.</summary>
    public string Ambiguous(Prng rng, int year) => $"{rng.Pick(_ambiguousDistricts[year])}{Street(rng)}";

    private static readonly string[] s_foreign =
        ["美国加利福尼亚州圣克拉拉市", "美国纽约州阿蒙克", "日本东京都港区", "日本大阪府门真市", "韩国京畿道水原市", "德国慕尼黑", "瑞士巴塞尔", "荷兰埃因霍温", "瑞典斯德哥尔摩", "法国巴黎", "英国伦敦", "芬兰埃斯波", "新加坡"];

    private static readonly string[] s_hmt = ["香港九龙尖沙咀", "中国香港新界沙田", "台湾省新竹市", "中国台湾台北市", "澳门特别行政区", "中国澳门"];

    public string Foreign(Prng rng) => rng.Pick(s_foreign) + Street(rng);

    public string HongKongMacaoTaiwan(Prng rng) => rng.Pick(s_hmt) + Street(rng);
}
