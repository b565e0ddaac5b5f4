using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Domain.Mappings;

namespace Etl.Bench.PatentBench;

/// <summary>A place name and the unit it designates in a span of years; no unit when several share the name.</summary>
internal sealed record PlaceName(string Name, int From, int To, int? Unit);

/// <summary>
/// The mapping tables turned into what the DuckDB query needs: one regular expression for the KDT IPC
/// patterns, one for the KDT keywords, one for province prefixes, a table of place names and the
/// real-economy IPC classes.
/// </summary>
internal sealed class PatentPatterns
{
    public PatentPatterns(MappingSet m)
    {
        KdtCodes = BuildKdt(m);
        Keywords = BuildKeywords(m);
        Provinces = "^(?:中华人民共和国|中国)?" + SqlRegex.LongestFirst(m.Provinces.All
            .Where(p => m.Cities.Find(p.Code)?.Kind != UnitKind.Municipality)
            .SelectMany(p => new[] { p.Name, p.ShortName })) + "?";
        Places = BuildPlaces(m);
        PlaceNames = "^" + SqlRegex.LongestFirst(Places.Select(p => p.Name));
        Sectors = m.Industries.Symbols.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value.Sector == IndustrySector.Real)).ToList();
    }

    /// <summary>
    /// Matches a code written <c>G06F16/27</c> (main group without leading zeros, subgroup digits as printed)
    /// that falls under some KDT pattern, or under an old symbol whose replacements do. Alternatives are
    /// grouped by subclass to keep the automaton small.
    /// </summary>
    public string KdtCodes { get; }

    /// <summary>
    /// Match an upper-cased title and abstract holding some KDT keyword (Latin keywords not inside a Latin
    /// word), in chunks of <see cref="KeywordsPerRegex"/>: RE2's automaton for all 1,500 keywords at once
    /// outgrows DuckDB's memory budget for it, and the fallback is about 100x slower.
    /// </summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>Keywords per regular expression.</summary>
    public const int KeywordsPerRegex = 200;

    /// <summary>Matches the country and province prefix of an address, or nothing (municipalities stay: their names are city names).</summary>
    public string Provinces { get; }

    /// <summary>Extracts the longest place name at the start of a text.</summary>
    public string PlaceNames { get; }

    /// <summary>Every city alias and county-level name with the unit it designates, by year span.</summary>
    public IReadOnlyList<PlaceName> Places { get; }

    /// <summary>Three-character IPC classes whose industry belongs to the real economy.</summary>
    public IReadOnlyList<(string Symbol, bool Real)> Sectors { get; }

    private static string BuildKdt(MappingSet m)
    {
        var patterns = m.Kdt.Branches.SelectMany(b => b.Patterns).ToList();
        var moved = m.Reclassification.All.Where(r => r.Replacements.Any(code => patterns.Any(p => p.Matches(code)))).Select(r => r.Old);
        var groups = patterns.Concat(moved).GroupBy(p => p.Subclass, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            if (g.Any(p => p.Level == IpcPatternLevel.Subclass)) return g.Key;
            var pieces = g.Select(p => p.Level switch
            {
                IpcPatternLevel.MainGroup => $"{p.MainGroup}/",
                IpcPatternLevel.SubgroupTree => $"{p.MainGroup}/{p.Subgroup}",
                // Subgroup digits are a decimal fraction: /27, /270 and /270000 are one subgroup.
                _ => $"{p.MainGroup}/{p.Subgroup.TrimEnd('0')}0*$",
            }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return $"{g.Key}(?:{string.Join('|', pieces)})";
        });
        return "^(?:" + string.Join('|', groups) + ")";
    }

    private static List<string> BuildKeywords(MappingSet m)
    {
        var words = m.Kdt.Branches.SelectMany(b => b.Keywords).Select(KeywordText.Normalize).Distinct(StringComparer.Ordinal)
            .OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)
            .Select(k => (KeywordText.IsLatin(k[0]) ? "(?:^|[^A-Z])" : "") + SqlRegex.Escape(k) + (KeywordText.IsLatin(k[^1]) ? "(?:[^A-Z]|$)" : ""));
        return words.Chunk(KeywordsPerRegex).Select(chunk => "(?:" + string.Join('|', chunk) + ")").ToList();
    }

    /// <summary>
    /// Per name and year the units it can designate: city aliases first (a city name beats a county name of
    /// the same length, as in the stage), else county-level names, which designate their prefecture (or
    /// themselves when their province administers them); names of other years when none is valid in the
    /// year. Consecutive years with the same answer form a span.
    /// </summary>
    private static List<PlaceName> BuildPlaces(MappingSet m)
    {
        var meanings = new Dictionary<string, List<(bool City, int Unit, int From, int To)>>(StringComparer.Ordinal);
        void Add(string name, bool city, int unit, int from, int to)
        {
            if (!meanings.TryGetValue(name, out var list)) meanings[name] = list = [];
            list.Add((city, unit, from, to));
        }
        foreach (var a in m.Cities.Aliases) Add(a.Alias, true, a.Code.Value, a.ValidFrom, a.ValidTo);
        foreach (var c in m.Counties.All) Add(c.Name, false, (c.PrefectureCode ?? c.Code).Value, c.ValidFrom, c.ValidTo);
        var result = new List<PlaceName>();
        foreach (var (name, list) in meanings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            PlaceName? open = null;
            foreach (var year in PanelYears.All)
            {
                var valid = list.Where(x => year >= x.From && year <= x.To).ToList();
                // A name of another year (襄樊 after the rename to 襄阳) still counts when it designates one unit of this year.
                if (valid.Count == 0) valid = list.Where(x => Exists(m, x.Unit, year)).ToList();
                if (valid.Any(x => x.City)) valid = valid.Where(x => x.City).ToList();
                var units = valid.Select(x => x.Unit).Distinct().ToList();
                int? unit = units.Count == 1 ? units[0] : null;
                if (units.Count == 0)
                {
                    if (open is not null) result.Add(open);
                    open = null;
                }
                else if (open is not null && open.Unit == unit && open.To == year - 1) open = open with { To = year };
                else
                {
                    if (open is not null) result.Add(open);
                    open = new PlaceName(name, year, year, unit);
                }
            }
            if (open is not null) result.Add(open);
        }
        return result;
    }

    /// <summary>Whether a unit exists in a year (units the city table does not list, such as province-administered counties, are taken to).</summary>
    private static bool Exists(MappingSet m, int unit, int year) => m.Cities.Find(new CityCode(unit)) is not { } city || city.ValidIn(year);
}
