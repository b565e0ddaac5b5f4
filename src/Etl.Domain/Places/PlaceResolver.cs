using Etl.Domain.Mappings;
using Etl.Domain.Text;

namespace Etl.Domain.Places;

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
/// <param name="Code">The city, province or county-level code, when there is one.</param>
/// <param name="Key">The normalised label that was looked up.</param>
/// <param name="Note">How it was resolved when it took more than the alias of the year (a former name, ...).</param>
/// <param name="Within">For a county-level unit, the prefecture-level unit it is counted in, when only one fits.</param>
public readonly record struct Place(PlaceKind Kind, CityCode? Code, string Key, string Note = "", CityCode? Within = null);

/// <summary>
/// The one place resolver: the place names sources print (yearbook row labels, bulletin titles and prose,
/// file titles) to division codes, through the alias and county tables valid by year, with former names
/// and the district / county scope. Labels are reduced first (<see cref="TextNormalizer.PlaceNameKey"/>):
/// full-width and traditional forms, padding spaces, footnote marks and a trailing English name.
/// </summary>
public sealed class PlaceResolver
{
    private static readonly HashSet<string> s_national = new(StringComparer.Ordinal) { "全国", "全国合计", "全国总计", "合计", "总计", "全国总计Total" };

    private static readonly HashSet<string> s_regions = new(StringComparer.Ordinal)
    {
        "东部", "中部", "西部", "东北", "东部地区", "中部地区", "西部地区", "东北地区", "东部城市", "中部城市", "西部城市", "东北城市",
    };

    private readonly CityTable _cities;
    private readonly Dictionary<string, ProvinceRecord> _provinces = new(StringComparer.Ordinal);

    /// <summary>Builds the resolver over the mapping tables.</summary>
    public PlaceResolver(MappingSet mappings)
    {
        _cities = mappings.Cities;
        Names = new PlaceNames(mappings);
        foreach (var p in mappings.Provinces.All)
        {
            _provinces[p.Name] = p;
            _provinces.TryAdd(p.ShortName, p);
        }
    }

    /// <summary>The name table behind the resolver.</summary>
    public PlaceNames Names { get; }

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
        // The Xinjiang Production and Construction Corps is listed beside the provinces in national tables.
        if (key is "新疆生产建设兵团" or "新疆建设兵团" or "生产建设兵团" or "兵团") return new Place(PlaceKind.Province, null, key, "the Xinjiang Production and Construction Corps");

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
            if (County(name, year) is { } county) return county;
        return new Place(PlaceKind.Unknown, null, key);
    }

    /// <summary>
    /// The prefecture-level unit with <paramref name="code"/> when it exists in <paramref name="year"/> (panels
    /// print a code column beside the name); a four-digit code (4403) is the prefecture's first digits.
    /// </summary>
    public Place? ResolveCode(string printed, int year)
    {
        var digits = TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(printed));
        if (digits.EndsWith(".0", StringComparison.Ordinal)) digits = digits[..^2];
        if (digits.Length == 4) digits += "00";
        if (!CityCode.TryParse(digits, out var code)) return null;
        return _cities.Find(code) is { } city && city.ValidIn(year) ? new Place(PlaceKind.City, code, city.Name, $"placed by its code {code}") : null;
    }

    /// <summary>
    /// A county-level unit named <paramref name="name"/>: the one valid in the year when there is one (its
    /// code and prefecture), else any that ever carried the name (code unknown when several did).
    /// </summary>
    private Place? County(string name, int year)
    {
        var meanings = Names.Of(name);
        var counties = new List<PlaceName>();
        foreach (var m in meanings)
            if (m.Kind == PlaceNameKind.County) counties.Add(m);
        if (counties.Count == 0) return null;
        var current = counties.Where(c => c.ValidIn(year)).ToList();
        var pick = current.Count > 0 ? current : counties;
        var codes = pick.Select(c => c.Code).Distinct().ToList();
        var units = pick.Select(c => c.Unit).Distinct().ToList();
        return new Place(PlaceKind.County, codes.Count == 1 ? new CityCode(codes[0]) : null, name, $"county-level unit '{name}'",
            units.Count == 1 ? new CityCode(units[0]) : null);
    }
}
