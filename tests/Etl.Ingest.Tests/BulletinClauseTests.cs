using System.Text;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// The clause reader on the classes of wording real bulletins use (see the issue "Real sources" and the real
/// samples): sentences written here by hand in those wordings, each on a page of Zhuhai's 2018 bulletin, with
/// what a careful reader takes from them. A case lists the facts (variable = value in the catalogue unit) and the
/// number of statements it leaves to a person (unread).
/// </summary>
public class BulletinClauseTests
{
    private static ParsedFile Parse(string body, string title = "珠海市2018年国民经济和社会发展统计公报")
    {
        var html = $"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>";
        using var dir = new TempDirectory("clause");
        var path = Path.Combine(dir.Path, "bulletins", "page.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(html));
        return new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(dir.Path, SourceKind.Bulletin).Single());
    }

    [Theory]
    // Revenue of strategic emerging industries: the subject named once, the measure clauses later.
    [InlineData("<p>战略性新兴产业发展势头良好，规上企业全年实现营业收入1234.5亿元，增长12.3%。</p>", "nq_rev=1234.5", 0)]
    [InlineData("<p>全市战略性新兴产业营业收入达到2345.6亿元，比上年增长10.1%。</p>", "nq_rev=2345.6", 0)]
    [InlineData("<p>战略性新兴产业实现主营业务收入3456.7亿元。</p>", "nq_rev=3456.7", 0)]
    [InlineData("<p>规模以上工业企业实现营业收入5000亿元，其中战略性新兴产业企业实现营业收入1500亿元。</p>", "nq_rev=1500", 0)]
    [InlineData("<p>战略性新兴产业营业收入比上年增长15.2%，达到1800.3亿元。</p>", "nq_rev=1800.3", 0)]
    [InlineData("<p>战略性新兴产业实现营业收入1200亿元，占规模以上工业营业收入的比重为35.2%。</p>", "nq_rev=1200", 0)]
    [InlineData("<p>全市战略性新兴产业企业（规上）实现营收3000亿元。</p>", "nq_rev=3000", 0)]
    [InlineData("<p>全市战略性新兴产业实现营业收入12,345,678万元。</p>", "nq_rev=1234.5678", 0)]
    [InlineData("<p>战略性新兴产业产值1530亿元，增长9.2%。</p>", "", 0)]
    [InlineData("<p>前三季度，战略性新兴产业实现营业收入900亿元。</p>", "", 0)]
    [InlineData("<p>高技术制造业营业收入880亿元，增长6.1%。</p>", "", 0)]
    [InlineData("<p>战略性新兴产业实现营业收入2000亿元，其中，新一代信息技术产业实现营业收入800亿元。</p>", "nq_rev=2000", 0)]
    [InlineData("<p>战略性新兴产业规模达到1200亿元。</p>", "", 1)]
    // Employment in strategic emerging industries.
    [InlineData("<p>战略性新兴产业从业人员12.5万人。</p>", "nq_emp=12.5", 0)]
    [InlineData("<p>全市战略性新兴产业企业吸纳就业8.6万人，实现营业收入900.5亿元。</p>", "nq_emp=8.6;nq_rev=900.5", 0)]
    // Parts of the city are not the city; asides and footnote marks between name and number.
    [InlineData("<p>全年地区生产总值[1]1403.24亿元。分区域看，香洲区、金湾区和斗门区分别实现地区生产总值863.48亿元、351.27亿元和188.49亿元。</p>", "gdp_total=14032400", 0)]
    [InlineData("<p>全市地区生产总值（初步核算数）①1403.24亿元，县域生产总值500.1亿元。</p>", "gdp_total=14032400", 0)]
    [InlineData("<p>全市地区生产总值1403.24亿元。其中，高新区实现地区生产总值300.2亿元，占全市的21.4%。</p>", "gdp_total=14032400", 0)]
    [InlineData("<p>全市实現地區生產總值1403.24億元，比上年增長8.0%。</p>", "gdp_total=14032400", 0)]
    [InlineData("<p>经第四次全国经济普查修订，2017年全市地区生产总值为1300.5亿元。</p>", "", 0)]
    [InlineData("<p>全市地区生产总值突破1400亿元，达到1403.24亿元。</p>", "gdp_total=14032400", 0)]
    // Structure: ratios in several wordings, the previous year's first, and the tertiary share.
    [InlineData("<p>三次产业结构由上年的2.7:54.8:42.5调整为2.7:56.0:41.3。</p>", "ind3_share=41.3", 0)]
    [InlineData("<p>三次产业比例为6.0 ∶ 40.3 ∶ 53.7。</p>", "ind3_share=53.7", 0)]
    [InlineData("<p>一二三产业结构：6.0︰40.3︰53.7。</p>", "ind3_share=53.7", 0)]
    [InlineData("<p>第一、二、三产业增加值占地区生产总值的比重分别为6.0%、40.3%和53.7%。</p>", "ind3_share=53.7", 0)]
    [InlineData("<p>第三产业增加值占GDP比重达到53.7%，比上年提高1.2个百分点。</p>", "ind3_share=53.7", 0)]
    [InlineData("<p>第一产业增加值占比6.0%，第二产业40.3%，第三产业53.7%。</p>", "ind3_share=53.7", 0)]
    [InlineData("<p>三次产业结构为2.7:56.0:41.3，三次产业对经济增长的贡献率分别为5.0%、40.0%和55.0%。</p>", "ind3_share=41.3", 0)]
    [InlineData("<p>三次产业从业人员比例为20.1:30.2:49.7。</p>", "", 0)]
    // Population: resident and registered, respectively; parts and changes are not levels.
    [InlineData("<p>年末常住人口和户籍人口分别为470.1万人和380.2万人。</p>", "pop=470.1;pop_registered=380.2", 0)]
    [InlineData("<p>年末全市常住人口189.11万人，比上年末增加12.57万人，其中城镇常住人口170.2万人。</p>", "pop=189.11", 0)]
    // New market entities: flows, not the stock or one kind of entity.
    [InlineData("<p>全年新登记市场主体5.2万户，增长8.1%；年末实有市场主体40.3万户。</p>", "new_entities=52000", 0)]
    [InlineData("<p>全年新登记经营主体10.54万户，其中新登记企业3.04万户。</p>", "new_entities=105400", 0)]
    [InlineData("<p>新设立各类市场主体23456户。</p>", "new_entities=23456", 0)]
    // Students of regular higher education.
    [InlineData("<p>全市有普通高校10所，在校学生68.48万人；成人高校4所，在校学生1.65万人。</p>", "students=684800", 0)]
    // Per capita: in yuan, not the dollar conversion.
    [InlineData("<p>按常住人口计算，全市人均地区生产总值89794元，按年平均汇率折算为13902美元。</p>", "gdp=89794", 0)]
    // Text straight in the body, between blocks and line breaks.
    [InlineData("<div>农业生产保持稳定。</div>年末全市常住人口794.36万人。<br/>全年新登记市场主体12345户。<br/><div>版权所有</div>", "pop=794.36;new_entities=12345", 0)]
    // Tables: units in the value column's header, or in the table's title.
    [InlineData("<table><tr><td>指标</td><td>绝对数（亿元）</td><td>比上年增长(%)</td></tr><tr><td>地区生产总值</td><td>1403.24</td><td>8.0</td></tr></table>", "gdp_total=14032400", 0)]
    [InlineData("<p>表2 年末人口（单位：万人）</p><table><tr><td>指标</td><td>年末数</td></tr><tr><td>常住人口</td><td>189.11</td></tr><tr><td>户籍人口</td><td>122.45</td></tr></table>", "pop=189.11;pop_registered=122.45", 0)]
    public void A_sentence_yields_what_a_careful_reader_takes(string body, string facts, int unread)
    {
        var f = Parse(body);
        Assert.True(f.Outcome.Reconciles);
        Assert.Null(f.Outcome.Rejection);
        var expected = facts.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var staged = f.Facts.ToDictionary(x => x.Variable, x => x.Value);
        Assert.Equal(expected.Keys.Order(), staged.Keys.Order());
        foreach (var (variable, value) in expected) Assert.Equal(value, staged[variable], 9);
        Assert.Equal(unread, f.Outcome.Quarantined.GetValueOrDefault("unread_statement"));
        Assert.Equal(0, f.Outcome.Quarantined.GetValueOrDefault("ambiguous_value"));
    }

