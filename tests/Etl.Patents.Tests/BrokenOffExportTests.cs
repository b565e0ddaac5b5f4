using System.IO.Compression;
using System.Security;
using System.Text;
using Etl.Patents.Aggregation;
using Etl.Patents.Geo;
using Etl.Patents.Reading;
using Etl.Testing;
using static Etl.Patents.Tests.ExportText;

namespace Etl.Patents.Tests;

/// <summary>
/// Exports that cannot be read to their end: the records read before the break are loaded and counted, the rest is
/// one quarantined <c>read_error</c> at the place reading stopped, and the file's outcome reconciles with the
/// records handed on, whatever part of the reader the break reaches.
/// </summary>
public class BrokenOffExportTests
{
    /// <summary>The XML of a sheet of records <paramref name="first"/> to <paramref name="last"/>, under the header row.</summary>
    private static string SheetXml(int first, int last)
    {
        static string SheetRow(int number, IEnumerable<string> cells) =>
            $"<row r=\"{number}\">" + string.Concat(cells.Select((v, i) =>
                $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>")) + "</row>";
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        sheet.Append($"<dimension ref=\"A1:H{last - first + 2}\"/><sheetData>");
        sheet.Append(SheetRow(1, Columns));
        for (var i = first; i <= last; i++) sheet.Append(SheetRow(i - first + 2, Fields(i)));
        return sheet.Append("</sheetData></worksheet>").ToString();
    }

    /// <summary>A workbook whose sheets hold <paramref name="sheets"/> (name and XML), as Excel lays one out.</summary>
    private static void WriteWorkbook(string path, params (string Name, string Xml)[] sheets)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        void Part(string name, string text)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(text);
        }
        const string Rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var numbers = Enumerable.Range(1, sheets.Length).ToList();
        Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
            + string.Concat(numbers.Select(n => $"""<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) + "</Types>");
        Part("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{Rels}"><sheets>"""
            + string.Concat(numbers.Select(n => $"""<sheet name="{sheets[n - 1].Name}" sheetId="{n}" r:id="rId{n}"/>""")) + "</sheets></workbook>");
        Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
            + string.Concat(numbers.Select(n => $"""<Relationship Id="rId{n}" Type="{Rels}/worksheet" Target="worksheets/sheet{n}.xml"/>""")) + "</Relationships>");
        foreach (var n in numbers) Part($"xl/worksheets/sheet{n}.xml", sheets[n - 1].Xml);
    }

    /// <summary>The sheet XML cut inside its row <paramref name="row"/>, as a copy that broke off in transfer leaves it.</summary>
    private static string CutInRow(string xml, int row) => xml[..(xml.IndexOf($"<row r=\"{row}\">", StringComparison.Ordinal) + 30)];

    /// <summary>The only quarantined item is the read error at <paramref name="locator"/>, its detail holding <paramref name="detail"/>.</summary>
    private static void AssertOneReadError(IEnumerable<Domain.Staging.QuarantineItem> quarantine, string locator, string detail)
    {
        var broken = Assert.Single(quarantine);
        Assert.Equal((PatentStage.ReadError, locator), (broken.Reason, broken.Locator));
        Assert.Contains(detail, broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_that_breaks_off_in_its_second_sheet_keeps_every_record_of_the_first()
    {
        using var dir = new TempDirectory("broken-xlsx");
        var path = dir.File("export.xlsx");
        // More records than a batch holds, so the first sheet is handed on in two batches before the break.
        const int first = RecordBatch.Capacity + 403;
        WriteWorkbook(path, ("检索结果", SheetXml(1, first)), ("检索结果2", CutInRow(SheetXml(first + 1, first + 900), 300)));

        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.xlsx", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.True(o.Rejection is null, string.Join(" | ", result.Quarantine.Select(q => q.Detail)));
        Assert.True(o.Reconciles, $"read {o.Read}, loaded {o.Loaded}, quarantined {string.Join(",", o.Quarantined)}");
        Assert.Equal(first, o.Loaded);
        Assert.Equal(first, result.Aggregates.Units[(320500, 2015)].Inventions);
        AssertOneReadError(result.Quarantine, "after sheet '检索结果'", "XmlException");
    }

    [Fact]
    public void A_workbook_whose_only_sheet_breaks_off_is_rejected_whole_since_the_reader_scans_a_sheet_before_its_rows()
    {
        using var dir = new TempDirectory("broken-xlsx-one");
        var path = dir.File("export.xlsx");
        WriteWorkbook(path, ("检索结果", CutInRow(SheetXml(1, 5000), 4000)));
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(path, "patents/export.xlsx", "", new FileInfo(path).Length)]);
        var o = result.Files.Single();
        Assert.Equal("corrupt_workbook", o.Rejection);
        Assert.Equal((1, 0), (o.Read, o.Loaded));
        Assert.Empty(result.Aggregates.Units);
    }

