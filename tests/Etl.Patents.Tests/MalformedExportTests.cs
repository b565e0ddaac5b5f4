using System.Text;
using Etl.Testing;
using static Etl.Patents.Tests.ExportText;

namespace Etl.Patents.Tests;

/// <summary>Malformed exports: every bad row is quarantined with its line and reason, the rest still counts.</summary>
public class MalformedExportTests
{
    private static (PatentStageResult Result, Domain.Staging.FileOutcome Outcome) Run(string text, Encoding? encoding = null)
    {
        using var dir = new TempDirectory("malformed");
        var path = dir.File("export.csv");
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.csv", "", new FileInfo(path).Length)]);
        return (result, result.Files.Single());
    }

    [Fact]
    public void A_quote_left_open_mid_file_costs_only_its_own_line()
    {
        var (r, o) = Run(Lines(Header, Row(1), $"{Number(2)},2015-03-02,\"一种未闭合的标题,摘要,申请人,北京市海淀区,G06F16/27,发明专利", Row(3), Row(4), Row(5)));
        Assert.True(o.Reconciles, string.Join(" | ", r.Quarantine.Select(q => q.Detail)));
        Assert.True(o.Read == 5, string.Join(" | ", r.Quarantine.Select(q => q.Detail)));
        Assert.Equal(4, o.Loaded);
        Assert.Equal(1, o.Quarantined["malformed_quotes"]);
        Assert.Contains(r.Quarantine, q => q.Locator == "line 3" && q.Reason == "malformed_quotes");
        Assert.Equal(4, r.Aggregates.Units[(320500, 2015)].Inventions);
    }

    [Fact]
    public void A_quote_left_open_in_a_large_file_costs_only_its_own_line()
    {
        // More than the reader's record limit follows the open quote, so the reader gives up on the record.
        var rows = Enumerable.Range(3, 6000).Select(i => Row(i)).ToList();
        var (r, o) = Run(Lines([Header, Row(1), $"{Number(2)},2015-03-02,\"一种未闭合的标题,摘要,申请人,北京市海淀区,G06F16/27,发明专利", .. rows]));
        Assert.True(o.Reconciles);
        Assert.Equal(6002, o.Read);
        Assert.Equal(6001, o.Loaded);
        Assert.Contains(r.Quarantine, q => q.Locator == "line 3" && q.Reason == "malformed_quotes");
    }

    [Fact]
    public void A_quote_left_open_that_a_later_quote_closes_costs_only_its_own_line()
    {
        // The open quote on line 3 is closed by the quotes around a later abstract: a parser reads lines 3 to 9
        // as one record. Every physical line must still be loaded, excluded or quarantined on its own.
        var later = Row(9).Replace("本发明涉及农业领域。", "\"本发明涉及农业领域,尤其是水稻。\"", StringComparison.Ordinal);
        var (r, o) = Run(Lines(Header, Row(1), $"{Number(2)},2015-03-02,\"一种未闭合的标题,摘要,申请人,北京市海淀区,G06F16/27,发明专利",
            Row(3), Row(4), Row(5), Row(6), Row(7), Row(8), later, Row(10)));
        Assert.True(o.Reconciles, string.Join(" | ", r.Quarantine.Select(q => q.Locator + " " + q.Detail)));
        Assert.Equal(10, o.Read);
        Assert.Equal(1, o.Quarantined.Values.Sum());
        Assert.Contains(r.Quarantine, q => q.Locator == "line 3");
        Assert.Equal(9, o.Loaded);
    }

