using System.Globalization;
using System.Net;
using System.Text;
using Etl.Domain;
using Etl.Simulator.Publishing;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Bulletins;

/// <summary>
/// Writes one statistical bulletin page per city and year (国民经济和社会发展统计公报): city and year in the
/// title and heading (the file name carries the publication date, not the data year), prose with varied
/// wording and units, figures that must not be taken for levels (growth rates, value added, registered
/// population), optional summary tables, full-width digits, and several encodings.
/// </summary>
internal sealed class BulletinWriter
{
    private readonly SimulatedCorpus _corpus;
    private readonly ulong _seed;

    public BulletinWriter(SimulatedCorpus corpus)
    {
        _corpus = corpus;
        _seed = corpus.Options.Seed;
    }

    public BulletinCounts WriteAll(string rawDirectory)
    {
        var counts = new BulletinCounts();
        var root = Path.Combine(rawDirectory, "bulletins");
        foreach (var u in _corpus.World.Universe.OrderBy(u => u.City.Code.Value))
        {
            var province = _corpus.World.Mappings.Provinces.Find(u.City.ProvinceCode)!.ShortName;
            var dir = Path.Combine(root, province);
            Directory.CreateDirectory(dir);
            for (var y = u.FirstYear; y <= u.LastYear; y++)
            {
                var plan = _corpus.Plans[(u.City.Code.Value, y)];
                if (!plan.PageExists) continue;
                var rng = Prng.For(_seed, 60, u.City.Code.Value, y);
                var published = new DateOnly(y + 1, 2 + rng.Next(3), 1 + rng.Next(28));
                var name = $"t{published:yyyyMMdd}_{rng.Between(100000, 999999)}.{rng.PickWeighted([0.7, 0.15, 0.15]) switch { 0 => "html", 1 => "htm", _ => "shtml" }}";
                var (html, facts, fullWidth) = Compose(u, y, plan, rng, published);
                var encoding = rng.PickWeighted([0.6, 0.1, 0.25, 0.05]);
                Write(Path.Combine(dir, name), html, encoding);
                counts.Pages++;
                counts.Facts += facts;
                if (encoding >= 2) counts.Gb18030Pages++;
                if (fullWidth) counts.FullWidthPages++;
                if (plan.SeiAmbiguous && plan.StatesSei) counts.AmbiguousRevenue.Add((u.City.Code.Value, y));
                counts.Files.Add((Path.GetRelativePath(rawDirectory, Path.Combine(dir, name)).Replace('\\', '/'), u.City.Code.Value, y));
            }
        }
        // Two pages that are not bulletins (a saved error page and a page without a title).
        var errors = Path.Combine(root, "其他");
        Directory.CreateDirectory(errors);
        File.WriteAllText(Path.Combine(errors, "t20190401_000404.html"),
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404 页面不存在</title></head><body><h1>对不起，您访问的页面不存在！</h1></body></html>", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(errors, "t20200101_000000.html"),
            "<html><body><p>正在跳转……</p></body></html>", new UTF8Encoding(false));
        counts.ErrorPages = 2;
        return counts;
    }

    /// <summary>0 UTF-8 with meta, 1 UTF-8 with BOM and no meta, 2 GB18030 with meta gbk/gb2312, 3 GB18030 without meta.</summary>
    private static void Write(string path, string html, int encoding)
    {
        var gb = Etl.Domain.Text.ChineseEncodings.Gb18030;
        switch (encoding)
        {
            case 0: File.WriteAllText(path, html.Replace("<!--charset-->", "<meta charset=\"utf-8\">"), new UTF8Encoding(false)); break;
            case 1: File.WriteAllText(path, html.Replace("<!--charset-->", ""), new UTF8Encoding(true)); break;
            case 2:
                var meta = Path.GetFileName(path).Length % 2 == 0 ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">" : "<meta charset=\"gbk\">";
                File.WriteAllBytes(path, gb.GetBytes(html.Replace("<!--charset-->", meta)));
                break;
            default: File.WriteAllBytes(path, gb.GetBytes(html.Replace("<!--charset-->", ""))); break;
        }
    }

