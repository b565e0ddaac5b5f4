using System.Text;
using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// The bulletin parser on hand-written pages: encodings, identification by title and heading, phrasings
/// and units, figures that are not levels, tables, and pages that are not bulletins.
/// </summary>
public class BulletinFixtureTests
{
    private static readonly Encoding s_gb = Etl.Domain.Text.ChineseEncodings.Gb18030;

    private static string Page(string title, string body, string head = "<meta charset=\"utf-8\">", string? heading = null) =>
        $"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><div class=\"article\"><h1>{heading ?? title}</h1>{body}</div></body></html>";

    private static ParsedFile Parse(byte[] bytes, string name = "t20230301_1.html")
    {
        using var dir = new TempDirectory("bulletin");
        Directory.CreateDirectory(Path.Combine(dir.Path, "bulletins"));
        File.WriteAllBytes(Path.Combine(dir.Path, "bulletins", name), bytes);
        return new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(dir.Path, SourceKind.Bulletin).Single());
    }

    private static ParsedFile ParseUtf8(string html) => Parse(new UTF8Encoding(false).GetBytes(html));

    private static double Value(ParsedFile f, string variable) => f.Facts.Single(x => x.Variable == variable).Value;

    [Fact]
    public void Prose_figures_in_their_units_become_catalogue_values()
    {
        var f = ParseUtf8(Page("珠海市2011年国民经济和社会发展统计公报", """
            <p>初步核算，2011年全市实现地区生产总值（GDP）1403.24亿元，比上年增长11.3%。其中，第一产业增加值37.70亿元，增长3.2%。三次产业结构比例为2.7:54.8:42.5。</p>
            <p>按常住人口计算，全市人均地区生产总值89794元，按年平均汇率折算为13902美元。</p>
            <p>年末全市常住人口156.76万人，其中城镇常住人口137.80万人；户籍人口106.42万人。</p>
            <p>年末全市实有各类市场主体15.12万户，全年新登记各类市场主体21,350户，增长8.1%。</p>
            <p>全市战略性新兴产业实现营业收入12,345,678万元，比上年增长15.2%；年末从业人员5.62万人。年末全市从业人员98.1万人。</p>
            """));
        Assert.True(f.Outcome.Reconciles);
        Assert.Equal("440400 珠海市 2011", f.Outcome.Note);
        Assert.All(f.Facts, x => Assert.Equal((new CityCode(440400), 2011), (x.City, x.Year)));
        Assert.Equal(14032400, Value(f, "gdp_total"), 6); // 亿元 → 万元
        Assert.Equal(89794, Value(f, "gdp"));
        Assert.Equal(156.76, Value(f, "pop"));
        Assert.Equal(42.5, Value(f, "ind3_share"));
        Assert.Equal(21350, Value(f, "new_entities"));
        Assert.Equal(1234.5678, Value(f, "nq_rev"), 9); // 万元 → 亿元
        Assert.Equal(5.62, Value(f, "nq_emp"));
        Assert.Equal(106.42, Value(f, "pop_registered")); // registered population is read as what it is, never as pop
        Assert.Equal(8, f.Facts.Count);
        var rev = f.Facts.Single(x => x.Variable == "nq_rev");
        Assert.Equal("12,345,678", rev.RawText);
        Assert.Equal("万元", rev.RawUnit);
        Assert.StartsWith("body>div:nth-of-type(1)>p:nth-of-type(5) @", rev.Locator, StringComparison.Ordinal);
        Assert.Contains("战略性新兴产业实现营业收入", rev.Context, StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_rates_value_added_and_output_are_never_taken_for_levels()
    {
        var f = ParseUtf8(Page("某市", "") .Replace("某市", "2016年温州市国民经济和社会发展统计公报", StringComparison.Ordinal)
            .Replace("</h1>", """</h1><p>规模以上工业中，战略性新兴产业增加值增长12.5%，占规模以上工业增加值的比重为25.3%。战略性新兴产业营业收入增长9.1%。战略性新兴产业产值1530.20亿元。高技术制造业营业收入880.00亿元。</p>""", StringComparison.Ordinal));
        Assert.Equal("330300 温州市 2016", f.Outcome.Note);
        Assert.Empty(f.Facts);
        // Both statements about the catalogue's subject are read and set aside by the rule that says why; the
        // value added and the other industry's revenue are other indicators, not statements of a catalogue one.
        Assert.Equal(2, f.Outcome.Read);
        Assert.Equal(1, f.Outcome.Excluded["growth_rate"]);
        Assert.Equal(1, f.Outcome.Excluded["other_measure"]);
        Assert.True(f.Outcome.Reconciles);
    }

    [Fact]
    public void Full_width_digits_gbk_meta_and_a_summary_table()
    {
        var html = Page("２０１８年无锡市国民经济和社会发展统计公报_无锡统计", """
            <p>全年全市生产总值１１４３８．６２亿元，增长７．４％。</p>
            <table><tr><th>指标</th><th>单位</th><th>绝对数</th><th>比上年增长(%)</th></tr>
            <tr><td>地区生产总值</td><td>亿元</td><td>11438.62</td><td>7.4</td></tr>
            <tr><td>战略性新兴产业营业收入</td><td>亿元</td><td>3012.40</td><td>10.2</td></tr></table>
            """, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", "无锡市2018年国民经济和社会发展统计公报");
        var f = Parse(s_gb.GetBytes(html));
        Assert.Equal("gb18030 (meta)", f.Outcome.Encoding);
        Assert.Equal("320200 无锡市 2018", f.Outcome.Note);
        Assert.Equal(114386200, Value(f, "gdp_total"), 6);
        Assert.Equal("１１４３８．６２", f.Facts.Single(x => x.Variable == "gdp_total").RawText);
        // Restated in the table: one fact, the restatement excluded by rule.
        Assert.Equal(1, f.Outcome.Excluded["restated"]);
        Assert.Equal(3012.40, Value(f, "nq_rev"));
        Assert.Contains(">tr:nth-of-type(3)", f.Facts.Single(x => x.Variable == "nq_rev").Locator, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_different_revenue_figures_are_flagged_not_guessed()
    {
        var f = ParseUtf8(Page("常州市2019年国民经济和社会发展统计公报", """
            <p>全市战略性新兴产业实现营业收入4251.20亿元，增长12.0%。</p>
            <table><tr><th>指标</th><th>单位</th><th>绝对数</th></tr><tr><td>战略性新兴产业营业收入</td><td>亿元</td><td>4604.05</td></tr></table>
            """));
        Assert.DoesNotContain(f.Facts, x => x.Variable == "nq_rev");
        Assert.Equal(2, f.Outcome.Quarantined["ambiguous_value"]);
        Assert.All(f.Quarantine, q => Assert.Contains("4251.20亿元, 4604.05亿元", q.Detail, StringComparison.Ordinal));
        Assert.True(f.Outcome.Reconciles);
    }

    [Fact]
    public void Gb18030_without_any_declaration_is_sniffed()
    {
        var html = Page("绵阳市2015年国民经济和社会发展统计公报", "<p>年末常住人口为477.49万人。</p>", head: "");
        var f = Parse(s_gb.GetBytes(html));
        Assert.Equal("gb18030 (sniffed)", f.Outcome.Encoding);
        Assert.Equal(477.49, Value(f, "pop"));
    }

    [Fact]
    public void A_byte_order_mark_wins_over_a_conflicting_meta()
    {
        var html = Page("芜湖市2012年国民经济和社会发展统计公报", "<p>年末常住人口为358.03万人。</p>", head: "<meta charset=\"gbk\">");
        var f = Parse(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(html)).ToArray());
        Assert.Equal("utf-8 (bom)", f.Outcome.Encoding);
        Assert.Equal(358.03, Value(f, "pop"));
    }

    [Fact]
    public void A_wrong_utf8_declaration_is_overridden_not_turned_into_mojibake()
    {
        var html = Page("芜湖市2012年国民经济和社会发展统计公报", "<p>年末常住人口为358.03万人。</p>");
        var f = Parse(s_gb.GetBytes(html));
        Assert.Equal("gb18030 (meta utf-8 overridden)", f.Outcome.Encoding);
        Assert.Equal(358.03, Value(f, "pop"));
    }

    [Fact]
    public void Bytes_valid_in_no_encoding_are_rejected()
    {
        // Far more damage than a few bytes: one byte in three is 0xFF, which no encoding the reader knows has.
        var junk = Enumerable.Range(0, 3000).Select(i => i % 3 == 0 ? (byte)0xFF : (byte)0x61).ToArray();
        var bytes = Encoding.ASCII.GetBytes("<html><head><title>x</title></head><body>").Concat(junk).ToArray();
        var f = Parse(bytes);
        Assert.Equal("encoding_error", f.Outcome.Rejection);
        Assert.True(f.Outcome.Reconciles);
        Assert.Single(f.Quarantine);
    }

    [Fact]
    public void A_damaged_byte_costs_its_sentence_not_the_page()
    {
        var html = Page("绵阳市2015年国民经济和社会发展统计公报", "<p>全年地区生产总值1700.33亿元，增长8.6%。年末常住人口为477.49万人。</p><p>人均地区生产总值35793元。</p>", head: "<meta charset=\"gbk\">");
        var bytes = s_gb.GetBytes(html);
        // Damage the population sentence: 0xFF is no GB18030 byte.
        var at = IndexOf(bytes, s_gb.GetBytes("常住人口")) + 2;
        bytes[at] = 0xFF;
        var f = Parse(bytes);
        Assert.Null(f.Outcome.Rejection);
        Assert.StartsWith("gb18030 (meta", f.Outcome.Encoding, StringComparison.Ordinal);
        Assert.Contains("damaged byte sequence", f.Outcome.Encoding, StringComparison.Ordinal);
        Assert.Equal(17003300, Value(f, "gdp_total"));
        Assert.Equal(35793, Value(f, "gdp"));
        Assert.DoesNotContain(f.Facts, x => x.Variable == "pop");
        var q = Assert.Single(f.Quarantine);
        Assert.Equal("encoding_error", q.Reason);
        Assert.Matches(@"damage is at byte \d+", q.Detail);
        Assert.True(f.Outcome.Reconciles);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [Theory]
    [InlineData("<html><body><p>正在跳转……</p></body></html>", "no_title")]
    [InlineData("<html><head><title>404 页面不存在</title></head><body><h1>对不起</h1></body></html>", "not_a_bulletin")]
    [InlineData("<html><head><title>昆山市2015年国民经济和社会发展统计公报</title></head><body></body></html>", "county_bulletin")]
    [InlineData("<html><head><title>苏州市吴江区2015年国民经济和社会发展统计公报</title></head><body></body></html>", "county_bulletin")]
    [InlineData("<html><head><title>火星市2015年国民经济和社会发展统计公报</title></head><body></body></html>", "unknown_city")]
    [InlineData("<html><head><title>江苏省2015年国民经济和社会发展统计公报</title></head><body></body></html>", "province_bulletin")]
    [InlineData("<html><head><title>南京市2008年国民经济和社会发展统计公报</title></head><body></body></html>", "outside_window")]
    [InlineData("<html><head><title>南京市2015年统计公报</title></head><body><h1>南京市2016年统计公报</h1></body></html>", "identity_conflict")]
    public void Pages_that_are_not_city_bulletins_of_the_window_are_set_aside_with_a_reason(string html, string reason)
    {
        var f = ParseUtf8(html);
        Assert.Equal(reason, f.Outcome.Rejection);
        Assert.Empty(f.Facts);
        Assert.True(f.Outcome.Reconciles);
        Assert.Equal(1, f.Outcome.Read);
    }

    [Fact]
    public void A_year_in_chinese_numerals_and_the_year_first()
    {
        var f = ParseUtf8(Page("二〇一五年成都市国民经济和社会发展统计公报", "<p>年末常住人口1465.8万人。</p>"));
        Assert.Equal("510100 成都市 2015", f.Outcome.Note);
    }

    [Fact]
    public void Old_sites_lay_pages_out_in_tables_divs_and_line_breaks()
    {
        var f = ParseUtf8("""
            <html><head><meta charset="utf-8"><title>深圳市统计局-深圳市2019年国民经济和社会发展统计公报</title></head><body>
            <table width="100%"><tr><td><p>全年全市生产总值
              26927.09亿元，比上年增长6.7%。</p></td></tr>
            <tr><td>年末常住人口为 1343.88万人。全年新登记市场主体5.6万家。</td></tr></table>
            <div class="content">全市战略性新兴产业实现营业收入 12345.67亿元，增长8.8%。<p><img src="x.png"></p></div>
            <table><tr><th>指标</th><th>单位</th><th>绝对数</th><th>比上年增长(%)</th></tr>
            <tr><td colspan="2">人均地区生产总值（元）</td><td>203489</td><td>5.1</td></tr></table>
            </body></html>
            """);
        Assert.Equal("440300 深圳市 2019", f.Outcome.Note);
        Assert.Equal(269270900, Value(f, "gdp_total"), 6);
        Assert.Equal(1343.88, Value(f, "pop"));
        Assert.Equal(56000, Value(f, "new_entities"));
        Assert.Equal(12345.67, Value(f, "nq_rev"));
        Assert.Equal(203489, Value(f, "gdp"));
        Assert.True(f.Outcome.Reconciles);
    }

    [Fact]
    public void A_year_typed_with_the_letter_O()
    {
        var f = ParseUtf8(Page("二O一九年宁波市国民经济和社会发展统计公报", "<p>年末常住人口为854.2万人。</p>"));
        Assert.Equal("330200 宁波市 2019", f.Outcome.Note);
    }

    [Fact]
    public void The_file_name_is_not_used_for_city_or_year()
    {
        var f = Parse(new UTF8Encoding(false).GetBytes(Page("宁波市2020年国民经济和社会发展统计公报", "<p>年末常住人口为940.43万人。</p>")), "hangzhou_2019.html");
        Assert.Equal("330200 宁波市 2020", f.Outcome.Note);
    }

    [Fact]
    public void A_page_nested_a_hundred_thousand_deep_is_refused_in_linear_time()
    {
        var deep = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "年末常住人口100万人。" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var f = ParseUtf8(Page("珠海市2018年国民经济和社会发展统计公报", deep));
        Assert.Equal("too_deep", f.Outcome.Rejection);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Paragraphs_and_fonts_left_open_are_not_depth()
    {
        var body = string.Concat(Enumerable.Range(0, 3000).Select(i => $"<p><font size=3>第{i}段")) + "<p>年末常住人口189.11万人。";
        var f = ParseUtf8(Page("珠海市2018年国民经济和社会发展统计公报", body));
        Assert.Null(f.Outcome.Rejection);
        Assert.Equal(189.11, Value(f, "pop"));
    }
}
