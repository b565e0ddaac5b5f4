using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// The yearbook parser on workbooks written by LibreOffice (see Fixtures/README.md), covering the layouts and
/// defects of real editions. Expected values are read off the fixture sources by hand.
/// </summary>
public class YearbookFixtureTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static ParsedFile Parse(string relative) =>
        new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(s_root, SourceKind.Yearbook).Single(f => f.Relative == relative));

    private static StagedFact Fact(ParsedFile f, int city, string variable) =>
        f.Facts.Single(x => x.City == new CityCode(city) && x.Variable == variable);

    [Fact]
    public void Legacy_xls_with_districts_first_and_the_unit_in_the_title()
    {
        var f = Parse("yearbook/2016/population.xls");
        var o = f.Outcome;
        Assert.True(o.Reconciles);
        Assert.Null(o.Rejection);
        // 2016 edition reports 2015.
        Assert.All(f.Facts, x => Assert.Equal(2015, x.Year));
        // 全市 column, not the 市辖区 one printed first; "1,023.45" as text with a separator.
        Assert.Equal(1023.45, Fact(f, 130100, "pop_registered").Value);
        Assert.Equal("sheet '2-1'!D10", Fact(f, 130100, "pop_registered").Locator);
        // "唐  山①": padding and a footnote mark; full-width digits as text.
        Assert.Equal(756.12, Fact(f, 130200, "pop_registered").Value);
        // 襄樊 is Xiangyang's name before 2010; an old spelling still places the row.
        Assert.Equal(590, Fact(f, 420600, "pop_registered").Value);
        // 邯郸: "…" is missing, never zero.
        Assert.DoesNotContain(f.Facts, x => x.City == new CityCode(130400));
        Assert.Equal(1, o.MissingValues);
        // Rows: national, region, province skipped by rule; 4 cities; 石河子 (county level), 火星市 (unknown)
        // and a repeated 石家庄 quarantined; two note rows. The blank row is not an item.
        Assert.Equal(1, o.Excluded["national_row"]);
        Assert.Equal(1, o.Excluded["region_row"]);
        Assert.Equal(1, o.Excluded["province_row"]);
        Assert.Equal(2, o.Excluded["note_row"]);
        Assert.Equal(1, o.Quarantined["county_level_unit"]);
        Assert.Equal(1, o.Quarantined["unknown_city"]);
        Assert.Equal(1, o.Quarantined["duplicate_city_row"]);
        Assert.Equal(4 + 2, o.Loaded); // four cities on sheet 2-1, two on 10-1
        Assert.Contains(f.Quarantine, q => q is { Reason: "unknown_city", Locator: "sheet '2-1'!A16" } && q.Detail.Contains("火星市", StringComparison.Ordinal));
        // Average population is not a catalogue variable and is not staged.
        Assert.DoesNotContain(f.Facts, x => x.Variable == "pop");
    }

    [Fact]
    public void Students_printed_in_ten_thousands_become_persons()
    {
        var f = Parse("yearbook/2016/population.xls");
        Assert.Equal(456700, Fact(f, 130100, "students").Value);
        var tangshan = Fact(f, 130200, "students");
        Assert.Equal(123000, tangshan.Value);
        Assert.Equal("12.3*", tangshan.RawText);
        Assert.Contains("footnote", tangshan.Context, StringComparison.Ordinal);
        Assert.Equal("万人", tangshan.RawUnit);
    }

    [Fact]
    public void Xlsx_with_two_tables_on_one_sheet_units_in_english_and_bad_cells()
    {
        var f = Parse("yearbook/2022/economy.xlsx");
        var o = f.Outcome;
        Assert.True(o.Reconciles);
        Assert.All(f.Facts, x => Assert.Equal(2021, x.Year));
        // 40269.55 亿元 is 402,695,500 万元, the catalogue unit of gdp_total.
        Assert.Equal(402695500, Fact(f, 110000, "gdp_total").Value, 6);
        // The per-capita unit is given only as "(yuan)".
        Assert.Equal(183980, Fact(f, 110000, "gdp").Value);
        Assert.Equal(156950500, Fact(f, 120000, "gdp_total").Value, 6);
        // "第三产业" under the title 地区生产总值构成 (%) is the tertiary share; the second table is found.
        Assert.Equal(81.7, Fact(f, 110000, "ind3_share").Value);
        Assert.Equal(49.4, Fact(f, 130600, "ind3_share").Value);
        // A date where a number belongs and a word are quarantined one by one, with their cells.
        Assert.Contains(f.Quarantine, q => q is { Reason: "unparsable_value", Locator: "sheet '经济'!B8" });
        Assert.Contains(f.Quarantine, q => q is { Reason: "unparsable_value", Locator: "sheet '经济'!C6" } && q.Detail.Contains("abc", StringComparison.Ordinal));
        Assert.Equal(2, o.RejectedValues["unparsable_value"]);
        Assert.Equal(1, o.MissingValues);
        Assert.Equal(5, o.Facts);
        Assert.Equal(5, o.Loaded);
        Assert.Equal(7, o.Read); // the blank row and the second table's title are not items
        Assert.Equal(1, o.Excluded["province_row"]);
        Assert.Equal(1, o.Excluded["note_row"]);
    }

    [Fact]
    public void Short_province_headings_units_beside_titles_and_look_alike_columns()
    {
        var f = Parse("yearbook/2019/misc.xlsx");
        var o = f.Outcome;
        Assert.True(o.Reconciles);
        // "单位：万人" sits in the cell beside the title.
        Assert.Equal(750.5, Fact(f, 220100, "pop_registered").Value);
        // The first 吉林 (no values) is the province heading; the second is the city.
        Assert.Equal(400.25, Fact(f, 220200, "pop_registered").Value);
        Assert.Equal(1, o.Excluded["province_row"]);
        Assert.False(o.Quarantined.ContainsKey("duplicate_city_row"));
        // 年平均常住人口 is not the year-end resident population; 从业人员构成 is not the GDP structure.
        Assert.DoesNotContain(f.Facts, x => x.Variable is "pop" or "ind3_share");
        Assert.Equal(2018, f.Facts[0].Year);
    }

    [Theory]
    [InlineData("garbage", "unsupported_format")]
    [InlineData("truncated", "corrupt_workbook")]
    [InlineData("empty", "empty_workbook")]
    public void Malformed_workbooks_are_rejected_with_a_reason_and_others_still_load(string kind, string reason)
    {
        using var dir = new TempDirectory("yb-bad");
        var folder = Path.Combine(dir.Path, "yearbook", "2020");
        Directory.CreateDirectory(folder);
        var good = File.ReadAllBytes(Path.Combine(s_root, "yearbook", "2022", "economy.xlsx"));
        File.WriteAllBytes(Path.Combine(folder, "b_good.xlsx"), good);
        var bad = Path.Combine(folder, "a_bad.xlsx");
        switch (kind)
        {
            case "garbage": File.WriteAllBytes(bad, [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 37 % 251))]); break;
            case "truncated": File.WriteAllBytes(bad, good[..(good.Length / 2)]); break;
            default: File.WriteAllBytes(bad, EmptyWorkbook()); break;
        }
        var result = new Ingestor(RepoPaths.LoadedMappings).Run(RawFolder.List(dir.Path, SourceKind.Yearbook));
        var rejected = result.Files.Single(f => f.Outcome.File.EndsWith("a_bad.xlsx", StringComparison.Ordinal));
        Assert.Equal(reason, rejected.Outcome.Rejection);
        Assert.True(rejected.Outcome.Reconciles);
        Assert.Contains(rejected.Quarantine, q => q.Reason == reason && q.File == "yearbook/2020/a_bad.xlsx");
        Assert.Equal(5, result.Files.Single(f => f.Outcome.File.EndsWith("b_good.xlsx", StringComparison.Ordinal)).Facts.Count);
    }

    [Fact]
    public void A_table_that_names_no_year_outside_an_edition_folder_has_its_rows_quarantined()
    {
        using var dir = new TempDirectory("yb-noed");
        Directory.CreateDirectory(Path.Combine(dir.Path, "yearbook", "misc"));
        File.Copy(Path.Combine(s_root, "yearbook", "2022", "economy.xlsx"), Path.Combine(dir.Path, "yearbook", "misc", "economy.xlsx"));
        var f = new Ingestor(RepoPaths.LoadedMappings).Run(RawFolder.List(dir.Path, SourceKind.Yearbook)).Files.Single();
        Assert.Empty(f.Facts);
        Assert.True(f.Outcome.Reconciles);
        Assert.True(f.Outcome.Quarantined["no_year"] > 0);
        Assert.Equal(f.Outcome.Read, f.Outcome.Quarantined["no_year"] + f.Outcome.Excluded.Values.Sum());
        Assert.All(f.Quarantine, q => Assert.Equal("no_year", q.Reason));
    }

    /// <summary>A minimal valid .xlsx with one sheet and no cells.</summary>
    private static byte[] EmptyWorkbook()
    {
        using var m = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(m, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var ws = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            ws.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(new DocumentFormat.OpenXml.Spreadsheet.SheetData());
            var sheets = wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
            sheets.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "空" });
            wb.Workbook.Save();
        }
        return m.ToArray();
    }
}
