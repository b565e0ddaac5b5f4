using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Etl.Domain;
using Etl.Domain.Places;
using Etl.Domain.Text;

namespace Etl.Ingest.Bulletins;

/// <summary>Who a bulletin is about and for which year, as its title or heading states it.</summary>
/// <param name="Place">What the named place resolved to.</param>
/// <param name="Year">The data year the bulletin reports.</param>
/// <param name="Name">The place name as printed.</param>
public readonly record struct BulletinSubject(Place Place, int Year, string Name);

/// <summary>The subject of a page, or why it has none that the panel can use.</summary>
/// <param name="Subject">The city and year, when the page is a city's bulletin.</param>
/// <param name="Rejection">Otherwise the reason, its detail, and whether the page is quarantined (or excluded by rule).</param>
/// <param name="How">How the subject was found when not from the title or heading.</param>
internal sealed record PageIdentity(BulletinSubject? Subject, (string Reason, string Detail, bool Quarantine)? Rejection, string How = "");

/// <summary>
/// Reads the subject of a statistical bulletin from a title such as 广州市2010年国民经济和社会发展统计公报,
/// 2010年广州市国民经济和社会发展统计公报 or 广州市二〇一〇年统计公报 (traditional characters too). The place is the
/// text right before the year, or right after 年 when the year comes first; it must resolve as a whole (苏州市吴江区
/// is a district, not 苏州). File names are never used: real sites name pages by publication date.
/// Republications that lost the title are identified by the bulletin's own lines: a line of the text that
/// is a bulletin title, or the issuing bureau (XX市统计局, 国家统计局XX调查队) with the year the opening states.
/// </summary>
public static partial class BulletinIdentity
{
    [GeneratedRegex(@"(?<y>(19|20)\d{2})\s*年|(?<cy>[〇○零Oo0一二三四五六七八九]{4})\s*年")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?<name>.+?)(国民经济和社会发展|国民经济与社会发展|经济和社会发展|国民经济|统计公报)")]
    private static partial Regex NameAfterYear();

    [GeneratedRegex(@"(?<name>[\u4e00-\u9fff]{2,12}?)(统计局|调查队)")]
    private static partial Regex Bureau();

    [GeneratedRegex(@"^(?<y>(19|20)\d{2})年")]
    private static partial Regex OpeningYear();

    [GeneratedRegex(@"^\(?(?<y>(19|20)\d{2})年\d{1,2}月(\d{1,2}日)?\)?$")]
    private static partial Regex DateLine();

    private const string ChineseDigits = "〇一二三四五六七八九";

    /// <summary>A year in Chinese numerals: 二〇一五 (also written with ○ or 零) is 2015.</summary>
    private static int ChineseYear(string digits)
    {
        var year = 0;
        // 〇 is often typed as ○, 零, the letter O or the digit 0.
        foreach (var c in digits) year = year * 10 + (c is '○' or '零' or 'O' or 'o' or '0' ? 0 : ChineseDigits.IndexOf(c));
        return year;
    }

    /// <summary>Whether a title or heading announces a statistical bulletin (…统计公报, or …国民经济和社会发展概况).</summary>
    public static bool IsBulletinTitle(string text)
    {
        var t = Clean(text);
        return t.Contains("公报", StringComparison.Ordinal) || (t.Contains("国民经济", StringComparison.Ordinal) && t.Contains("概况", StringComparison.Ordinal));
    }

    /// <summary>Text as the identity reads it: folded, without the pinyin mirror sites insert, without white space.</summary>
    private static string Clean(string text) => TextNormalizer.RemoveWhitespace(TextNormalizer.RemoveInlinePinyin(TextNormalizer.Fold(text)));

