using System.Globalization;
using System.Text;
using Etl.Domain.Staging;
using Etl.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Etl.Ingest.Tests;

/// <summary>
/// Property-based checks of the bulletin reader. Each case is a page generated from a seed with its facts known
/// by construction: sentences of catalogue indicators in the wordings bulletins use, among sentences that state
/// nothing the catalogue wants, wrapped in the markup pages use (paragraphs, nested divisions, spans that split a
/// sentence, line breaks, non-breaking and full-width spaces), numbers in plain, grouped or full-width digits,
/// in UTF-8 or GBK with or without a declaration, the page perhaps laid out in a table cell, with scripts and
/// styles, sometimes with a damaged byte in one sentence or cut short.
/// </summary>
public class BulletinFuzzTests
{
    private static readonly Lazy<Ingestor> s_ingestor = new(() => new Ingestor(RepoPaths.LoadedMappings));

    private static readonly (string Name, int Code)[] s_cities = [("珠海市", 440400), ("常州市", 320400), ("绵阳市", 510700), ("洛阳市", 410300), ("桂林市", 450300), ("石家庄市", 130100)];

    /// <summary>A sentence template: the variable, the wording with {0} for the number, and the catalogue value of a printed number.</summary>
    private sealed record Indicator(string Variable, string[] Wordings, Func<double, double> Catalogue, int Decimals, double Min, double Max);

    private static readonly Indicator[] s_indicators =
    [
        new("gdp_total", ["全年全市实现地区生产总值{0}亿元，比上年增长6.5%。", "全市地区生产总值达到{0}亿元。", "初步核算，全年地区生产总值{0}亿元，按可比价格计算，比上年增长7.1%。"], v => v * 10000, 2, 100, 9000),
        new("pop", ["年末全市常住人口{0}万人。", "年末常住人口为{0}万人，比上年末增加1.2万人。"], v => v, 2, 50, 1500),
        new("pop_registered", ["年末户籍人口{0}万人。", "全市年末户籍总人口{0}万人。"], v => v, 2, 50, 1500),
        new("students", ["普通高等学校在校学生{0}万人。", "全市普通高校在校生{0}万人，毕业生3.1万人。"], v => v * 10000, 2, 1, 90),
        new("new_entities", ["全年新登记市场主体{0}户。", "全年新设立各类市场主体{0}户，增长9.4%。"], v => v, 0, 1000, 300000),
        new("nq_rev", ["全市战略性新兴产业实现营业收入{0}亿元。", "战略性新兴产业营业收入{0}亿元，比上年增长12.0%。"], v => v, 1, 10, 5000),
    ];

    /// <summary>Sentences that state nothing the catalogue wants (a careful reader takes no fact from them).</summary>
    private static readonly string[] s_noise =
    [
        "农业生产保持稳定。", "全年粮食产量123.4万吨，比上年增长1.2%。", "规模以上工业增加值比上年增长8.1%。", "全年社会消费品零售总额增长6.3%。",
        "城乡居民收入稳步提高。", "全年接待国内外游客1234.5万人次。", "年末全市共有公共图书馆12个。", "全年完成公路货运量5678万吨。",
    ];

    private sealed record Generated(byte[] Bytes, int City, int Year, Dictionary<string, double> Facts, HashSet<string> Uncertain, bool Damaged, bool Cut);

    private static string Digits(Random rng, double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        switch (rng.Next(5))
        {
            case 0: // full-width digits and point
                return new string(text.Select(c => c is >= '0' and <= '9' ? (char)('０' + (c - '0')) : c == '.' ? '．' : c).ToArray());
            case 1 when decimals == 0 && value >= 10000: // grouped
                return ((long)value).ToString("N0", CultureInfo.InvariantCulture);
            default:
                return text;
        }
    }

    private static string Wrap(Random rng, string sentence)
    {
        // Spans that split a sentence, as pages saved from a word processor have.
        if (rng.Next(4) == 0 && sentence.Length > 4)
        {
            var at = rng.Next(1, sentence.Length - 1);
            sentence = $"<span style=\"font-family:宋体\">{sentence[..at]}</span><span>{sentence[at..]}</span>";
        }
        var space = rng.Next(4) switch { 0 => "&nbsp;&nbsp;", 1 => "\u3000\u3000", 2 => "\n  ", _ => "" };
        var element = rng.Next(4) switch
        {
            0 => $"<p class=\"MsoNormal\">{space}{sentence}</p>",
            1 => $"<div>{space}{sentence}</div>",
            2 => $"{space}{sentence}<br/>",
            _ => $"<p><font size=\"3\">{space}{sentence}</font></p>",
        };
        for (var depth = rng.Next(3); depth > 0; depth--) element = $"<div class=\"c{depth}\">{element}</div>";
        return element;
    }

