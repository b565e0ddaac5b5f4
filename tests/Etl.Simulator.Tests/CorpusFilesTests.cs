using System.Globalization;
using System.IO.Compression;
using System.Text;
using AngleSharp.Html.Parser;
using CsvHelper;
using ExcelDataReader;

namespace Etl.Simulator.Tests;

/// <summary>The raw files open with independent readers and carry the planted defects.</summary>
[Collection("corpus")]
public class CorpusFilesTests(CorpusFixture corpus)
{
    private static List<string[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Yearbooks_open_with_ExcelDataReader_and_carry_their_quirks()
    {
        var all = Directory.GetFiles(Path.Combine(corpus.Raw, "yearbook"), "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var files = all.Where(f => !f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.EndsWith(".xls", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".xlsx", StringComparison.Ordinal));
        // Editions 2014-2025 in their folders; data years 2010-2012 as long panels, one per naming convention;
        // the cities' own yearbooks under city/.
        Assert.Equal(14, Directory.GetDirectories(Path.Combine(corpus.Raw, "yearbook")).Length);
        var panels = all.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).Select(f => Decode(File.ReadAllBytes(f))).ToList();
        Assert.Equal(2, panels.Count);
        Assert.Contains(panels, p => p.StartsWith("行政区划代码,城市,省份,年份,", StringComparison.Ordinal) && p.Contains("地区生产总值_全市_万元", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.StartsWith("年份,行政区划代码,地区,", StringComparison.Ordinal) && p.Contains("地区生产总值(万元)", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Contains(",襄樊市,", StringComparison.Ordinal)); // Xiangyang under its name of 2010
        var texts = new Dictionary<string, List<string>>();
        foreach (var f in files)
        {
            using var stream = File.OpenRead(f);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var cells = new List<string>();
            do
            {
                while (reader.Read())
                    for (var c = 0; c < reader.FieldCount; c++)
                        if (reader.GetValue(c) is { } v) cells.Add(Convert.ToString(v, CultureInfo.InvariantCulture)!);
            } while (reader.NextResult());
            texts[Path.GetRelativePath(corpus.Raw, f)] = cells;
        }
        var cellTexts = texts.Values.SelectMany(x => x).ToList();
        Assert.Contains(cellTexts, c => c.Contains("全市", StringComparison.Ordinal));
        Assert.Contains(cellTexts, c => c.Contains("市辖区", StringComparison.Ordinal));
        Assert.Contains(cellTexts, c => c.StartsWith("注：", StringComparison.Ordinal));
        Assert.Contains(cellTexts, c => c.StartsWith("大  连", StringComparison.Ordinal)); // padded two-character names
        Assert.Contains(cellTexts, c => c.Contains("Shijiazhuang", StringComparison.Ordinal));
        Assert.Contains(cellTexts, c => c is "…" or "—");
        Assert.Contains(cellTexts, c => c.Contains(',', StringComparison.Ordinal) && char.IsAsciiDigit(c[0])); // numbers as text
        Assert.Contains(texts.Where(kv => kv.Key.Contains("2017", StringComparison.Ordinal)).SelectMany(kv => kv.Value), c => c.StartsWith("石河子", StringComparison.Ordinal));
        // Indicators by year: a 单位 column or units in the labels, the city in the title or only in the folder.
        var cityTables = texts.Where(kv => kv.Key.StartsWith("yearbook/city/", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, cityTables.Count);
        Assert.Contains(cityTables, t => t.Value.Contains("单位") && t.Value.Contains("地区生产总值"));
        Assert.Contains(cityTables, t => t.Value.Contains("地区生产总值（万元）") && t.Value.Any(c => c.EndsWith("主要年份国民经济和社会发展指标", StringComparison.Ordinal)));
        var counts = ReadCsv(Path.Combine(corpus.Truth, "yearbook_counts.csv"));
        Assert.Equal(all.Count, counts.Count);
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return Etl.Domain.Text.ChineseEncodings.Gb18030.GetString(bytes); }
    }

    [Fact]
    public void Bulletins_parse_with_AngleSharp_and_use_several_encodings()
    {
        var files = Directory.GetFiles(Path.Combine(corpus.Raw, "bulletins"), "*", SearchOption.AllDirectories);
        Assert.All(files, f => Assert.Contains(Path.GetExtension(f), new[] { ".html", ".htm", ".shtml" }));
        Assert.Contains(files, f => f.EndsWith(".shtml", StringComparison.Ordinal));
        var parser = new HtmlParser();
        var gb = 0;
        var titled = 0;
        var fullWidth = false;
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(f);
            var text = Decode(bytes);
            if (text != Encoding.UTF8.GetString(bytes)) gb++;
            var doc = parser.ParseDocument(text);
            if (doc.Title?.Contains("统计公报", StringComparison.Ordinal) == true) titled++;
            fullWidth |= doc.Body!.TextContent.Contains('１');
        }
        var truth = ReadCsv(Path.Combine(corpus.Truth, "bulletin_counts.csv"))[0];
        Assert.Equal(int.Parse(truth[0], CultureInfo.InvariantCulture), titled);
        Assert.Equal(titled + int.Parse(truth[1], CultureInfo.InvariantCulture), files.Length);
        Assert.True(gb > 100, $"{gb} pages in GB18030");
        Assert.True(fullWidth);
    }

    [Fact]
    public void Patent_exports_parse_with_CsvHelper_or_ExcelDataReader_and_their_row_counts_match_the_truth()
    {
        var expected = ReadCsv(Path.Combine(corpus.Truth, "patent_counts.csv")).Where(r => r[1] == "read")
            .ToDictionary(r => r[0], r => long.Parse(r[3], CultureInfo.InvariantCulture));
        var all = Directory.GetFiles(Path.Combine(corpus.Raw, "patents"), "*", SearchOption.AllDirectories);
        Assert.Equal(expected.Count, all.Length);
        string Key(string f) => "patents/" + Path.GetRelativePath(Path.Combine(corpus.Raw, "patents"), f).Replace('\\', '/');

        // Workbook exports: one sheet, a header row, then one row per record.
        var workbooks = all.Where(f => f.EndsWith(".xlsx", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(workbooks);
        foreach (var f in workbooks)
        {
            using var stream = File.OpenRead(f);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            long rows = 0;
            while (reader.Read()) rows++;
            Assert.Equal(expected[Key(f)], rows - 1);
        }

        var files = all.Except(workbooks).ToList();
        Assert.All(files, f => Assert.True(f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".csv.gz", StringComparison.Ordinal), f));
        Assert.Contains(files, f => f.EndsWith(".gz", StringComparison.Ordinal));
        long malformed = 0;
        foreach (var f in files)
        {
            byte[] bytes;
            using (var s = f.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(File.OpenRead(f), CompressionMode.Decompress) : (Stream)File.OpenRead(f))
            using (var m = new MemoryStream()) { s.CopyTo(m); bytes = m.ToArray(); }
            var text = Decode(bytes);
            long records = 0, bad = 0;
            var options = new CsvReaderOptions
            {
                Separator = ',', HasHeader = true, MalformedData = CsvMalformedDataHandling.Skip, FieldCountMismatch = CsvFieldCountHandling.Skip,
                OnMalformedRecord = _ => bad++,
            };
            using (var reader = CsvReader.FromText(text, options))
                while (reader.Read()) records++;
            malformed += bad;
            Assert.Equal(expected[Key(f)], records + bad);
        }
        Assert.True(malformed > 0);
    }

    [Fact]
    public void Truth_stays_outside_the_raw_folder() =>
        Assert.False(Path.GetFullPath(corpus.Truth).StartsWith(Path.GetFullPath(corpus.Raw), StringComparison.Ordinal));
}
