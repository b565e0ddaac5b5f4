using System.Globalization;
using Etl.Domain;
using Etl.Domain.Geo;
using Etl.Domain.Mappings;

namespace Etl.MappingsBuilder;

/// <summary>Provinces, prefecture-level units with aliases and coordinates, and county-level units by year.</summary>
internal sealed record CityTables(
    List<ProvinceRecord> Provinces,
    List<CityRecord> Cities,
    List<CityAlias> Aliases,
    List<CountyRecord> Counties,
    List<string> Notes);

internal static class CityDeriver
{
    public static CityTables Derive(IReadOnlyDictionary<int, AreaCodeList> lists, int firstYear, int lastYear,
        IReadOnlyDictionary<int, (double Lon, double Lat)> centres, List<CodeSuccession> successions)
    {
        var notes = new List<string>();
        var years = Enumerable.Range(firstYear, lastYear - firstYear + 1).ToList();
        var last = lists[lastYear];

        var provinces = last.Codes.Where(c => AreaCodeList.IsProvince(c) && ProvinceRegions.IsMainland(c / 10000))
            .Select(c => new ProvinceRecord(new CityCode(c), last.Name(c), ProvinceRegions.ShortName(last.Name(c)),
                ProvinceRegions.RegionOf(c / 10000), ProvinceRegions.Region4Of(c / 10000)))
            .ToList();
        var provinceByCode = provinces.ToDictionary(p => p.Code.Value);

        // Names of each prefecture-level code year by year.
        var namesByCode = new SortedDictionary<int, SortedDictionary<int, string>>();
        foreach (var y in years)
            foreach (var c in lists[y].Codes)
            {
                var isUnit = AreaCodeList.IsPrefecture(c) || (AreaCodeList.IsProvince(c) && AreaCodeList.IsMunicipality(c));
                if (!isUnit || !provinceByCode.ContainsKey(c / 10000 * 10000)) continue;
                if (!namesByCode.TryGetValue(c, out var byYear)) namesByCode[c] = byYear = [];
                byYear[y] = lists[y].Name(c);
            }

        var cities = new List<CityRecord>();
        var aliases = new List<CityAlias>();
        foreach (var (code, byYear) in namesByCode)
        {
            var from = byYear.Keys.Min();
            var to = byYear.Keys.Max();
            if (byYear.Count != to - from + 1) notes.Add($"{code}: gaps in its years of existence");
            var name = byYear[to];
            var province = provinceByCode[code / 10000 * 10000];
            var kind = KindOf(code, name);
            var (lon, lat, note) = Coordinates(code, lists, centres, successions);
            cities.Add(new CityRecord(new CityCode(code), name, PlaceNames.ShortName(name), kind, province.Code, province.Name,
                province.Region, province.Region4, from, to, lon, lat, HuLine.Side(lon, lat), note));

            // One alias row per name span: the official name, its short form, and for 自治州 the "X州" form.
            foreach (var span in Spans(byYear))
            {
                var isCurrent = span.Name == name;
                AddAlias(aliases, span.Name, code, span.From, span.To, isCurrent ? "official" : "former");
                var shortName = PlaceNames.ShortName(span.Name);
                if (shortName != span.Name) AddAlias(aliases, shortName, code, span.From, span.To, isCurrent ? "short" : "former_short");
                if (span.Name.EndsWith("自治州", StringComparison.Ordinal)) AddAlias(aliases, shortName + "州", code, span.From, span.To, "common");
            }
        }

        var counties = new List<CountyRecord>();
        var open = new Dictionary<int, (string Name, int? Pref, int From, int To)>();
        foreach (var y in years)
        {
            var list = lists[y];
            var current = list.Codes.Where(c => c % 100 != 0 && provinceByCode.ContainsKey(c / 10000 * 10000)).ToHashSet();
            foreach (var c in current)
            {
                var row = (Name: list.Name(c), Pref: list.PrefectureOf(c));
                if (open.TryGetValue(c, out var o) && o.Name == row.Name && o.Pref == row.Pref && o.To == y - 1)
                    open[c] = (o.Name, o.Pref, o.From, y);
                else
                {
                    if (open.TryGetValue(c, out var closed)) counties.Add(County(c, closed));
                    open[c] = (row.Name, row.Pref, y, y);
                }
            }
            foreach (var c in open.Keys.Where(c => !current.Contains(c) && open[c].To < y).ToList())
            {
                counties.Add(County(c, open[c]));
                open.Remove(c);
            }
        }
        counties.AddRange(open.Select(kv => County(kv.Key, kv.Value)));
        counties = counties.OrderBy(c => c.Code.Value).ThenBy(c => c.ValidFrom).ToList();
        return new CityTables(provinces, cities, aliases.OrderBy(a => a.Code.Value).ThenBy(a => a.ValidFrom).ThenBy(a => a.Kind, StringComparer.Ordinal).ToList(), counties, notes);
    }

