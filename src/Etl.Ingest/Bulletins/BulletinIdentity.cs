using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Domain;
using Etl.Domain.Text;
using Etl.Ingest.Places;

namespace Etl.Ingest.Bulletins;

/// <summary>Who a bulletin is about and for which year, as its title or heading states it.</summary>
/// <param name="Place">What the named place resolved to.</param>
/// <param name="Year">The data year the bulletin reports.</param>
/// <param name="Name">The place name as printed.</param>
public readonly record struct BulletinSubject(Place Place, int Year, string Name);

/// <summary>
/// Reads the subject of a statistical bulletin from a title such as 广州市2010年国民经济和社会发展统计公报,
/// 2010年广州市国民经济和社会发展统计公报 or 广州市二〇一〇年统计公报. The place is the text right before the
/// year, or right after 年 when the year comes first; it must resolve as a whole (苏州市吴江区 is a district,
/// not 苏州). File names are never used: real sites name pages by publication date.
/// </summary>
public static partial class BulletinIdentity
{
    [GeneratedRegex(@"(?<y>(19|20)\d{2})\s*年|(?<cy>[〇○零Oo0一二三四五六七八九]{4})\s*年")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?<name>.+?)(国民经济和社会发展|国民经济与社会发展|经济和社会发展|国民经济|统计公报)")]
    private static partial Regex NameAfterYear();

    private const string ChineseDigits = "〇一二三四五六七八九";

    /// <summary>A year in Chinese numerals: 二〇一五 (also written with ○ or 零) is 2015.</summary>
    private static int ChineseYear(string digits)
    {
        var year = 0;
        // 〇 is often typed as ○, 零, the letter O or the digit 0.
        foreach (var c in digits) year = year * 10 + (c is '○' or '零' or 'O' or 'o' or '0' ? 0 : ChineseDigits.IndexOf(c));
        return year;
    }

    /// <summary>Whether a title or heading announces a statistical bulletin at all.</summary>
    public static bool IsBulletinTitle(string text) => TextNormalizer.ToHalfWidth(text).Contains("公报", StringComparison.Ordinal);

    /// <summary>The subject stated in <paramref name="text"/>, or null when it states none.</summary>
    public static BulletinSubject? Read(string text, PlaceResolver places)
    {
        var t = TextNormalizer.RemoveWhitespace(TextNormalizer.ToHalfWidth(text));
        var cut = t.IndexOf("公报", StringComparison.Ordinal);
        if (cut < 0) return null;
        t = t[..(cut + 2)];
        var m = Year().Match(t);
        if (!m.Success) return null;
        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : ChineseYear(m.Groups["cy"].Value);

        var before = t[..m.Index].Trim('《', '》', '"', '“', '”', ' ', '-', '_', ':', '：');
        var name = before.Length > 0 ? before : NameAfterYear().Match(t[(m.Index + m.Length)..]) is { Success: true } a ? a.Groups["name"].Value : "";
        name = name.TrimStart('全');
        if (name.Length == 0) return null;
        // Sites put their own name first (深圳市统计局-深圳市2019年...): the place is the longest ending of the
        // text before the year that names a place.
        var key = PlaceResolver.Key(name);
        for (var start = 0; start + 2 <= key.Length; start++)
        {
            var place = places.ResolveKey(key[start..], year);
            if (place.Kind != PlaceKind.Unknown) return new BulletinSubject(place, year, key[start..]);
        }
        return new BulletinSubject(places.ResolveKey(key, year), year, name);
    }
}