    private static Generated Generate(int seed)
    {
        var rng = new Random(seed);
        var (name, code) = s_cities[rng.Next(s_cities.Length)];
        var year = rng.Next(2011, 2024);
        var facts = new Dictionary<string, double>();
        var sentences = new List<(string Html, string? Variable)>();
        foreach (var ind in s_indicators.Where(_ => rng.Next(3) > 0))
        {
            var value = Math.Round(ind.Min + rng.NextDouble() * (ind.Max - ind.Min), ind.Decimals);
            var wording = ind.Wordings[rng.Next(ind.Wordings.Length)];
            sentences.Add((string.Format(CultureInfo.InvariantCulture, wording, Digits(rng, value, ind.Decimals)), ind.Variable));
            facts[ind.Variable] = ind.Catalogue(value);
        }
        for (var n = rng.Next(0, 8); n > 0; n--) sentences.Add((s_noise[rng.Next(s_noise.Length)], null));
        sentences = sentences.OrderBy(_ => rng.Next()).ToList();

        // One of three encodings, declared or not.
        var gbk = rng.Next(2) == 0;
        var declared = rng.Next(3) > 0;
        var encoding = gbk ? Etl.Domain.Text.ChineseEncodings.Gb18030 : new UTF8Encoding(false);
        var meta = declared ? $"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={(gbk ? "gb2312" : "utf-8")}\">" : "";
        var title = $"{name}{year}年国民经济和社会发展统计公报";
        using var bytes = new MemoryStream();
        void Write(string s) => bytes.Write(encoding.GetBytes(s));
        // Old sites lay the whole page out in a table cell; scripts and styles hold numbers no reader should see.
        var inTable = rng.Next(4) == 0;
        Write($"<!DOCTYPE html><html><head>{meta}<title>{title}</title><style>p {{ margin: 12px 0 }}</style>"
              + "<script>var views = 2345; document.title = \"年末常住人口999万人\";</script></head><body>"
              + "<div class=\"nav\">首页 &gt; 统计数据 &gt; 统计公报</div>"
              + (inTable ? "<table width=\"100%\"><tr><td>" : "") + $"<h1>{title}</h1>");

        // A damaged byte inside one sentence that states nothing (it costs that sentence only), or a cut inside one.
        var damage = sentences.Count > 0 ? rng.Next(4) : 3;
        var target = sentences.Count > 0 ? rng.Next(sentences.Count) : -1;
        var uncertain = new HashSet<string>();
        var damaged = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            var html = Wrap(rng, sentences[i].Html);
            if (i == target && damage == 0 && sentences[i].Variable is null)
            {
                var at = html.IndexOf('。', StringComparison.Ordinal);
                Write(html[..at]);
                bytes.WriteByte(0xFF);
                Write(html[at..]);
                damaged = true;
                continue;
            }
            if (i == target && damage == 1)
            {
                // The download broke off inside this sentence: it and everything after it are gone or partial.
                var cut = encoding.GetBytes(html);
                bytes.Write(cut, 0, rng.Next(1, cut.Length));
                foreach (var rest in sentences.Skip(i).Where(s => s.Variable is not null)) uncertain.Add(rest.Variable!);
                return new Generated(bytes.ToArray(), code, year, facts, uncertain, false, true);
            }
            Write(html);
        }
        Write((inTable ? "</td></tr></table>" : "") + "<div class=\"footer\">版权所有：统计局　联系电话：0000-12345678</div></body></html>");
        return new Generated(bytes.ToArray(), code, year, facts, uncertain, damaged, false);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try { _ = new UTF8Encoding(false, true).GetString(bytes); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    private static bool Holds(int seed)
    {
        var g = Generate(seed);
        using var dir = new TempDirectory("bulletin-fuzz");
        var path = Path.Combine(dir.Path, "bulletins", "page.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, g.Bytes);
        var f = s_ingestor.Value.ParseOne(RawFolder.List(dir.Path, SourceKind.Bulletin).Single());
        var staged = f.Facts.ToDictionary(x => x.Variable, x => x);
        var why = $"seed {seed}: facts {string.Join(", ", staged.Select(kv => $"{kv.Key}={kv.Value.Value.ToString(CultureInfo.InvariantCulture)}"))}; expected {string.Join(", ", g.Facts.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"))}; quarantine {string.Join(" | ", f.Quarantine.Select(q => $"{q.Reason} {q.Locator}"))}";
        void Check(bool ok, string what)
        {
            if (!ok) throw new Xunit.Sdk.XunitException($"{why}: {what}\n{Encoding.UTF8.GetString(System.Text.Encoding.Convert(g.Bytes.Length > 0 && IsUtf8(g.Bytes) ? Encoding.UTF8 : Etl.Domain.Text.ChineseEncodings.Gb18030, Encoding.UTF8, g.Bytes))}");
        }
        Check(f.Outcome.Rejection is null, $"rejected {f.Outcome.Rejection}");
        Check(f.Outcome.Reconciles, "does not reconcile");
        Check(staged.Values.All(s => s.City.Value == g.City && s.Year == g.Year), "city or year");
        foreach (var (variable, value) in g.Facts)
        {
            if (staged.TryGetValue(variable, out var s)) Check(Math.Abs(s.Value - value) <= 1e-9 * Math.Max(1, Math.Abs(value)), $"{variable} value");
            else Check(g.Uncertain.Contains(variable), $"{variable} missing");
        }
        Check(staged.Keys.All(g.Facts.ContainsKey), "a fact the page does not state");
        var encodingErrors = f.Quarantine.Count(q => q.Reason == "encoding_error");
        // A cut inside a character leaves a damaged byte at the end: its sentence is quarantined too.
        var cut = g.Cut;
        Check(cut ? encodingErrors <= 1 : encodingErrors == (g.Damaged ? 1 : 0), "encoding_error count");
        Check(cut || f.Quarantine.All(q => q.Reason == "encoding_error"), "an undamaged page quarantines nothing");
        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property A_generated_page_yields_its_facts_and_nothing_else() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Holds);

    [FsCheck.Xunit.Property(MaxTest = 5000)]
    [Trait("Category", "Slow")]
    public Property A_generated_page_yields_its_facts_and_nothing_else_many_cases() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Holds);
}
