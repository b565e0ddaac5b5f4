using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Text;

namespace Etl.Ingest.Places;

/// <summary>What a row label or page name designates.</summary>
public enum PlaceKind
{
    /// <summary>A prefecture-level unit or municipality.</summary>
    City,

    /// <summary>A province-level unit (a heading row in yearbooks).</summary>
    Province,

    /// <summary>The national total.</summary>
    National,

    /// <summary>A regional aggregate (东部地区, ...).</summary>
    Region,

    /// <summary>A county-level unit (县, 区, county-level city), which the panel does not hold.</summary>
    County,

    /// <summary>Nothing the mappings know.</summary>
    Unknown,
}

/// <summary>The outcome of resolving a label.</summary>
/// <param name="Kind">What the label designates.</param>
/// <param name="Code">The city or province code, when there is one.</param>
/// <param name="Key">The normalised label that was looked up.</param>
/// <param name="Note">How it was resolved when it took more than the alias of the year (a former name, ...).</param>
public readonly record struct Place(PlaceKind Kind, CityCode? Code, string Key, string Note = "");

/// <summary>
/// Resolves the place names sources print (yearbook row labels, bulletin titles) to division codes through
/// the alias table, valid by year. Labels are reduced first: full-width forms, spaces used for padding,
/// footnote marks and the trailing English name are removed.
/// </summary>
public sealed class PlaceResolver
{
    private static readonly HashSet<string> s_national = new(StringComparer.Ordinal) { "全国", "全国合计", "全国总计", "合计", "总计", "全国总计Total" };

    private static readonly HashSet<string> s_regions = new(StringComparer.Ordinal)
    {
        "东部", "中部", "西部", "东北", "东部地区", "中部地区", "西部地区", "东北地区", "东部城市", "中部城市", "西部城市", "东北城市",
    };

    private readonly CityTable _cities;
    private readonly CountyTable _counties;
    private readonly Dictionary<string, ProvinceRecord> _provinces = new(StringComparer.Ordinal);

    /// <summary>Builds the resolver over the mapping tables.</summary>
    public PlaceResolver(MappingSet mappings)
    {
        _cities = mappings.Cities;
        _counties = mappings.Counties;
        foreach (var p in mappings.Provinces.All)
        {
            _provinces[p.Name] = p;
            _provinces.TryAdd(p.ShortName, p);
        }
    }

    /// <summary>
    /// Whether a key is also the short name of a province (吉林, 海南): a heading printed short reads as the
    /// city of that name, and only the table around it can tell which it is.
    /// </summary>
    public bool IsProvinceShortName(string key) => _provinces.TryGetValue(key, out var p) && p.ShortName == key;

    /// <summary>The normalised key of a printed label.</summary>
    public static string Key(string label) => TextNormalizer.PlaceNameKey(label);

    /// <summary>Resolves a printed row label of a table reporting year <paramref name="year"/>.</summary>
    public Place ResolveLabel(string label, int year) => ResolveKey(Key(label), year);

    /// <summary>Resolves an already normalised key.</summary>
    public Place ResolveKey(string key, int year)
    {
        if (key.Length == 0) return new Place(PlaceKind.Unknown, null, key);
        if (s_national.Contains(key)) return new Place(PlaceKind.National, null, key);
        if (s_regions.Contains(key)) return new Place(PlaceKind.Region, null, key);

        // A full province name (河北省, 广西壮族自治区) is a heading, except for the municipalities, whose
        // full name is also the name of the city row.
        if (_provinces.TryGetValue(key, out var full) && full.Name == key && _cities.Resolve(key, year).Count == 0)
            return new Place(PlaceKind.Province, full.Code, key);

        var codes = _cities.Resolve(key, year);
        if (codes.Count == 1) return new Place(PlaceKind.City, codes[0], key);

        // A former name printed after its last year (an old edition's spelling): accept it when it names
        // exactly one unit that exists in the year.
        if (codes.Count == 0)
        {
            var former = _cities.AliasesNamed(key).Select(a => a.Code).Distinct()
                .Where(c => _cities.Find(c)?.ValidIn(year) == true).ToList();
            if (former.Count == 1) return new Place(PlaceKind.City, former[0], key, $"former name '{key}'");
        }

        if (_provinces.TryGetValue(key, out var province)) return new Place(PlaceKind.Province, province.Code, key);
        // Yearbooks print county-level cities without 市 too (石河子 for 石河子市).
        foreach (var name in new[] { key, key + "市", key + "县", key + "区" })
            if (_counties.Named(name).Count > 0) return new Place(PlaceKind.County, null, key, $"county-level unit '{name}'");
        return new Place(PlaceKind.Unknown, null, key);
    }
}
