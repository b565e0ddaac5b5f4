using Etl.Domain.Staging;
using Etl.Fetch;
using Etl.Pipeline;
using Etl.Simulator.Serving;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>A fetched file's provenance reaches the warehouse and the trace; a file placed by hand says so.</summary>
[Collection("warehouse corpus")]
public class FetchProvenanceTests(WarehouseCorpus corpus)
{
    [Fact]
    public async Task Trace_shows_where_and_when_a_bulletin_was_fetched_and_that_another_was_placed_by_hand()
    {
        // A fact the panel takes from a bulletin, and the page it comes from.
        string city, path;
        int year;
        using (var c = corpus.Open())
        {
            var row = WarehouseCorpus.Rows(c, """
                SELECT f.city_code, f.year, s.path FROM facts f
                JOIN fact_inputs i ON i.city_code = f.city_code AND i.year = f.year AND i.variable = f.variable AND i.kind = 'staged'
                JOIN staged_facts t ON t.staged_id = CAST(i.ref AS INTEGER) JOIN source_files s ON s.file_id = t.file_id
                WHERE f.variable = 'nq_rev' AND f.source = 'bulletin' ORDER BY f.city_code, f.year LIMIT 1
                """)[0];
            (city, year, path) = ((string)row[0]!, (int)(long)row[1]!, (string)row[2]!);
        }
        using var dir = new TempDirectory("wh-fetched");
        var raw = dir.File("raw");
        foreach (var f in RawFolder.List(corpus.Raw).Where(f => f.Relative != path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(raw, f.Relative))!);
            File.Copy(f.FullPath, Path.Combine(raw, f.Relative));
        }
        // That page is fetched from the corpus served locally; every other file was copied in by hand.
        await using (var server = new CorpusServer(corpus.Raw))
        {
            var source = new SourceEntry("page", SourceKind.Bulletin, city, year, string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), "text/html", null, path);
            var summary = await FetchRun.RunAsync([source], raw, new FetchSettings { BaseUrl = server.BaseUrl }, TextWriter.Null);
            Assert.Equal(FetchStatus.New, Assert.Single(summary.Outcomes).Status);
        }
        var db = corpus.CopyWarehouse(dir.File("wh/etl.db"));
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        using (var c = WarehouseCorpus.Open(db))
        {
            Assert.Equal(1L, WarehouseCorpus.Rows(c, "SELECT count(*) FROM fetch_provenance")[0][0]);
            Assert.Equal(1L, WarehouseCorpus.Rows(c, "SELECT same_bytes FROM fetch_provenance")[0][0]);
            // The fetch's own records are settled by name, not read as a source.
            Assert.Equal(FetchProvenance.Rule, WarehouseCorpus.Rows(c, "SELECT r.rule FROM source_files s JOIN file_rules r USING (file_id) WHERE s.path = '.fetch/provenance.json'")[0][0]);
        }
        using var t = new Lineage.LineageTracer(db);
        var text = t.Trace(city, year, "nq_rev").ToText();
        Assert.Contains("fetched_from: http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("fetched_utc: ", text, StringComparison.Ordinal);
        var other = t.Trace(city, year, "gdp").ToText();
        Assert.Contains("no fetch record: the file was placed by hand", other, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fetch_demo_reproduces_the_panel_through_injected_faults()
    {
        using var dir = new TempDirectory("wh-fetch-demo");
        var (code, error) = EtlCli.Run("", "fetch-demo", "--origin", corpus.Raw, "--manifest", Path.Combine(corpus.Truth, "sources.csv"),
            "--mappings", RepoPaths.Mappings, "--out", dir.Path, "--compare", corpus.Database);
        Assert.True(code == 0, error);
        using var c = WarehouseCorpus.Open(dir.File("etl.db"));
        // Every source file of the original came through the fetch, with its record.
        Assert.Equal(RawFolder.List(corpus.Raw).Count, (long)WarehouseCorpus.Rows(c, "SELECT count(*) FROM fetch_provenance WHERE same_bytes = 1")[0][0]!);
    }

    [Fact]
    public async Task Etl_fetch_keeps_what_succeeded_and_exits_1_naming_what_failed()
    {
        using var dir = new TempDirectory("wh-fetch-cli");
        var (site, manifest) = FetchSite.Write(dir);
        await using var server = new CorpusServer(site);
        var (code, error) = await Task.Run(() => EtlCli.Run("", "fetch", "--manifest", manifest, "--raw", dir.File("raw"), "--base-url", server.BaseUrl.AbsoluteUri));
        Assert.Equal(1, code);
        Assert.Contains("failed gone: HTTP 404", error, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("raw/bulletins/a.html")));
        Assert.False(File.Exists(dir.File("raw/bulletins/gone.html")));
        Assert.Equal(["bulletins/a.html"], FetchProvenance.Read(dir.File("raw")).Keys);
    }
}
