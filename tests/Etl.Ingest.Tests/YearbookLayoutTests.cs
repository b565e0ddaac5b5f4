using System.Text;
using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// Yearbook files in the layouts and formats real files come in, written here by hand so each case is visible:
/// a long panel whose rows span several years inside one edition folder, interpolated copies beside observed
/// columns, shares as 0-1 ratios, tables saved as HTML or GBK text under .xls names, and encrypted workbooks.
/// </summary>
public class YearbookLayoutTests
{
    private static ParsedFile Parse(string relative, byte[] bytes)
    {
        using var dir = new TempDirectory("yb-layout");
        var path = Path.Combine(dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(dir.Path, SourceKind.Yearbook).Single());
    }

    private static StagedFact Fact(ParsedFile f, int city, int year, string variable) =>
        f.Facts.Single(x => x.City == new CityCode(city) && x.Year == year && x.Variable == variable);

    [Fact]
    public void A_long_panel_gives_each_value_the_year_of_its_row_whatever_the_edition_folder_says()
    {
        var csv = """
            年份,省份,城市,城市代码,地区生产总值_当年价格_全市_万元,地区生产总值_当年价格_市辖区_万元,年末总人口_全市_万人,插值_年末总人口_全市_万人,第三产业占GDP的比重_全市_百分比
            2012,河北省,石家庄市,130100,43000000,18000000,1005.2,1005.2,42.1
            2015,河北省,石家庄,130100,54400000,21000000,,1030.5,46.5
            2019,河北省,石家庄市,130100,58100000,24000000,1039.4,1039.4,61.7
            2009,河北省,石家庄市,130100,32000000,,990.1,990.1,37.0
            2019,河北省,河北省,130000,350000000,,7591.9,7591.9,51.3
            """;
        var f = Parse("yearbook/2016/城市面板.csv", new UTF8Encoding(false).GetBytes(csv));
        Assert.True(f.Outcome.Reconciles);
        Assert.Null(f.Outcome.Rejection);
        // Each row's own year: 2012, 2015 and 2019 in the 2016 edition folder (which would say 2015).
        Assert.Equal(43000000, Fact(f, 130100, 2012, "gdp_total").Value);
        Assert.Equal(54400000, Fact(f, 130100, 2015, "gdp_total").Value);
        Assert.Equal(61.7, Fact(f, 130100, 2019, "ind3_share").Value);
        Assert.Contains("data year 2019 from the row's year cell", Fact(f, 130100, 2019, "gdp_total").Context, StringComparison.Ordinal);
        // 年末总人口 is registered population; the interpolated copy is never taken, so 2015 is missing, not 1030.5.
        Assert.Equal(1005.2, Fact(f, 130100, 2012, "pop_registered").Value);
        Assert.DoesNotContain(f.Facts, x => x.Year == 2015 && x.Variable == "pop_registered");
        Assert.DoesNotContain(f.Facts, x => x.Variable == "pop");
        Assert.Contains("interpolated copy", f.Outcome.Note, StringComparison.Ordinal);
        // 市辖区 columns are not the city; a year outside the panel window and the province row are excluded by rule.
        Assert.DoesNotContain(f.Facts, x => x.Variable == "gdp_total" && x.Value == 24000000);
        Assert.Equal(1, f.Outcome.Excluded["outside_window"]);
        Assert.Equal(1, f.Outcome.Excluded["province_row"]);
        Assert.Equal(3, f.Outcome.Loaded);
        Assert.Equal(1, f.Outcome.MissingValues);
    }

    [Fact]
    public void A_share_without_a_unit_is_a_ratio_when_every_value_lies_in_zero_to_one()
    {
        var csv = """
            year,城市,地区生产总值万元,地区生产总值万元_1,第三产业占比
            2018,常州,70505000,70505000,0.4866
            2019,常州,74010000,74010000,0.5021
            """;
        var f = Parse("yearbook/panel.csv", new UTF8Encoding(false).GetBytes(csv));
        Assert.Equal(48.66, Fact(f, 320400, 2018, "ind3_share").Value, 9);
        Assert.Contains("ratio, times 100", Fact(f, 320400, 2018, "ind3_share").Context, StringComparison.Ordinal);
        // The unit glued to the name (地区生产总值万元) is read; the _1 copy beside it is not.
        Assert.Equal(74010000, Fact(f, 320400, 2019, "gdp_total").Value);
        Assert.Single(f.Facts, x => x.Variable == "gdp_total" && x.Year == 2019);
    }

