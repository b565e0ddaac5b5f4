using System.Text;
using Etl.Pipeline;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>
/// No silent files: every file under the raw folder is in source_files, read or rejected with a reason, whatever
/// its name; a build that reads nothing, or leaves the panel empty, fails and leaves the warehouse as it was.
/// </summary>
[Collection("warehouse corpus")]
public class RawFilesTests(WarehouseCorpus corpus)
{
    private static void Write(string raw, string relative, byte[] bytes)
    {
        var path = Path.Combine(raw, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private const string Page = "<html><head><meta charset=\"utf-8\"><title>湘西土家族苗族自治州2015年国民经济和社会发展统计公报</title></head>"
                                + "<body><p>初步核算，全州地区生产总值541.04亿元，比上年增长8.5%。</p></body></html>";

    [Fact]
    public void Every_file_is_read_or_rejected_by_name_whatever_its_extension()
    {
        using var dir = new TempDirectory("wh-files");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        Write(raw, "bulletins/mirror/2016/0301.shtml", Utf8(Page));
        Write(raw, "bulletins/mirror/2016/0302", Utf8(Page.Replace("2015年", "2014年", StringComparison.Ordinal)));
        Write(raw, "bulletins/scan.pdf", [.. "%PDF-1.4\n"u8, .. new byte[64]]);
        Write(raw, "bulletins/.DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]);
        Write(raw, "patents/incopat.xlsx", File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "Etl.Patents.Tests", "RealSamples", "exports", "incopat-1.xlsx")));
        Write(raw, "patents/notes.docx", ZipWith("word/document.xml"));
        Write(raw, "stray.dat", [1, 2, 3, 4]);
        var db = corpus.CopyWarehouse(dir.File("wh/etl.db"));
        var report = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);

        using var c = WarehouseCorpus.Open(db);
        var files = WarehouseCorpus.Rows(c, "SELECT path, kind, rejection, rows_read, note FROM source_files")
            .ToDictionary(r => (string)r[0]!, r => (Kind: (string)r[1]!, Rejection: r[2] as string, Read: (long)r[3]!, Note: (string)r[4]!));
        var onDisk = Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(raw, f).Replace('\\', '/')).ToList();
        Assert.DoesNotContain(onDisk, f => f != "README.md" && !files.ContainsKey(f));

        // Pages are HTML whatever the name says: the .shtml page and the one without an extension are read.
        Assert.Null(files["bulletins/mirror/2016/0301.shtml"].Rejection);
        Assert.StartsWith("433100", files["bulletins/mirror/2016/0301.shtml"].Note, StringComparison.Ordinal);
        Assert.Null(files["bulletins/mirror/2016/0302"].Rejection);
        Assert.Equal(2, Convert.ToInt64(WarehouseCorpus.Rows(c, "SELECT count(*) FROM staged_facts s JOIN source_files f USING (file_id) WHERE f.path LIKE 'bulletins/mirror/%' AND s.variable = 'gdp_total'")[0][0]));
        // The workbook export is read through the patent stage.
        Assert.Null(files["patents/incopat.xlsx"].Rejection);
        Assert.Equal(5, files["patents/incopat.xlsx"].Read);
        // What no reader takes is rejected by name.
        Assert.Equal("unsupported_format", files["bulletins/scan.pdf"].Rejection);
        Assert.Equal("unsupported_format", files["patents/notes.docx"].Rejection);
        Assert.Equal(("other", "outside_source_folders"), (files["stray.dat"].Kind, files["stray.dat"].Rejection));
        Assert.Equal("system_file", files["bulletins/.DS_Store"].Rejection);
        Assert.Contains(WarehouseCorpus.Rows(c, "SELECT reason FROM quarantine q JOIN source_files f USING (file_id) WHERE f.path = 'bulletins/scan.pdf'"), r => (string)r[0]! == "unsupported_format");
        // The summary counts them.
        var bulletins = report.Details!.Kinds.Single(k => k.Kind == "bulletin");
        Assert.Equal(1, bulletins.Rejected - corpus.Table("bulletin_counts.csv").Rows.Sum(r => TruthTable.Integer(r, "error_pages")));
        Assert.Equal(1, bulletins.Excluded);
    }

    [Fact]
    public void A_strict_build_with_a_rejected_file_fails_and_leaves_the_warehouse_as_it_was()
    {
        using var dir = new TempDirectory("wh-strict");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("wh/etl.db"));
        var before = File.ReadAllBytes(db);
        Write(raw, "bulletins/scan.pdf", [.. "%PDF-1.4\n"u8, .. new byte[64]]);

        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { Strict = true }, TextWriter.Null));
        Assert.Contains("--strict", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.True(File.Exists(db + ".failed"));
        // Without --strict the same files build, and the rejected one is on record.
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        using var c = WarehouseCorpus.Open(db);
        Assert.Equal("unsupported_format", (string)WarehouseCorpus.Rows(c, "SELECT rejection FROM source_files WHERE path = 'bulletins/scan.pdf'")[0][0]!);
    }

    [Fact]
    public void A_build_that_reads_nothing_fails_and_leaves_the_warehouse_as_it_was()
    {
        using var dir = new TempDirectory("wh-nothing");
        var db = corpus.CopyWarehouse(dir.File("wh/etl.db"));
        var before = File.ReadAllBytes(db);

        var empty = dir.File("empty");
        Directory.CreateDirectory(empty);
        var none = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(empty, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("no raw file was found", none.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));

        var junk = dir.File("junk");
        Write(junk, "bulletins/a.pdf", [.. "%PDF-1.4\n"u8, .. new byte[16]]);
        Write(junk, "patents/b.xlsx", ZipWith("word/document.xml"));
        var unread = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(junk, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("no raw file could be read", unread.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported_format 2", unread.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_build_whose_panel_is_empty_fails_and_names_why_cities_were_dropped()
    {
        using var dir = new TempDirectory("wh-empty-panel");
        var raw = dir.File("raw");
        // Yearbooks only: no bulletin, so no city has its revenue of strategic emerging industries.
        FileTree.Copy(Path.Combine(corpus.Raw, "yearbook"), Path.Combine(raw, "yearbook"));
        var db = dir.File("wh/etl.db");
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("the panel is empty", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"commonest reasons: missing \w+ \(\d+ cities\)", e.Message);
        Assert.False(File.Exists(db));
        Assert.True(File.Exists(db + ".failed"));
    }

    private static byte[] ZipWith(string entry)
    {
        using var m = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(m, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry(entry).Open())) w.Write("<document/>");
        return m.ToArray();
    }
}
