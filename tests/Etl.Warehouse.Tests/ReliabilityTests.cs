using Etl.Pipeline;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>
/// Nothing overwritten that is not ours; nothing missing taken for zero; nothing shrinking unnoticed. Each test
/// is named after the class of failure it closes.
/// </summary>
[Collection("warehouse corpus")]
public class ReliabilityTests(WarehouseCorpus corpus)
{
    [Theory]
    [InlineData("text")]
    [InlineData("sqlite")]
    [InlineData("folder")]
    public void A_db_path_that_is_not_a_warehouse_is_never_overwritten(string what)
    {
        using var dir = new TempDirectory("wh-foreign");
        var db = dir.File("mine.db");
        switch (what)
        {
            case "text": File.WriteAllText(db, "my notes"); break;
            case "folder": Directory.CreateDirectory(db); break;
            default:
                using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
                {
                    c.Open();
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Li');";
                    cmd.ExecuteNonQuery();
                }
                break;
        }
        var before = what == "folder" ? [] : File.ReadAllBytes(db);
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("replaces only a warehouse of this tool", e.Message, StringComparison.Ordinal);
        if (what == "folder") Assert.True(Directory.Exists(db));
        else Assert.Equal(before, File.ReadAllBytes(db));
        Assert.False(File.Exists(db + ".lock"));
    }

    [Fact]
    public void Tracing_a_file_that_is_not_a_warehouse_is_a_clear_error()
    {
        using var dir = new TempDirectory("wh-trace-foreign");
        var path = dir.File("notes.txt");
        File.WriteAllText(path, "not a database");
        var e = Assert.Throws<BuildException>(() => new Lineage.LineageTracer(path));
        Assert.Contains("is not a warehouse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_patent_exports_leave_the_patent_variables_missing_not_zero()
    {
        using var dir = new TempDirectory("wh-no-patents");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw, f => !f.StartsWith("patents/", StringComparison.Ordinal));
        var db = dir.File("wh/etl.db");
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("no patent export was read", e.Message, StringComparison.Ordinal);
        using var c = WarehouseCorpus.Open(db + ".failed");
        Assert.Equal(0L, WarehouseCorpus.Rows(c, "SELECT count(*) FROM facts WHERE variable IN ('digital_patent', 'dig_real')")[0][0]);
    }

    [Fact]
    public void A_year_without_its_exports_has_missing_patent_variables_not_a_small_count()
    {
        using var dir = new TempDirectory("wh-missing-year");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw, f => !(f.StartsWith("patents/", StringComparison.Ordinal) && f.Contains("2018", StringComparison.Ordinal)));
        var db = dir.File("wh/etl.db");
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("the patent exports cover 2018 with", e.Message, StringComparison.Ordinal);
        using var c = WarehouseCorpus.Open(db + ".failed");
        Assert.Equal(0L, WarehouseCorpus.Rows(c, "SELECT count(*) FROM facts WHERE year = 2018 AND variable IN ('digital_patent', 'dig_real')")[0][0]);
        Assert.True((long)WarehouseCorpus.Rows(c, "SELECT count(*) FROM facts WHERE year = 2017 AND variable = 'digital_patent'")[0][0]! > 0);
    }

    [Fact]
    public void A_build_that_shrinks_against_the_previous_warehouse_fails_unless_allowed()
    {
        using var dir = new TempDirectory("wh-shrink");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("wh/etl.db"));
        var before = File.ReadAllBytes(db);
        // Half of one year's exports are gone.
        var exports = Directory.EnumerateFiles(Path.Combine(raw, "patents"), "*", SearchOption.AllDirectories).Where(f => f.Contains("2016", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var f in exports.Take(Math.Max(1, exports.Count * 2 / 3))) File.Delete(f);

        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { FullRefresh = true }, TextWriter.Null));
        Assert.Contains("shrinks against the previous warehouse", e.Message, StringComparison.Ordinal);
        Assert.Contains("2016 has", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
        var report = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { AllowShrink = true }, TextWriter.Null);
        Assert.False(report.UpToDate);
    }

    [Fact]
    public void A_full_disk_fails_plainly_and_keeps_the_previous_warehouse()
    {
        using var dir = new TempDirectory("wh-full");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var before = File.ReadAllBytes(db);
        // Files may grow to half the warehouse's size (ulimit counts 1 KiB blocks); ignoring SIGXFSZ turns the
        // limit into the write error a full disk gives (EFBIG). The limit also binds the file the runtime maps its
        // compiled code through (write-xor-execute), which a small warehouse's limit would starve: that mapping is
        // turned off, so the limit falls on the files the build writes.
        var (code, error) = EtlCli.Run($"trap '' XFSZ; ulimit -f {before.Length / 2048}; export DOTNET_EnableWriteXorExecute=0;", "build", "--raw", corpus.Raw, "--mappings", RepoPaths.Mappings, "--db", db, "--full-refresh");
        Assert.Equal(1, code);
        var last = error.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("error: the warehouse ", last, StringComparison.Ordinal);
        Assert.Contains("the previous warehouse is unchanged", last, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "etl.db.tmp-*"));
        Assert.False(File.Exists(db + ".lock"));
    }

    [Fact]
    public void A_db_path_under_a_file_fails_plainly()
    {
        using var dir = new TempDirectory("wh-under-file");
        File.WriteAllText(dir.File("notes"), "mine");
        var (code, error) = EtlCli.Run("", "build", "--raw", corpus.Raw, "--mappings", RepoPaths.Mappings, "--db", dir.File("notes/etl.db"));
        Assert.Equal(1, code);
        Assert.Matches(@"^error: the warehouse folder .*notes cannot be created", error.TrimEnd().Split('\n')[^1]);
        Assert.Equal("mine", File.ReadAllText(dir.File("notes")));
    }
}