    [Fact]
    public void An_html_table_under_an_xls_name_takes_its_year_from_its_title()
    {
        var html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>Excel档案呈现方式</title></head><body>
            <div>2-1 年末户籍人口（2017年）</div>
            <table><tr><td>单位：万人</td></tr></table>
            <table>
            <tr><td rowspan="2">地区</td><td colspan="2">年末户籍人口</td></tr>
            <tr><td>全市</td><td>市辖区</td></tr>
            <tr><td>河北省</td><td>&nbsp;</td><td>&nbsp;</td></tr>
            <tr><td>石 家 庄</td><td>1,038.62</td><td>400.11</td></tr>
            <tr><td>唐山</td><td>757.67</td><td>336.48</td></tr>
            </table></body></html>
            """;
        var f = Parse("yearbook/2019/2-1.xls", Etl.Domain.Text.ChineseEncodings.Gb18030.GetBytes(html));
        Assert.Null(f.Outcome.Rejection);
        Assert.StartsWith("html table, gb18030", f.Outcome.Encoding, StringComparison.Ordinal);
        // The title's 2017 wins over the 2019 folder (which would say 2018), and the context says so.
        Assert.Equal(1038.62, Fact(f, 130100, 2017, "pop_registered").Value);
        Assert.Contains("the folder names edition 2019", Fact(f, 130100, 2017, "pop_registered").Context, StringComparison.Ordinal);
        Assert.Equal(757.67, Fact(f, 130200, 2017, "pop_registered").Value);
        Assert.Equal(2, f.Facts.Count);
        Assert.Equal(1, f.Outcome.Excluded["province_row"]);
    }

    [Fact]
    public void A_gbk_csv_under_an_xls_name_is_read_as_text()
    {
        var text = "2-1 人口（2016年）\r\n城市,年末户籍人口(万人),年平均人口(万人)\r\n石家庄,1028.84,1023.5\r\n\"邯  郸\",\"1,050.49\",1046.2\r\n";
        var f = Parse("yearbook/2-1.xls", Etl.Domain.Text.ChineseEncodings.Gb18030.GetBytes(text));
        Assert.StartsWith("delimited text, gb18030", f.Outcome.Encoding, StringComparison.Ordinal);
        Assert.Equal(1028.84, Fact(f, 130100, 2016, "pop_registered").Value);
        Assert.Equal(1050.49, Fact(f, 130400, 2016, "pop_registered").Value);
    }

    [Fact]
    public void A_password_protected_workbook_is_rejected_as_encrypted_whatever_its_name()
    {
        // An encrypted Office file is an OLE2 compound file holding EncryptionInfo and EncryptedPackage streams
        // (the stream names, as its directory stores them, are what identifies it; the contents are not read).
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        var f = Parse("yearbook/2020/人口.xlsx", bytes);
        Assert.Equal("encrypted_workbook", f.Outcome.Rejection);
        Assert.Contains("password", f.Quarantine.Single().Detail, StringComparison.Ordinal);
        Assert.True(f.Outcome.Reconciles);
    }

    [Fact]
    public void A_city_yearbook_table_is_read_where_the_city_is_named_and_quarantined_where_it_is_not()
    {
        var csv = """
            主要年份国民经济主要指标
            指标,单位,2015年,2016年,2017年
            地区生产总值,亿元,5273.15,5773.87,6618.42
            人均地区生产总值,元,112221,122721,140220
            年末常住人口,万人,470.14,470.83,471.73
            工业增加值,亿元,2465.2,2575.2,2946.1
            """;
        var named = Parse("yearbook/常州统计年鉴2018/2-1.csv", new UTF8Encoding(false).GetBytes(csv));
        Assert.Equal(57738700, Fact(named, 320400, 2016, "gdp_total").Value, 6);
        Assert.Equal(471.73, Fact(named, 320400, 2017, "pop").Value);
        Assert.Equal(1, named.Outcome.Excluded["other_indicator"]);
        Assert.Equal(9, named.Facts.Count);

        var anonymous = Parse("yearbook/2-1.csv", new UTF8Encoding(false).GetBytes(csv));
        Assert.Empty(anonymous.Facts);
        Assert.Equal(4, anonymous.Outcome.Quarantined["no_city"]);
    }

    [Fact]
    public void A_workbook_that_inflates_a_thousandfold_is_refused_before_it_is_read()
    {
        using var m = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(m, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
            Entry("[Content_Types].xml", "<Types/>");
            Entry("xl/workbook.xml", "<workbook/>");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            sheet.Write("<worksheet><sheetData>");
            sheet.Write(new string(' ', 16 << 20));
            sheet.Write("</sheetData></worksheet>");
        }
        var f = Parse("yearbook/2020/bomb.xlsx", m.ToArray());
        Assert.Equal("compression_ratio", f.Outcome.Rejection);
        Assert.True(f.Outcome.Reconciles);
    }
}