    private static CountyRecord County(int code, (string Name, int? Pref, int From, int To) r) =>
        new(new CityCode(code), r.Name, r.Pref is { } p ? new CityCode(p) : null, new CityCode(code / 10000 * 10000), r.From, r.To);

    private static void AddAlias(List<CityAlias> aliases, string alias, int code, int from, int to, string kind)
    {
        if (aliases.Any(a => a.Alias == alias && a.Code.Value == code && a.ValidFrom == from)) return;
        aliases.Add(new CityAlias(alias, new CityCode(code), from, to, kind));
    }

    private static IEnumerable<(string Name, int From, int To)> Spans(SortedDictionary<int, string> byYear)
    {
        (string Name, int From, int To)? cur = null;
        foreach (var (y, n) in byYear)
        {
            if (cur is { } c && c.Name == n && c.To == y - 1) { cur = (n, c.From, y); continue; }
            if (cur is { } done) yield return done;
            cur = (n, y, y);
        }
        if (cur is { } end) yield return end;
    }

    private static UnitKind KindOf(int code, string name) =>
        AreaCodeList.IsProvince(code) ? UnitKind.Municipality
        : name.EndsWith("自治州", StringComparison.Ordinal) ? UnitKind.AutonomousPrefecture
        : name.EndsWith("地区", StringComparison.Ordinal) ? UnitKind.Prefecture
        : name.EndsWith('盟') ? UnitKind.League
        : UnitKind.City;

    /// <summary>
    /// The 2016 centre of the unit; for codes absent from the 2016 list, the centre of the unit linked to it by
    /// a succession (re-coded prefectures), else of its seat district's successor (the lowest child code).
    /// </summary>
    private static (double Lon, double Lat, string Note) Coordinates(int code, IReadOnlyDictionary<int, AreaCodeList> lists,
        IReadOnlyDictionary<int, (double Lon, double Lat)> centres, List<CodeSuccession> successions)
    {
        if (centres.TryGetValue(code, out var c)) return (c.Lon, c.Lat, "");
        foreach (var s in successions)
        {
            var other = s.OldCode.Value == code ? s.NewCode.Value : s.NewCode.Value == code ? s.OldCode.Value : 0;
            if (s.Whole && other != 0 && other % 100 == 0 && centres.TryGetValue(other, out var o))
                return (o.Lon, o.Lat, string.Create(CultureInfo.InvariantCulture, $"centre of {other} (same territory, other code)"));
        }
        var lastList = lists.Values.Where(l => l.Contains(code)).OrderBy(l => l.Year).Last();
        var seat = lastList.CountiesOf(code).Order().FirstOrDefault();
        var next = successions.Where(s => s.OldCode.Value == seat).Select(s => s.NewCode.Value).FirstOrDefault();
        if (next != 0 && centres.TryGetValue(next, out var n))
            return (n.Lon, n.Lat, string.Create(CultureInfo.InvariantCulture, $"centre of {next}, successor of the seat district {seat}"));
        throw new InvalidDataException($"no coordinates for {code}");
    }
}
