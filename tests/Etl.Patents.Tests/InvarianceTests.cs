using System.IO.Compression;
using System.Text;
using Etl.Domain;
using Etl.Domain.Index;
using Etl.Patents.Aggregation;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>
/// What the stage counts does not depend on the order of files or records, on the encoding or on
/// compression: the same applications give the same counts and the same index.
/// </summary>
[Collection("patent corpus")]
public class InvarianceTests(PatentCorpus corpus)
{
    internal static string Fingerprint(PatentAggregates a)
    {
        var sb = new StringBuilder();
        foreach (var ((unit, year), c) in a.Units)
            sb.Append($"{unit},{year},{c.Inventions},{c.Digital},{c.Integrated},{c.RealOnly},{c.NetworkEdges},{string.Join('/', c.Technologies)},{string.Join('/', c.IndustryIntegrated)},{string.Join('/', c.IndustryRealOnly)}\n");
        foreach (var (year, n) in a.National) sb.Append($"{year},{n.Located},{n.Integrated},{n.RealOnly},{n.DigitalSubclassCount},{n.RealSubclassCount}\n");
        return sb.ToString();
    }

    private static double[] Index(PatentAggregates a)
    {
        var (units, national) = a.IndexInputs();
        var universe = RepoPaths.LoadedMappings.Cities.All.SelectMany(c => PanelYears.All.Where(c.ValidIn).Select(y => (c.Code, y)));
        return IntegrationIndex.Compute(universe, units, national, IndexParameters.Default).Values.Select(v => v.Index).ToArray();
    }

    [Fact]
    public void Reversing_the_file_order_changes_no_count_and_no_index_value()
    {
        var files = corpus.Files();
        var stage = new PatentStage(RepoPaths.LoadedMappings);
        var forward = stage.Run(files).Aggregates;
        var backward = stage.Run(files.AsEnumerable().Reverse().ToList()).Aggregates;
        Assert.Equal(Fingerprint(forward), Fingerprint(backward));
        Assert.Equal(Index(forward), Index(backward));
    }

    /// <summary>Rewrites one export: rows shuffled (header kept), optionally in another encoding and gzip-compressed.</summary>
    private static PatentFile Rewrite(PatentFile f, string folder, Encoding encoding, bool gzip, int seed)
    {
        var detected = Reading.ExportEncoding.Detect(f.FullPath)!;
        string text;
        using (var s = Reading.ExportEncoding.Open(f.FullPath))
        using (var r = new StreamReader(s, detected.Encoding)) text = r.ReadToEnd();
        // Split on record boundaries: the simulator ends records with CRLF; line breaks inside quoted abstracts are bare LF.
        var records = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var header = records[0];
        // A row cut off inside a quoted field (an odd number of quotes) would swallow the rows after it once
        // shuffled; it is quarantined in the original and counts nowhere, so it is left out.
        var body = records.Skip(1).Where(r => r.Count(ch => ch == '"') % 2 == 0).ToList();
        var rng = new Random(seed);
        for (var i = body.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (body[i], body[j]) = (body[j], body[i]);
        }
        var name = Path.Combine(folder, Path.GetFileNameWithoutExtension(f.Relative.Replace(".gz", "", StringComparison.Ordinal)) + ".csv" + (gzip ? ".gz" : ""));
        using (var file = File.Create(name))
        using (Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var w = new StreamWriter(output, encoding))
            w.Write(string.Join("\r\n", [header, .. body]) + "\r\n");
        return new PatentFile(name, "patents/" + Path.GetFileName(name), "", new FileInfo(name).Length);
    }

    [Fact]
    public void Shuffled_rows_in_GB18030_or_gzip_count_like_the_original()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sample = corpus.Files().Where(f => f.Relative.StartsWith("patents/2016/", StringComparison.Ordinal)).ToList();
        using var dir = new TempDirectory("patents-variants");
        var stage = new PatentStage(RepoPaths.LoadedMappings);
        var original = stage.Run(sample).Aggregates;
        var gb = Etl.Domain.Text.ChineseEncodings.Gb18030;
        var variants = sample.Select((f, i) => Rewrite(f, dir.Path, i % 2 == 0 ? gb : new UTF8Encoding(false), gzip: i % 3 == 0, seed: i)).ToList();
        var rewritten = stage.Run(variants);
        Assert.Contains(rewritten.Files, o => o.Encoding.StartsWith("gb18030", StringComparison.Ordinal));
        Assert.Equal(Fingerprint(original), Fingerprint(rewritten.Aggregates));
    }
}
