using Etl.Domain.Mappings;
using Etl.Domain.Places;
using Etl.Domain.Text;

namespace Etl.Patents.Geo;

/// <summary>
/// Places applicant addresses in prefecture-level units with the division tables valid in the application
/// year (see the patent stage README for the rules). Read-only after construction and thread-safe.
/// </summary>
/// <remarks>
/// All place names (provinces and their short forms, every alias of every prefecture-level unit, every
/// county-level name) sit in one character trie whose transitions are kept in a single hash table keyed by
/// (node, character) (<see cref="TrieTransitions"/>); walking it from a position lists every name that starts there.
/// </remarks>
public sealed class AddressGeocoder
{
    private static readonly string[] s_foreign =
    [
        "美国", "日本", "韩国", "大韩民国", "朝鲜", "德国", "法国", "英国", "瑞士", "瑞典", "荷兰", "芬兰", "丹麦", "挪威", "冰岛",
        "意大利", "西班牙", "葡萄牙", "比利时", "奥地利", "卢森堡", "列支敦士登", "摩纳哥", "爱尔兰", "希腊", "波兰", "捷克", "斯洛伐克",
        "匈牙利", "罗马尼亚", "保加利亚", "塞尔维亚", "克罗地亚", "斯洛文尼亚", "乌克兰", "白俄罗斯", "俄罗斯", "土耳其", "以色列",
        "沙特阿拉伯", "阿联酋", "阿拉伯联合酋长国", "卡塔尔", "科威特", "伊朗", "伊拉克", "约旦", "埃及", "南非", "尼日利亚", "肯尼亚",
        "印度", "巴基斯坦", "孟加拉", "斯里兰卡", "尼泊尔", "泰国", "越南", "老挝", "柬埔寨", "缅甸", "马来西亚", "新加坡", "印度尼西亚",
        "菲律宾", "文莱", "蒙古国", "哈萨克斯坦", "乌兹别克斯坦", "加拿大", "墨西哥", "巴西", "阿根廷", "智利", "哥伦比亚", "秘鲁",
        "委内瑞拉", "古巴", "澳大利亚", "新西兰", "开曼群岛", "英属维尔京群岛", "维尔京群岛", "百慕大", "巴巴多斯", "塞舌尔", "萨摩亚",
        "马耳他", "塞浦路斯", "爱沙尼亚", "拉脱维亚", "立陶宛",
    ];

    private static readonly string[] s_hmt = ["香港", "澳门", "澳門", "台湾", "台灣", "臺灣"];

    /// <summary>Whether a character starts a foreign or HK/Macau/Taiwan name (a table: it is read for every address).</summary>
    private static readonly bool[] s_abroadInitial = AbroadInitials();

    private static bool[] AbroadInitials()
    {
        var table = new bool[65536];
        foreach (var name in s_foreign.Concat(s_hmt)) table[name[0]] = true;
        return table;
    }

    private static readonly string[] s_countryPrefixes = ["中华人民共和国", "中国"];

    /// <summary>Digits of a postal code and punctuation that may precede the place name.</summary>
    private const string LeadingNoise = "0123456789,，.。、:：;；-_()（）[]【】\"“”'‘’#*";

    private readonly TrieTransitions _next;
    private readonly List<PlaceName[]> _meanings = [[]];

    /// <summary>Builds the trie from the shared place-name table (<see cref="PlaceNames"/>).</summary>
    public AddressGeocoder(MappingSet m)
    {
        var next = new Dictionary<long, int>();
        foreach (var (name, meanings) in new PlaceNames(m).All)
        {
            var node = 0;
            foreach (var ch in name)
            {
                var key = TrieTransitions.Key(node, ch);
                if (!next.TryGetValue(key, out var child))
                {
                    child = _meanings.Count;
                    _meanings.Add([]);
                    next[key] = child;
                }
                node = child;
            }
            _meanings[node] = meanings;
        }
        _next = new TrieTransitions(next);
    }

    /// <summary>Places <paramref name="address"/> (as printed; several applicants' addresses may follow after ';').</summary>
    public GeocodeResult Geocode(ReadOnlySpan<char> address, int year)
    {
        Span<char> buffer = stackalloc char[Math.Min(address.Length, 256)];
        var n = 0;
        foreach (var raw in address)
        {
            var c = TextNormalizer.ToHalfWidth(raw);
            if (c is ';' or '；') break;
            // ASCII first; char.IsWhiteSpace (which covers U+3000 and U+00A0) only below the CJK blocks, since
            // no character from U+3001 on is white space.
            if (c < 0x80 ? c <= ' ' : c <= '\u3000' && char.IsWhiteSpace(c)) continue;
            if (n == buffer.Length) break;
            buffer[n++] = c;
        }
        var s = buffer[..n];
        // Exports put a postal code or punctuation before the place (518057 广东省..., 中国，广东省...).
        s = s.TrimStart(LeadingNoise);
        foreach (var prefix in s_countryPrefixes)
            if (s.StartsWith(prefix)) { s = s[prefix.Length..].TrimStart(LeadingNoise); break; }
        if (s.IsEmpty) return new GeocodeResult(GeocodeStatus.Unresolvable, 0);
        // Most addresses are domestic: the lists are scanned only when the first character could start an entry.
        if (s_abroadInitial[s[0]])
        {
            foreach (var h in s_hmt)
                if (s.StartsWith(h)) return new GeocodeResult(GeocodeStatus.HongKongMacaoTaiwan, 0);
            foreach (var f in s_foreign)
                if (s.StartsWith(f)) return new GeocodeResult(GeocodeStatus.Foreign, 0);
        }

        // The longest name at the start decides what the address starts with: 朝阳区 (a district of two
        // units) is not 朝阳 (a prefecture) followed by 区; on a tie a province reads first (吉林 + 长春).
        var (province, provinceLength, city, cityLength, countyLength) = Leading(s, year);
        if (city is { } c0 && cityLength > provinceLength && cityLength >= countyLength) return Located(c0.Unit);
        if (province is { } p && provinceLength >= countyLength)
        {
            if (p.Municipality) return Located(p.Code);
            var rest = s[provinceLength..];
            if (Longest(rest, PlaceNameKind.City, year, p.Province, out _) is { } c1) return Located(c1.Unit);
            var county = County(rest, year, p.Province);
            if (county.Status != GeocodeStatus.Unresolvable) return county;
            if (city is { } c2 && cityLength == provinceLength) return Located(c2.Unit);
            if (FormerCity(rest, year, p.Province) is { } old) return Located(old);
            return new GeocodeResult(GeocodeStatus.Unresolvable, 0);
        }
        var any = County(s, year, 0);
        if (any.Status != GeocodeStatus.Unresolvable) return any;
        if (FormerCity(s, year, 0) is { } former) return Located(former);
        return new GeocodeResult(GeocodeStatus.Unresolvable, 0);
    }