    private (string Html, int Facts, bool FullWidth) Compose(SimUnit u, int y, CityYearPlan plan, Prng rng, DateOnly published)
    {
        var code = u.City.Code.Value;
        var fullWidth = rng.Chance(0.08);
        var facts = 0;
        var cityName = rng.Chance(0.7) ? u.City.Name : u.City.ShortName + (u.City.Kind == Domain.Mappings.UnitKind.City ? "市" : "");
        var yearText = rng.Chance(0.05) ? ChineseNumbers.Year(y) : y.ToString(CultureInfo.InvariantCulture);
        var title = rng.PickWeighted([0.7, 0.2, 0.1]) switch
        {
            0 => $"{cityName}{yearText}年国民经济和社会发展统计公报",
            1 => $"{yearText}年{cityName}国民经济和社会发展统计公报",
            _ => $"{cityName}{yearText}年统计公报",
        };
        string N(Shown s, int decimals, bool thousands = false)
        {
            var text = ChineseNumbers.Format(s.Number, decimals, thousands);
            return fullWidth ? ChineseNumbers.FullWidth(text) : text;
        }
        string G(double growth)
        {
            var text = growth.ToString("0.0", CultureInfo.InvariantCulture);
            return fullWidth ? ChineseNumbers.FullWidth(text) : text;
        }
        bool Has(string v, out Shown s) => _corpus.Sources.Bulletin.TryGetValue((code, y, v), out s);
        var grammar = new StatementGrammar(rng, G);

        var body = new StringBuilder();
        void P(string text) => body.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
        body.Append("<h2>一、综合</h2>\n");

        if (Has("gdp_total", out var gdpTotal))
        {
            facts++;
            var lead = rng.Pick(["初步核算，", "经初步核算，", ""]);
            var verb = rng.Pick(["全市实现地区生产总值（GDP）", "全市地区生产总值", "全年全市生产总值"]);
            var sentence = $"{lead}{y}年{verb}{N(gdpTotal, 2)}亿元，按可比价格计算，比上年增长{G(4 + 5 * rng.NextDouble())}%。";
            if (Has("ind3_share", out var ind3))
            {
                facts++;
                var rest = 100m - ind3.Number;
                var first = Math.Round(rest * (decimal)(0.08 + 0.15 * rng.NextDouble()), 2);
                sentence += grammar.TertiaryShare(ChineseNumbers.Format(first, 2, false), ChineseNumbers.Format(rest - first, 2, false), N(ind3, 2), rng.Chance(0.5));
            }
            P(sentence);
        }
        if (Has("gdp", out var gdpPc))
        {
            facts++;
            P(grammar.GdpPerCapita(N(gdpPc, 0), ((int)((double)gdpPc.Number / 6.7)).ToString(CultureInfo.InvariantCulture)));
        }
        if (Has("pop", out var pop) && Has("pop_registered", out var registered))
        {
            facts += 2;
            _ = rng.NextDouble(); // the draw that once made up a registered figure, kept so that the rest of the page reads as before
            P(rng.Chance(0.5)
                ? $"年末全市常住人口{N(pop, 2)}万人，比上年末增加{G(0.5 + 3 * rng.NextDouble())}万人；户籍人口{N(registered, 2)}万人。"
                : $"年末户籍人口{N(registered, 2)}万人。年末常住人口为{N(pop, 2)}万人，其中城镇人口{((double)pop.Number * 0.6).ToString("0.00", CultureInfo.InvariantCulture)}万人，常住人口城镇化率{G(50 + 20 * rng.NextDouble())}%。");
        }
        if (Has("new_entities", out var entities))
        {
            facts++;
            var n = entities.Unit == "万户" ? N(entities, 2) : N(entities, 0, rng.Chance(0.1));
            var stock = ((double)entities.Number * (entities.Unit == "万户" ? 1 : 0.0001) * 6.5).ToString("0.00", CultureInfo.InvariantCulture);
            P(rng.PickWeighted([0.5, 0.3, 0.2]) switch
            {
                0 => $"全年新登记市场主体{n}{entities.Unit}，比上年增长{G(5 + 10 * rng.NextDouble())}%；年末实有市场主体{stock}万户。",
                1 => $"年末全市实有各类市场主体{stock}万户，全年新登记各类市场主体{n}{entities.Unit}。",
                _ => $"全年新设立市场主体{n}{entities.Unit}，增长{G(2 + 8 * rng.NextDouble())}%。",
            });
        }

        body.Append("<h2>三、工业和建筑业</h2>\n");
        P($"全年规模以上工业增加值比上年增长{G(3 + 6 * rng.NextDouble())}%。规模以上工业中，战略性新兴产业增加值增长{G(5 + 10 * rng.NextDouble())}%，占规模以上工业增加值的比重为{G(15 + 20 * rng.NextDouble())}%。");
        var hasRevenue = Has("nq_rev", out var revenue);
        var hasEmployment = Has("nq_emp", out var employment);
        if (hasRevenue)
        {
            facts++;
            var rv = N(revenue, revenue.Unit switch { "万元" => 0, "万亿元" => 4, _ => 2 }, revenue.Unit == "万元" && rng.Chance(0.3));
            var emp = hasEmployment ? $"{N(employment, employment.Unit == "人" ? 0 : 2)}{employment.Unit}" : null;
            if (hasEmployment) facts++;
            P(grammar.Revenue(rv + revenue.Unit, emp));
            var districts = _corpus.World.Mappings.Counties.All.Where(c => c.PrefectureCode == u.City.Code && c.ValidIn(y)).ToList();
            if (districts.Count > 0 && rng.Chance(0.3))
            {
                var part = Shown.Of(revenue.Value * (0.1 + 0.3 * rng.NextDouble()), "100m_yuan", "亿元", 2);
                P(grammar.DistrictRevenue(rng.Pick(districts).Name, N(part, 2) + "亿元"));
            }
            if (rng.Chance(0.3))
                P($"战略性新兴产业产值{((double)revenue.Value * 1.12).ToString("0.00", CultureInfo.InvariantCulture)}亿元，高技术制造业营业收入{((double)revenue.Value * 0.6).ToString("0.00", CultureInfo.InvariantCulture)}亿元。");
        }
        else if (rng.Chance(0.5))
        {
            P($"战略性新兴产业营业收入增长{G(3 + 10 * rng.NextDouble())}%，高技术制造业增加值增长{G(5 + 8 * rng.NextDouble())}%。");
        }

        var table = "";
        if ((hasRevenue && (plan.SeiAmbiguous || rng.Chance(0.25))) || rng.Chance(0.1))
        {
            var rows = new StringBuilder();
            rows.Append("<tr><th>指标</th><th>单位</th><th>绝对数</th><th>比上年增长(%)</th></tr>\n");
            if (_corpus.Sources.Bulletin.TryGetValue((code, y, "gdp_total"), out var gt))
                rows.Append($"<tr><td>地区生产总值</td><td>亿元</td><td>{N(gt, 2)}</td><td>{G(5)}</td></tr>\n");
            if (hasRevenue && (plan.SeiAmbiguous || revenue.Unit == "亿元"))
            {
                var shown = plan.SeiAmbiguous
                    ? Shown.Of(revenue.Value * 1.083, "100m_yuan", "亿元", 2)
                    : Shown.Of(revenue.Value, "100m_yuan", "亿元", 2);
                rows.Append($"<tr><td>战略性新兴产业营业收入</td><td>亿元</td><td>{N(shown, 2)}</td><td>{G(8)}</td></tr>\n");
            }
            table = $"<table class=\"MsoTableGrid\">\n<caption>表1 {y}年主要经济指标</caption>\n{rows}</table>\n";
        }

        var date = $"{published.Year}年{published.Month}月{published.Day}日";
        var html = $"""
            <!DOCTYPE html>
            <html>
            <head>
            <!--charset-->
            <title>{WebUtility.HtmlEncode(title)}_{WebUtility.HtmlEncode(u.City.ShortName)}统计信息网</title>
            </head>
            <body>
            <div class="nav"><a href="/">首页</a> &gt; <a href="/tjgb/">统计公报</a></div>
            <div class="article">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="source">{WebUtility.HtmlEncode(u.City.Name)}统计局　国家统计局{WebUtility.HtmlEncode(u.City.ShortName)}调查队</p>
            <p class="date">（{date}）</p>
            {body}{table}<p class="note">注：1. 本公报中数据均为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。2. 地区生产总值、各产业增加值绝对数按现价计算，增长速度按不变价格计算。</p>
            </div>
            <div class="footer">版权所有：{WebUtility.HtmlEncode(u.City.Name)}统计局</div>
            </body>
            </html>

            """;
        return (html, facts, fullWidth);
    }
}