    /// <summary>Identifies the page: the title and the first bulletin heading, else the page's own lines.</summary>
    internal static PageIdentity Identify(IDocument document, IReadOnlyList<TextPiece> pieces, PlaceResolver places)
    {
        var title = TextNormalizer.RemoveInlinePinyin(document.Title?.Trim() ?? "");
        var heading = document.QuerySelectorAll("h1, h2, h3").Select(h => TextNormalizer.RemoveInlinePinyin(h.TextContent.Trim())).FirstOrDefault(IsBulletinTitle) ?? "";
        var fromTitle = IsBulletinTitle(title) ? Read(title, places) : null;
        var fromHeading = heading.Length > 0 ? Read(heading, places) : null;
        var how = "";
        // A title that names no place (a site's own name, say) defers to the heading.
        if (fromTitle is { Place.Kind: PlaceKind.Unknown } && fromHeading is { Place.Kind: not PlaceKind.Unknown }) fromTitle = null;
        if (fromTitle is { } a && fromHeading is { } b && (a.Year != b.Year || a.Place.Kind != b.Place.Kind || a.Place.Code != b.Place.Code))
            return new PageIdentity(null, ("identity_conflict", $"the title names {a.Name} {a.Year}, the heading {b.Name} {b.Year}", true));
        var subject = fromHeading ?? fromTitle;
        if (subject is null && FromLines(pieces, places) is { } found)
            (subject, how) = found;
        if (subject is not { } s)
        {
            if (title.Length == 0 && heading.Length == 0)
                return new PageIdentity(null, ("no_title", "the page has no <title> and no bulletin heading, and its text names no issuing bureau and year", true));
            if (!IsBulletinTitle(title) && heading.Length == 0)
                return new PageIdentity(null, ("not_a_bulletin", $"<title>{title}</title> announces no statistical bulletin (公报), and the text names no issuing bureau and year", true));
            return new PageIdentity(null, ("no_subject", $"neither the title '{title}' nor the heading '{heading}' states a place and a year", true));
        }
        if (!PanelYears.Contains(s.Year))
            return new PageIdentity(null, ("outside_window", $"the bulletin reports {s.Year}, outside {PanelYears.First}-{PanelYears.Last}", false));
        return s.Place.Kind switch
        {
            PlaceKind.County => new PageIdentity(null, ("county_bulletin", $"the bulletin of {s.Name}, a county-level unit", false)),
            PlaceKind.Province => new PageIdentity(null, ("province_bulletin", $"the bulletin of the province {s.Name}", false)),
            PlaceKind.National => new PageIdentity(null, ("national_bulletin", "the national bulletin", false)),
            not PlaceKind.City => new PageIdentity(null, ("unknown_city", $"'{s.Name}' names no prefecture-level unit of {s.Year}", true)),
            _ => new PageIdentity(s, null, how),
        };
    }

    /// <summary>
    /// A page without a bulletin title (republications that lost it): a line of its first paragraphs that is one
    /// (a heading kept as a paragraph); else, when the text reads as a bulletin (a section 一、综合, or 初步核算), the
    /// city of the issuing bureau's line (珠海市统计局, 国家统计局珠海调查队) or the one city its opening names,
    /// and the year its opening paragraph starts with (2011年，全市…).
    /// </summary>
    private static (BulletinSubject, string)? FromLines(IReadOnlyList<TextPiece> pieces, PlaceResolver places)
    {
        // Mirror sites pad paragraphs with stray marks (????一、综合): a line is read from its first word.
        var first = pieces.Where(p => !p.FromTable).Take(20).Select(p => Clean(p.Text).TrimStart(NotAWord)).Where(t => t.Length > 0).ToList();
        foreach (var text in first.Take(8))
        {
            if (text.Length > 60 || !IsBulletinTitle(text)) continue;
            if (Read(text, places) is { Place.Kind: not PlaceKind.Unknown } s) return (s, $"title line '{text}'");
        }
        if (!first.Any(t => SectionOne().IsMatch(t) || t.Contains("初步核算", StringComparison.Ordinal))) return null;
        // The opening paragraph (the first long one) starts with the year it reports (2011年，全市…); else the
        // date line under the issuers (2020年3月12日) is the publication, in the year after the one reported.
        int yr;
        var yearFrom = "the opening year";
        if (first.FirstOrDefault(t => t.Length > 30) is { } opening && OpeningYear().Match(opening) is { Success: true } y)
            yr = int.Parse(y.Groups["y"].Value, CultureInfo.InvariantCulture);
        else if (first.Take(8).Select(t => DateLine().Match(t)).FirstOrDefault(m => m.Success) is { } d)
        {
            yr = int.Parse(d.Groups["y"].Value, CultureInfo.InvariantCulture) - 1;
            yearFrom = $"the publication date {d.Value}, the year after the one reported";
        }
        else return null;
        foreach (var text in first.Where(t => t.Length <= 40))
        {
            if (Bureau().Match(text) is not { Success: true } m) continue;
            var name = m.Groups["name"].Value;
            if (name.StartsWith("国家统计局", StringComparison.Ordinal)) name = name["国家统计局".Length..];
            if (Named(PlaceResolver.Key(name), yr, places) is { } bureau && bureau.Place.Kind != PlaceKind.Province)
                return (new BulletinSubject(bureau.Place, yr, bureau.Name), $"no bulletin title: the issuing bureau of {bureau.Name}, and {yearFrom} ({yr.ToString(CultureInfo.InvariantCulture)})");
        }
        var openings = string.Concat(first.Where(t => t.Length > 30).Take(2).Select(t => t.Length > 200 ? t[..200] : t));
        var cities = CitiesNamed(openings, yr, places);
        var where = "its opening";
        // Else the short lines (表1 2021年天水市年末人口数及其构成): table titles and captions name the city.
        if (cities.Count == 0) (cities, where) = (CitiesNamed(string.Join("|", first.Where(t => t.Length <= 40)), yr, places), "its table titles");
        if (cities.Count != 1) return null;
        return (new BulletinSubject(cities[0].Place, yr, cities[0].Name), $"no bulletin title: the one city {where} name, and {yearFrom} ({yr.ToString(CultureInfo.InvariantCulture)})");
    }

