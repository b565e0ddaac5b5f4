using Etl.Domain.Classification;
using Etl.Pipeline;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>
/// A panel variant is built next to the main panel, never in its place: the IPC-only variant is exactly the
/// panel a build with IPC-only matching makes, while the main panel stays the one the main settings make.
/// </summary>
[Collection("warehouse corpus")]
public class PanelVariantTests(WarehouseCorpus corpus)
{
    private static List<object?[]> Rows(string db, string sql) => SqliteRows.Rows(db, sql);

    [Fact]
    public void The_ipc_only_variant_sits_next_to_the_main_panel_and_equals_an_ipc_only_build()
    {
        using var dir = new TempDirectory("wh-variant");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var log = new StringWriter();
        var report = WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db) { Variants = ["ipc_only"] }, log);
        Assert.False(report.UpToDate);
        Assert.Contains("panel_ipc_only", log.ToString());

        // The main panel is untouched: same content hash as the build without the variant.
        Assert.Equal(corpus.Report.PanelHash, report.PanelHash);
        Assert.Equal(Rows(corpus.Database, "SELECT * FROM panel ORDER BY city_code, year").Select(r => string.Join('|', r)),
            Rows(db, "SELECT * FROM panel ORDER BY city_code, year").Select(r => string.Join('|', r)));

        // The variant is what a build with IPC-only matching gives as its panel (the setting applied to the whole build).
        var reference = dir.File("ipc.db");
        WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, reference) { Match = MatchMode.IpcOnly }, TextWriter.Null);
        Assert.Equal(Rows(reference, "SELECT * FROM panel ORDER BY city_code, year").Select(r => string.Join('|', r)),
            Rows(db, "SELECT * FROM panel_ipc_only ORDER BY city_code, year").Select(r => string.Join('|', r)));

        // Looser matching counts at least as many digital applications in every cell, and more in some.
        var cells = Rows(db, "SELECT p.digital_patent, v.digital_patent FROM panel p JOIN panel_ipc_only v USING (city_code, year)");
        Assert.Equal(2970, cells.Count);
        Assert.All(cells, c => Assert.True((long)c[1]! >= (long)c[0]!));
        var more = cells.Count(c => (long)c[1]! > (long)c[0]!);
        Assert.True(more > 0);

        // The variant is described, with its hash and the cells where it differs.
        var row = Rows(db, "SELECT table_name, panel_hash, rows, differing_cells, settings FROM panel_variants WHERE variant = 'ipc_only'").Single();
        Assert.Equal("panel_ipc_only", row[0]);
        Assert.Equal(Rows(reference, "SELECT panel_hash FROM runs")[0][0], row[1]);
        Assert.Equal(2970L, row[2]);
        Assert.Contains($"digital_patent {more}", (string)row[3]!);
        Assert.Contains("match=IpcOnly", (string)row[4]!);

        // A later build that does not ask for the variant drops it, and says so; the main panel is as before.
        var dropLog = new StringWriter();
        WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db), dropLog);
        Assert.Contains("panel_ipc_only of the previous warehouse not rebuilt", dropLog.ToString());
        Assert.Empty(Rows(db, "SELECT name FROM sqlite_master WHERE name = 'panel_ipc_only'"));
        Assert.Equal(corpus.Report.PanelHash, Rows(db, "SELECT panel_hash FROM runs ORDER BY run_id DESC LIMIT 1")[0][0]);
    }

    [Fact]
    public void An_unknown_variant_is_refused_with_the_known_ones()
    {
        using var dir = new TempDirectory("wh-variant-bad");
        var e = Assert.Throws<BuildException>(() =>
            WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, dir.File("etl.db")) { Variants = ["keywords_only"] }, TextWriter.Null));
        Assert.Contains("unknown panel variant 'keywords_only' (known: ipc_only)", e.Message);
    }
}