    [Fact]
    public void A_record_too_long_right_after_a_swallowing_quote_costs_only_its_own_line()
    {
        // The open quote on line 3 is closed on line 9 by a quote followed by text, so the parser reports lines 3-9 as
        // one malformed record and goes straight on to line 10, which is longer than a record may be. Reading must
        // resume on line 4, the first line the broken record swallowed that starts a record, not after line 4.
        var closing = Row(9).Replace("本发明涉及农业领域。", "\"本发明\"涉及农业领域。", StringComparison.Ordinal);
        var tooLong = Row(10).Replace("一种水稻播种的控制方法", new string('长', Reading.ExportReader.MaxRecordBytes), StringComparison.Ordinal);
        var (r, o) = Run(Lines(Header, Row(1), $"{Number(2)},2015-03-02,\"一种未闭合的标题,摘要,申请人,北京市海淀区,G06F16/27,发明专利",
            Row(3), Row(4), Row(5), Row(6), Row(7), closing, tooLong, Row(11)));
        var where = string.Join(" | ", r.Quarantine.Select(q => $"{q.Locator} {q.Reason}"));
        Assert.True(o.Reconciles, where);
        Assert.Equal(10, o.Read);
        Assert.Equal(7, o.Loaded);
        Assert.Equal(["line 10 record_too_long", "line 3 malformed_quotes", "line 9 malformed_quotes"],
            r.Quarantine.Select(q => $"{q.Locator} {q.Reason}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plain_csv_named_gz_is_read_as_what_its_bytes_are()
    {
        using var dir = new TempDirectory("not-gzip");
        var path = dir.File("export.csv.gz");
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(Lines(Header, Row(1), Row(2))));
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.csv.gz", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.Null(o.Rejection);
        Assert.Equal(2, o.Loaded);
        Assert.Contains("named .gz but not gzip", o.Encoding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_longer_than_a_record_may_be_is_record_too_long_not_a_quote()
    {
        var longTitle = new string('长', Reading.ExportReader.MaxRecordBytes); // 3 MiB of UTF-8 on one line
        var (r, o) = Run(Lines(Header, Row(1), Row(2).Replace("一种水稻播种的控制方法", longTitle, StringComparison.Ordinal), Row(3), Row(4)));
        Assert.True(o.Reconciles);
        Assert.Equal(1, o.Quarantined.GetValueOrDefault("record_too_long"));
        Assert.Equal(0, o.Quarantined.GetValueOrDefault("malformed_quotes"));
        Assert.Contains(r.Quarantine, q => q.Locator == "line 3" && q.Reason == "record_too_long");
        Assert.Equal(3, o.Loaded);
    }

    [Fact]
    public void A_gzip_file_that_breaks_off_keeps_what_was_read_and_quarantines_the_rest()
    {
        using var dir = new TempDirectory("malformed-gz");
        var path = dir.File("export.csv.gz");
        var text = Lines([Header, .. Enumerable.Range(1, 20000).Select(i => Row(i))]);
        using (var f = File.Create(path))
        using (var gz = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(new UTF8Encoding(false).GetBytes(text));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.csv.gz", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.True(o.Reconciles);
        Assert.Null(o.Rejection);
        Assert.Equal(1, o.Quarantined["read_error"]);
        Assert.InRange(o.Loaded, 1000, 19999);
        Assert.Equal(o.Loaded, result.Aggregates.Units[(320500, 2015)].Inventions);
    }

    [Fact]
    public void Ragged_rows_and_stray_quotes_are_quarantined_with_their_lines()
    {
        var (r, o) = Run(Lines(Header, Row(1), Row(2) + ",多余,字段", $"{Number(3)},2015-03-02,标题", Row(4).Replace("华创", "华\"创", StringComparison.Ordinal), Row(5)));
        Assert.True(o.Reconciles);
        Assert.Equal(2, o.Loaded);
        Assert.Equal(2, o.Quarantined["field_count"]);
        Assert.Equal(1, o.Quarantined["malformed_quotes"]);
        Assert.Equal(["line 3", "line 4", "line 5"], r.Quarantine.Select(q => q.Locator).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bad_values_are_quarantined_or_excluded_by_named_rules()
    {
        var (r, o) = Run(Lines(Header,
            Row(1),
            Row(2, date: "2015-13-45"),
            Row(3).Replace(Number(3), "待定", StringComparison.Ordinal),
            Row(4, ipc: ""),
            Row(5, ipc: "XYZ;A99A -999/99"),
            Row(6, address: "河北省人民路1号"),
            Row(7, address: "朝阳区建设路1号"),
            Row(8, address: "美国加利福尼亚州"),
            Row(9, address: "香港九龙"),
            Row(10, date: "2009-12-31"),
            Row(11).Replace("发明专利", "实用新型", StringComparison.Ordinal),
            Row(1)));
        Assert.True(o.Reconciles);
        Assert.Equal(12, o.Read);
        Assert.Equal(1, o.Loaded);
        Assert.Equal(1, o.Quarantined["bad_date"]);
        Assert.Equal(1, o.Quarantined["no_ipc"]);
        Assert.Equal(1, o.Quarantined["unparsable_ipc"]);
        Assert.Equal(1, o.Quarantined["unresolvable_address"]);
        Assert.Equal(1, o.Quarantined["ambiguous_address"]);
        Assert.Equal(1, o.Excluded["foreign_applicant"]);
        Assert.Equal(1, o.Excluded["hmt_applicant"]);
        Assert.Equal(1, o.Excluded["outside_window"]);
        Assert.Equal(1, o.Excluded["not_invention"]);
        Assert.Equal(1, o.Excluded["duplicate_application"]);
        Assert.Contains(r.Quarantine, q => q.Reason == "unresolvable_address" && q.Detail.Contains("河北省人民路1号", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_check_character_is_a_bad_application_number()
    {
        var good = Number(1);
        var wrong = good[..^1] + (good[^1] == '3' ? '4' : '3');
        var (_, o) = Run(Lines(Header, Row(1).Replace(good, wrong, StringComparison.Ordinal)));
        Assert.Equal(1, o.Quarantined.GetValueOrDefault("bad_application_number"));
    }

    [Theory]
    [InlineData("000110601862")]    // twelve digits from "year 0001": the printed form would come back as eight digits
    [InlineData("199910601862")]    // the twelve-digit form began in 2003
    public void A_twelve_digit_number_before_2003_is_a_bad_application_number(string number)
    {
        Assert.False(Reading.ApplicationNumber.TryParse(number, out _, out _, out var why));
        Assert.Contains("began in 2003", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("201710601862.3")]   // the check characters of two published numbers
    [InlineData("ZL95115608.X")]
    [InlineData("CN2017106018623")]
    public void Published_numbers_carry_the_check_character_the_rule_gives(string number) =>
        Assert.True(Reading.ApplicationNumber.TryParse(number, out _, out _, out var why), why);

    [Fact]
    public void Bytes_invalid_in_the_files_encoding_reject_their_row_not_the_file()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Etl.Domain.Text.ChineseEncodings.Gb18030;
        var good = gb.GetBytes(Lines(Header, Row(1)));
        var bad = gb.GetBytes(Row(2, address: "江苏省苏州市@@区人民路1号") + "\r\n");
        bad[bad.AsSpan().IndexOf((byte)'@')] = 0x81; // a lead byte followed by '@' is not GB18030
        bad[bad.AsSpan().IndexOf((byte)'@')] = 0x7F;
        var tail = gb.GetBytes(Lines(Row(3)));
        // Pad so that the bad row lies beyond the 64 KiB the encoding is decided on.
        var padding = gb.GetBytes(string.Concat(Enumerable.Range(10, 700).Select(i => Row(i) + "\r\n")));
        using var dir = new TempDirectory("malformed-gb");
        var path = dir.File("export.csv");
        File.WriteAllBytes(path, [.. good, .. padding, .. bad, .. tail]);
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.csv", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.StartsWith("gb18030", o.Encoding, StringComparison.Ordinal);
        Assert.Equal(1, o.Quarantined["encoding_error"]);
        Assert.True(o.Reconciles);
        Assert.Equal(702, o.Loaded);
    }

    [Fact]
    public void Damaged_bytes_near_the_start_cost_their_row_with_its_byte_offset_not_the_file()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Etl.Domain.Text.ChineseEncodings.Gb18030;
        var head = gb.GetBytes(Lines(Header, Row(1)));
        var damaged = gb.GetBytes(Row(2) + "\r\n");
        // Two bytes that are no GB18030 character, inside the applicant's name.
        var at = Array.IndexOf(damaged, (byte)',', 40) + 3;
        damaged[at] = 0xFF;
        damaged[at + 1] = 0x20;
        var rest = gb.GetBytes(string.Concat(Enumerable.Range(3, 40).Select(i => Row(i) + "\r\n")));
        using var dir = new TempDirectory("malformed-gb-head");
        var path = dir.File("export.csv");
        File.WriteAllBytes(path, [.. head, .. damaged, .. rest]);
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.csv", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.Null(o.Rejection);
        Assert.StartsWith("gb18030", o.Encoding, StringComparison.Ordinal);
        Assert.Equal(41, o.Loaded);
        var q = Assert.Single(result.Quarantine);
        Assert.Equal(("line 3", "encoding_error"), (q.Locator, q.Reason));
        Assert.Contains($"byte {at} of the row", q.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty_export")]
    [InlineData("标题,摘要\r\n一,二\r\n", "missing_columns")]
    public void Files_without_usable_header_are_rejected_with_a_reason(string text, string reason)
    {
        var (r, o) = Run(text);
        Assert.Equal(reason, o.Rejection);
        Assert.True(o.Reconciles);
        Assert.Single(r.Quarantine);
    }

    [Fact]
    public void Lines_about_the_search_before_the_header_are_excluded_and_the_header_is_found()
    {
        var (_, o) = Run(Lines("检索式：IPC=(G06F),申请日=2015", "导出时间：2023-01-01 12:00", Header, Row(1), Row(2)));
        Assert.Null(o.Rejection);
        Assert.Equal(2, o.Excluded["preamble_row"]);
        Assert.Equal(2, o.Loaded);
        Assert.True(o.Reconciles);
    }

    [Fact]
    public void Vendor_header_variants_are_recognised()
    {
        var header = "申请号,申请日,标题(中文),摘要(中文),申请人,申请人地址,IPC Codes,主分类号,专利类型";
        var (_, o) = Run(Lines(header, Row(1).Replace(",发明专利", ",A01B1/00,发明专利", StringComparison.Ordinal)));
        Assert.Null(o.Rejection);
        Assert.Equal(1, o.Loaded);
        Assert.Contains("Title=标题(中文)", o.Note, StringComparison.Ordinal);
        Assert.Contains("Ipc=IPC Codes", o.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_title_or_abstract_keyword_confirmation_is_impossible_so_the_file_is_rejected()
    {
        var (r, o) = Run(Lines("申请号,申请日,申请人地址,IPC分类号", $"{Number(1)},2015-03-02,北京市海淀区,G06F16/27"));
        Assert.Equal("missing_columns", o.Rejection);
        Assert.Contains("Title or Abstract", r.Quarantine.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_rows_loads_nothing_and_reconciles()
    {
        var (_, o) = Run(Header + "\r\n");
        Assert.Null(o.Rejection);
        Assert.Equal(0, o.Read);
        Assert.True(o.Reconciles);
    }
}