    /// <summary>
    /// In one walk of the trie, the longest province name and the longest city name (of units existing in
    /// the year) at the start of <paramref name="s"/>, and the length of the longest county-level name valid
    /// in the year (0 when none).
    /// </summary>
    private (PlaceName? Province, int ProvinceLength, PlaceName? City, int CityLength, int CountyLength) Leading(ReadOnlySpan<char> s, int year)
    {
        PlaceName? province = null, city = null;
        int provinceLength = 0, cityLength = 0, countyLength = 0;
        var node = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if ((node = _next.Next(node, s[i])) == 0) break;
            bool sawProvince = false, sawCity = false, sawCounty = false;
            foreach (var m in _meanings[node])
            {
                if (year < m.From || year > m.To) continue;
                switch (m.Kind)
                {
                    case PlaceNameKind.Province when !sawProvince:
                        (province, provinceLength, sawProvince) = (m, i + 1, true);
                        break;
                    case PlaceNameKind.City when !sawCity && m.UnitExists(year):
                        (city, cityLength, sawCity) = (m, i + 1, true);
                        break;
                    case PlaceNameKind.County when !sawCounty:
                        (countyLength, sawCounty) = (i + 1, true);
                        break;
                }
            }
        }
        return (province, provinceLength, city, cityLength, countyLength);
    }

    private static GeocodeResult Located(int unit) => new(GeocodeStatus.Located, unit);

    /// <summary>The longest name of <paramref name="kind"/> starting at the beginning of <paramref name="s"/>, valid in the year (and in the province, when given).</summary>
    private PlaceName? Longest(ReadOnlySpan<char> s, PlaceNameKind kind, int year, int province, out int length)
    {
        length = 0;
        PlaceName? best = null;
        var node = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if ((node = _next.Next(node, s[i])) == 0) break;
            foreach (var m in _meanings[node])
            {
                if (m.Kind != kind || year < m.From || year > m.To || (province != 0 && m.Province != province)) continue;
                if (kind != PlaceNameKind.Province && !m.UnitExists(year)) continue;
                best = m;
                length = i + 1;
                break;
            }
        }
        return best;
    }

    /// <summary>
    /// A county-level name at the start of <paramref name="s"/>: the longest name valid in the year that
    /// places the address in exactly one unit; names valid in other years count when no current one does.
    /// </summary>
    private GeocodeResult County(ReadOnlySpan<char> s, int year, int province)
    {
        var node = 0;
        var result = new GeocodeResult(GeocodeStatus.Unresolvable, 0);
        var resultOld = new GeocodeResult(GeocodeStatus.Unresolvable, 0);
        for (var i = 0; i < s.Length; i++)
        {
            if ((node = _next.Next(node, s[i])) == 0) break;
            int unit = 0, oldUnit = 0;
            bool ambiguous = false, oldAmbiguous = false;
            foreach (var m in _meanings[node])
            {
                if (m.Kind != PlaceNameKind.County || (province != 0 && m.Province != province) || !m.UnitExists(year)) continue;
                if (year >= m.From && year <= m.To)
                {
                    ambiguous |= unit != 0 && unit != m.Unit;
                    unit = m.Unit;
                }
                else
                {
                    oldAmbiguous |= oldUnit != 0 && oldUnit != m.Unit;
                    oldUnit = m.Unit;
                }
            }
            var units = unit == 0 ? 0 : ambiguous ? 2 : 1;
            var oldUnits = oldUnit == 0 ? 0 : oldAmbiguous ? 2 : 1;
            if (units > 0) result = units == 1 ? Located(unit) : new GeocodeResult(GeocodeStatus.Ambiguous, 0);
            else if (oldUnits > 0) resultOld = oldUnits == 1 ? Located(oldUnit) : new GeocodeResult(GeocodeStatus.Ambiguous, 0);
        }
        return result.Status != GeocodeStatus.Unresolvable ? result : resultOld;
    }

    /// <summary>A former prefecture name (襄樊 after 2010) that designates exactly one unit existing in the year.</summary>
    private int? FormerCity(ReadOnlySpan<char> s, int year, int province)
    {
        var node = 0;
        int? found = null;
        for (var i = 0; i < s.Length; i++)
        {
            if ((node = _next.Next(node, s[i])) == 0) break;
            var units = _meanings[node].Where(m => m.Kind == PlaceNameKind.City && (province == 0 || m.Province == province) && m.UnitExists(year))
                .Select(m => m.Unit).Distinct().ToList();
            if (units.Count == 1) found = units[0];
        }
        return found;
    }
}