    private static readonly char[] NotAWord = ['?', '？', ',', '，', '、', '.', '·', ' ', '\u3000', '■', '●', '◆', '*'];

    [GeneratedRegex(@"^(一[、.．]|【|■|第一部分)\s*(综合|经济总量|国民经济|经济运行|综\s*合)")]
    private static partial Regex SectionOne();

    /// <summary>The distinct prefecture-level cities a text names by a full name (天水市) or a short name (天水).</summary>
    private static List<(Place Place, string Name)> CitiesNamed(string text, int year, PlaceResolver places)
    {
        var found = new List<(Place, string)>();
        for (var i = 0; i < text.Length; i++)
            for (var length = Math.Min(8, text.Length - i); length >= 2; length--)
            {
                var part = text.Substring(i, length);
                if (places.IsProvinceShortName(part)) continue;
                var place = places.ResolveKey(part, year);
                if (place.Kind != PlaceKind.City) continue;
                if (!found.Any(f => ((Place)f.Item1).Code == place.Code)) found.Add((place, part));
                i += length - 1;
                break;
            }
        return found;
    }

    /// <summary>The subject stated in <paramref name="text"/>, or null when it states none.</summary>
    public static BulletinSubject? Read(string text, PlaceResolver places)
    {
        var t = Clean(text);
        var cut = t.IndexOf("公报", StringComparison.Ordinal);
        if (cut < 0) cut = t.IndexOf("概况", StringComparison.Ordinal);
        if (cut < 0) return null;
        t = t[..(cut + 2)];
        var m = Year().Match(t);
        if (!m.Success) return null;
        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : ChineseYear(m.Groups["cy"].Value);

        var before = t[..m.Index].Trim('《', '》', '"', '“', '”', ' ', '-', '_', ':', '：');
        var name = before.Length > 0 ? before : NameAfterYear().Match(t[(m.Index + m.Length)..]) is { Success: true } a ? a.Groups["name"].Value : "";
        name = name.TrimStart('全');
        if (name.Length == 0) return null;
        var key = PlaceResolver.Key(name);
        if (key is "中华人民共和国" or "全国" or "中国") return new BulletinSubject(new Place(PlaceKind.National, null, key), year, key);
        return Named(key, year, places) is { } found ? new BulletinSubject(found.Place, year, found.Name) : new BulletinSubject(places.ResolveKey(key, year), year, name);
    }

    /// <summary>
    /// The place a name names, where sites wrap it in their own words (深圳市统计局-深圳市, 西藏自治区拉萨市人民政府,
    /// 宝鸡市金台区): the place that ends latest in the name, and of those the longest (金台区, not 宝鸡市).
    /// </summary>
    private static (Place Place, string Name)? Named(string key, int year, PlaceResolver places)
    {
        for (var end = key.Length; end >= 2; end--)
            for (var start = 0; end - start >= 2; start++)
            {
                var part = key[start..end];
                var place = places.ResolveKey(part, year);
                if (place.Kind is PlaceKind.City or PlaceKind.Province) return (place, part);
                if (place.Kind == PlaceKind.County && (part.EndsWith('县') || part.EndsWith('市') || part.EndsWith('区') || part.EndsWith('旗'))) return (place, part);
            }
        return null;
    }
}
