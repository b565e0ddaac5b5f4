using System.Globalization;
using Etl.Domain.Mappings;
using Etl.Domain.Text;

namespace Etl.Ingest.Bulletins;

/// <summary>The dimension of a printed unit.</summary>
internal enum UnitKind
{
    /// <summary>No unit after the number.</summary>
    None,

    /// <summary>Money in yuan (元, 万元, 亿元, 万亿元).</summary>
    Money,

    /// <summary>Persons (人, 万人).</summary>
    Persons,

    /// <summary>Counts of entities (户, 万户, 个, 家).</summary>
    Entities,

    /// <summary>A percentage or per mille.</summary>
    Percent,

    /// <summary>Percentage points (个百分点): a change of a share.</summary>
    Points,

    /// <summary>US dollars.</summary>
    Dollars,

    /// <summary>A unit per something (元/人, 人/平方公里): not a level.</summary>
    Compound,

    /// <summary>Any other unit (吨, 公顷, 辆, ...).</summary>
    Other,
}

/// <summary>What a token is.</summary>
internal enum TokenKind
{
    /// <summary>A number with its unit.</summary>
    Number,

    /// <summary>A ratio a:b:c.</summary>
    Ratio,

    /// <summary>A year (2018年).</summary>
    Year,

    /// <summary>A month or a span of months (1-11月, 11月末): part of a year.</summary>
    Month,

    /// <summary>A lexicon term.</summary>
    Term,

    /// <summary>A place in the city: a county-level unit (scope part) or the city itself (scope city).</summary>
    Place,

    /// <summary>A clause boundary (, ; :).</summary>
    Boundary,

    /// <summary>A list separator (、 和 及 与).</summary>
    ListSeparator,
}

/// <summary>A token of a prepared sentence.</summary>
internal sealed record Token(TokenKind Kind, int Start, int Length)
{
    /// <summary>The lexicon term, for <see cref="TokenKind.Term"/>.</summary>
    public LexiconTerm? Term { get; init; }

    /// <summary>The number as printed (prepared: half-width, no separators kept as printed), for numbers and ratios.</summary>
    public string Number { get; init; } = "";

    /// <summary>The unit as printed (prepared).</summary>
    public string Unit { get; init; } = "";

    /// <summary>The unit's dimension.</summary>
    public UnitKind UnitKind { get; init; }

    /// <summary>Whether the number is marked as approximate (3000多亿元, 100亿元以上).</summary>
    public bool Approximate { get; init; }

    /// <summary>For a ratio: the span of its last part (the tertiary share).</summary>
    public (int Start, int Length) LastPart { get; init; }

    /// <summary>For a year: the year; for a place: 1 when it is the city itself.</summary>
    public int Value { get; init; }
}

/// <summary>
/// Splits a prepared sentence into tokens: numbers with their units, ratios, years, months, lexicon terms
/// (longest first, so 城镇常住人口 is not 常住人口), places of the city, clause boundaries and list separators.
/// Text between tokens (verbs, particles, asides) carries no meaning for the reader.
/// </summary>
internal sealed class StatementTokens
{
    private static readonly (string Unit, UnitKind Kind)[] s_units =
    [
        ("万亿元", UnitKind.Money), ("亿元", UnitKind.Money), ("千万元", UnitKind.Money), ("百万元", UnitKind.Money), ("万元", UnitKind.Money),
        ("千元", UnitKind.Money), ("元", UnitKind.Money),
        ("万亿美元", UnitKind.Dollars), ("亿美元", UnitKind.Dollars), ("万美元", UnitKind.Dollars), ("美元", UnitKind.Dollars),
        ("万人次", UnitKind.Other), ("人次", UnitKind.Other), ("万人", UnitKind.Persons), ("千人", UnitKind.Persons), ("人", UnitKind.Persons),
        ("万户", UnitKind.Entities), ("户", UnitKind.Entities), ("万个", UnitKind.Entities), ("个百分点", UnitKind.Points), ("百分点", UnitKind.Points),
        ("个", UnitKind.Entities), ("万家", UnitKind.Entities), ("家", UnitKind.Entities),
        ("%", UnitKind.Percent), ("‰", UnitKind.Percent),
        ("万吨", UnitKind.Other), ("吨", UnitKind.Other), ("千公顷", UnitKind.Other), ("公顷", UnitKind.Other), ("万亩", UnitKind.Other), ("亩", UnitKind.Other),
        ("平方公里", UnitKind.Other), ("公里", UnitKind.Other), ("亿千瓦时", UnitKind.Other), ("千瓦时", UnitKind.Other), ("万千瓦", UnitKind.Other),
        ("万辆", UnitKind.Other), ("辆", UnitKind.Other), ("件", UnitKind.Other), ("项", UnitKind.Other), ("所", UnitKind.Other), ("套", UnitKind.Other),
        ("岁", UnitKind.Other), ("倍", UnitKind.Other), ("位", UnitKind.Other), ("名", UnitKind.Other), ("天", UnitKind.Other), ("座", UnitKind.Other),
        ("张", UnitKind.Other), ("万册", UnitKind.Other), ("立方米", UnitKind.Other), ("万平方米", UnitKind.Other), ("平方米", UnitKind.Other),
    ];