    [Fact]
    public void A_text_export_that_vanishes_mid_read_keeps_the_records_handed_on_and_reconciles_with_them()
    {
        using var dir = new TempDirectory("broken-csv");
        var path = dir.File("export.csv");
        // Line 4601 is longer than a record may be: to tell a long line from a quote left open, the reader opens the
        // file again, which is gone by then. Records 1-4599 sit on lines 2-4600.
        var rows = Enumerable.Range(1, 4600).Select(i => Row(i)).ToArray();
        rows[^1] = Row(4600).Replace("一种水稻播种的控制方法", new string('长', ExportReader.MaxRecordBytes), StringComparison.Ordinal);
        File.WriteAllText(path, Lines([Header, .. rows, Row(4601)]), new UTF8Encoding(false));

        var stage = new PatentStage(RepoPaths.LoadedMappings);
        var reader = new ExportReader(stage.Matcher, new AddressGeocoder(RepoPaths.LoadedMappings));
        long handedOn = 0;
        var result = reader.Read(path, "patents/export.csv", "", new FileInfo(path).Length, () => new RecordBatch(), batch =>
        {
            // The file goes away while it is read (an open file stays readable until it is closed).
            if (handedOn == 0) File.Delete(path);
            handedOn += batch.Count;
        });

        var o = result.Outcome;
        Assert.Null(o.Rejection);
        Assert.Equal(4599, handedOn);
        Assert.Equal(handedOn, result.Accepted);
        Assert.Equal(4600, o.Read);
        Assert.Equal(o.Read, result.Accepted + o.Excluded.Values.Sum() + o.Quarantined.Values.Sum());
        AssertOneReadError(result.Quarantine, "line 4601", "beyond line 4600");
    }

    [Fact]
    public void An_export_gone_before_it_is_read_is_rejected_as_unreadable()
    {
        using var dir = new TempDirectory("broken-gone");
        var result = new PatentStage(RepoPaths.LoadedMappings).Run([new PatentFile(dir.File("gone.csv"), "patents/gone.csv", "", 100)]);
        var o = result.Files.Single();
        Assert.Equal(PatentStage.ReadError, o.Rejection);
        Assert.True(o.Reconciles);
        Assert.Equal((1, 0), (o.Read, o.Loaded));
        Assert.Contains("FileNotFoundException", Assert.Single(result.Quarantine).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_that_broke_off_is_not_cached_so_the_next_build_reads_the_file_again()
    {
        using var dir = new TempDirectory("broken-cache");
        var whole = dir.File("whole.csv");
        File.WriteAllText(whole, Lines(Header, Row(1), Row(2)), new UTF8Encoding(false));
        var cut = dir.File("cut.csv.gz");
        using (var f = File.Create(cut))
        using (var gz = new GZipStream(f, CompressionLevel.Fastest))
            gz.Write(new UTF8Encoding(false).GetBytes(Lines([Header, .. Enumerable.Range(10, 20000).Select(i => Row(i))])));
        File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..(int)(new FileInfo(cut).Length / 2)]);
        PatentFile[] files = [new(whole, "patents/whole.csv", "sha-whole", new FileInfo(whole).Length), new(cut, "patents/cut.csv.gz", "sha-cut", new FileInfo(cut).Length)];

        var stage = new PatentStage(RepoPaths.LoadedMappings);
        var first = stage.Run(files, cache: new ExportResultCache(dir.File("cache"), "0123456789abcdef"));
        Assert.Equal(1, first.Files[1].Quarantined[PatentStage.ReadError]);
        var second = stage.Run(files, cache: new ExportResultCache(dir.File("cache"), "0123456789abcdef"));
        Assert.Equal([true, false], second.Replayed);
        Assert.Equal(first.Files[1].Loaded, second.Files[1].Loaded);
    }
}