    [Theory]
    // County names that begin with a character that also joins lists (和平县 of Heyuan): a part, not the city.
    [InlineData("<p>全市战略性新兴产业实现营业收入609.26亿元。其中，和平县战略性新兴产业营业收入118.75亿元，同比增长8.5%。</p>")]
    [InlineData("<p>全市战略性新兴产业实现营业收入609.26亿元，和平县、龙川县分别实现118.75亿元和90.1亿元。</p>")]
    public void A_county_whose_name_starts_like_a_conjunction_is_a_part(string body)
    {
        var f = Parse(body, "河源市2020年国民经济和社会发展统计公报");
        var fact = Assert.Single(f.Facts);
        Assert.Equal(("nq_rev", 609.26), (fact.Variable, fact.Value));
        Assert.Equal(0, f.Outcome.Quarantined.GetValueOrDefault("ambiguous_value"));
    }

    /// <summary>
    /// Real wording, from Heyuan's 2021 bulletin as quoted at https://bkwk.cn/article/hys2ntjgbjjdpdjmfzxqs.html:
    /// 和平 inside a list of counties stays a place (with or without 县), and the counties' total is a part.
    /// A careful reader takes GDP 1273.99亿元, the structure's 51.5 and GDP per capita 44886元, and nothing from
    /// the county sentence.
    /// </summary>
    [Fact]
    public void A_real_list_of_counties_with_heping_gives_the_city_figures_only()
    {
        var f = Parse("""
            <p>根据广东省地区生产总值统一核算结果,2021年河源市实现地区生产总值(初步核算数)1273.99亿元,比上年增长8.0%。</p>
            <p>2021年,河源市三次产业结构由上年的12.0:34.8:53.2调整为12.1:36.4:51.5,第一产业、第二产业所占比重比上年分别提高了0.1和1.6个百分点。</p>
            <p>2021年,河源市人均地区生产总值44886元,增长8.2%。</p>
            <p>河源市下辖东源、和平、龙川、紫金及连平五个行政县,县域地区生产总值合计751.25亿元,占全市地区生产总值的59.0%。</p>
            """, "河源市2021年国民经济和社会发展统计公报");
        var staged = f.Facts.ToDictionary(x => x.Variable, x => x.Value);
        Assert.Equal(["gdp", "gdp_total", "ind3_share"], staged.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12739900, staged["gdp_total"], 6);
        Assert.Equal(51.5, staged["ind3_share"], 9);
        Assert.Equal(44886, staged["gdp"], 9);
        Assert.Equal(0, f.Outcome.Quarantined.GetValueOrDefault("ambiguous_value"));
        Assert.Equal(0, f.Outcome.Quarantined.GetValueOrDefault("unread_statement"));
    }
}