    private static readonly TermTrie<(string Unit, UnitKind Kind)> s_unitTrie = new(s_units.Select(u => (u.Unit, u)));

    private readonly TermTrie<LexiconTerm> _terms;

    /// <summary>Builds the tokenizer over the lexicon.</summary>
    public StatementTokens(StatementLexicon lexicon) => _terms = new TermTrie<LexiconTerm>(lexicon.Terms.Select(t => (t.Term, t)));

    /// <summary>The tokens of <paramref name="text"/>; <paramref name="places"/> names the city (1) and its county-level units (0).</summary>
    public List<Token> Read(string text, TermTrie<int> places)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                var token = ReadNumber(text, ref i);
                if (token is not null) tokens.Add(token);
                continue;
            }
            if (c is ',' or ';' or ':' or '：')
            {
                tokens.Add(new Token(TokenKind.Boundary, i, 1));
                i++;
                continue;
            }
            var placeLength = places.Longest(text, i, out var placeValue);
            // A place name may begin with a character that also joins a list (和平县, 和林格尔县, 和田地区).
            if (c is '、' or '和' or '及' or '与' && placeLength == 0)
            {
                tokens.Add(new Token(TokenKind.ListSeparator, i, 1));
                i++;
                continue;
            }
            var termLength = _terms.Longest(text, i, out var term);
            if (placeLength > 0 && placeLength >= termLength)
            {
                tokens.Add(new Token(TokenKind.Place, i, placeLength) { Value = placeValue });
                i += placeLength;
                continue;
            }
            if (termLength > 0)
            {
                tokens.Add(new Token(TokenKind.Term, i, termLength) { Term = term });
                i += termLength;
                continue;
            }
            i++;
        }
        return tokens;
    }

    /// <summary>A number at <paramref name="i"/>: a year, a month, a ratio, or a number with its unit.</summary>
    private static Token? ReadNumber(string text, ref int i)
    {
        var start = i;
        var end = ScanNumber(text, i);
        var number = text[start..end];
        i = end;

        // A ratio a:b:c (the separators ASCII, ∶ or ︰, possibly with spaces).
        var parts = new List<(int Start, int End)> { (start, end) };
        var j = end;
        while (parts.Count < 3)
        {
            var k = j;
            while (k < text.Length && text[k] == ' ') k++;
            if (k >= text.Length || text[k] is not (':' or '∶' or '︰' or '：')) break;
            k++;
            while (k < text.Length && text[k] == ' ') k++;
            if (k >= text.Length || !char.IsAsciiDigit(text[k])) break;
            var e = ScanNumber(text, k);
            parts.Add((k, e));
            j = e;
        }
        if (parts.Count >= 2)
        {
            // a:b:c, or a two-part ratio (城乡收入比2.16:1), which no catalogue variable is.
            i = j;
            var last = parts[^1];
            return new Token(TokenKind.Ratio, start, j - start)
            {
                Number = text[last.Start..last.End], Unit = "%", UnitKind = UnitKind.Percent, LastPart = (last.Start, last.End - last.Start), Value = parts.Count,
            };
        }
        // A ratio whose separators a republication lost (3.355.341.4 for 3.3:55.3:41.4): three shares of one
        // precision that add up to 100 are read as one.
        if (i < text.Length && text[i] == '.' && LostSeparators(text, start) is { } glued)
        {
            i = glued.End;
            return new Token(TokenKind.Ratio, start, glued.End - start)
            {
                Number = text[glued.Last.Start..glued.End], Unit = "%", UnitKind = UnitKind.Percent, LastPart = (glued.Last.Start, glued.End - glued.Last.Start),
                Value = 3, Approximate = false,
            };
        }

        // Years (2018年) and months (11月, 1-11月, 1至11月).
        if (i < text.Length && text[i] == '年' && number.Length == 4 && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2100)
        {
            i++;
            return new Token(TokenKind.Year, start, i - start) { Value = year };
        }
        if (i + 1 < text.Length && text[i] is '-' or '~' or '至' or '—' or '–' or '到' && char.IsAsciiDigit(text[i + 1]))
        {
            var e = ScanNumber(text, i + 1);
            if (e < text.Length && text[e] == '月')
            {
                i = e + 1;
                return new Token(TokenKind.Month, start, i - start) { Value = 1 };
            }
        }
        if (i < text.Length && text[i] == '月' && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            i++;
            var yearEnd = month == 12 && i < text.Length && text[i] is '末' or '底';
            if (i < text.Length && text[i] is '份' or '末' or '底') i++;
            // 12月末 is the year end; a date (3月19日) says nothing about the figures.
            if (i < text.Length && text[i] == '日') { i++; return null; }
            return yearEnd ? null : new Token(TokenKind.Month, start, i - start) { Value = month };
        }

        // The unit, after an optional 多 / 余 (3000多亿元), and a trailing 以上 / 左右 / 以下.
        var approximate = false;
        var u = i;
        if (u < text.Length && text[u] is '多' or '余')
        {
            approximate = true;
            u++;
        }
        var unitLength = s_unitTrie.Longest(text, u, out var unit);
        var kind = UnitKind.None;
        var unitText = "";
        if (unitLength > 0)
        {
            var after = u + unitLength;
            // 人民币, 人口, 人均, 户籍 and 元/人 are not the units 人, 户 and 元.
            if (unit.Unit == "人" && after < text.Length && text[after] is '民' or '口' or '均' or '员') unitLength = 0;
            else if (unit.Unit == "户" && after < text.Length && text[after] == '籍') unitLength = 0;
            else
            {
                kind = after < text.Length && text[after] is '/' or '每' ? UnitKind.Compound : unit.Kind;
                unitText = unit.Unit;
                i = after;
                if (i + 1 < text.Length && text.AsSpan(i, 2) is "以上" or "左右" or "以下" or "上下")
                {
                    approximate = true;
                    i += 2;
                }
            }
        }
        if (unitLength == 0 && approximate) i = u;
        return new Token(TokenKind.Number, start, end - start) { Number = number, Unit = unitText, UnitKind = kind, Approximate = approximate };
    }

    /// <summary>
    /// Three shares printed without their separators (3.355.341.4): split into parts of one precision (one or
    /// two decimals) that add up to 100 within rounding; the end of the run and the last part's start.
    /// </summary>
    private static (int End, (int Start, int Length) Last)? LostSeparators(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        var run = text[start..end];
        if (run.Count(c => c == '.') != 3) return null;
        foreach (var decimals in new[] { 1, 2 })
        {
            // Each part: digits, a point, then exactly `decimals` digits; the integer parts take what is left.
            var dots = Enumerable.Range(0, run.Length).Where(k => run[k] == '.').ToList();
            var cuts = dots.Select(d => d + decimals + 1).ToList();
            if (cuts[2] != run.Length || cuts[0] > dots[1] || cuts[1] > dots[2]) continue;
            var parts = new[] { run[..cuts[0]], run[cuts[0]..cuts[1]], run[cuts[1]..] };
            if (parts.Any(p => p.StartsWith('.') || p.Length == 0)) continue;
            var values = parts.Select(p => decimal.Parse(p, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)).ToList();
            if (Math.Abs(values.Sum() - 100m) > 0.2m) continue;
            return (end, (start + cuts[1], run.Length - cuts[1]));
        }
        return null;
    }

    /// <summary>The end of the digits, thousands separators and decimals starting at <paramref name="i"/>.</summary>
    private static int ScanNumber(string text, int i)
    {
        var j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        // Thousands separators: groups of exactly three digits.
        while (j + 3 < text.Length && text[j] == ',' && char.IsAsciiDigit(text[j + 1]) && char.IsAsciiDigit(text[j + 2]) && char.IsAsciiDigit(text[j + 3])
               && (j + 4 == text.Length || !char.IsAsciiDigit(text[j + 4])))
            j += 4;
        if (j + 1 < text.Length && text[j] == '.' && char.IsAsciiDigit(text[j + 1]))
        {
            j++;
            while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        }
        return j;
    }
}
