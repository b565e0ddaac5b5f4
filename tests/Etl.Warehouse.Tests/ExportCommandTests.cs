using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary><c>etl export</c> on a built warehouse: every format is written, and an existing file is replaced only with --force.</summary>
[Collection("warehouse corpus")]
public class ExportCommandTests(WarehouseCorpus corpus)
{
    [Fact]
    public void The_panel_exports_in_every_format_and_never_overwrites_unasked()
    {
        using var dir = new TempDirectory("wh-export");
        foreach (var format in new[] { "csv", "parquet", "dta" })
        {
            var (code, error) = EtlCli.Run("", "export", "--db", corpus.Database, "--format", format, "--out", dir.File($"panel.{format}"));
            Assert.True(code == 0, error);
            Assert.True(new FileInfo(dir.File($"panel.{format}")).Length > 0);
        }
        // 2970 rows and a header; the dictionary beside it.
        Assert.Equal(2971, File.ReadLines(dir.File("panel.csv")).Count());
        Assert.Contains("dig_real,Digital-real integration index", File.ReadAllText(dir.File("panel.dictionary.csv")), StringComparison.Ordinal);

        var before = File.ReadAllBytes(dir.File("panel.dta"));
        var (again, message) = EtlCli.Run("", "export", "--db", corpus.Database, "--format", "dta", "--out", dir.File("panel.dta"));
        Assert.Equal(1, again);
        Assert.Contains("exists; pass --force to replace it", message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(dir.File("panel.dta")));
        Assert.Equal(0, EtlCli.Run("", "export", "--db", corpus.Database, "--format", "dta", "--out", dir.File("panel.dta"), "--force").Code);
        Assert.Equal(before, File.ReadAllBytes(dir.File("panel.dta"))); // the same panel gives the same bytes
    }
}
