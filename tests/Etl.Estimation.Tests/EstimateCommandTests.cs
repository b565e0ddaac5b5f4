using Etl.Cli;
using Etl.Estimation.Tests.Fixtures;
using Etl.Testing;

namespace Etl.Estimation.Tests;

/// <summary><c>etl estimate</c>: exit codes 0 (ok), 1 (data errors, naming file, table or column), 2 (usage errors).</summary>
public sealed class EstimateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("est-cli");

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Etl(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = EtlCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Warehouse(string name = "w.db")
    {
        var db = _dir.File(name);
        PanelFixture.Write(db, PanelFixture.Rows());
        return db;
    }

    [Fact]
    public void Runs_the_study_and_reports()
    {
        var db = Warehouse();
        var (code, output, error) = Etl("estimate", "--db", db, "--out", _dir.File("out"), "--reps", "50", "--seed", "9");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("estimated 16 models", output);
        Assert.True(File.Exists(Path.Combine(_dir.File("out"), "table1_benchmark.tex")));
        Assert.Equal(50L, PanelFixture.Scalar(db, "SELECT bootstrap_reps FROM estimation_runs"));
        Assert.Equal(9L, PanelFixture.Scalar(db, "SELECT seed FROM estimation_runs"));
    }

    [Fact]
    public void The_output_folder_has_a_manifest_of_what_made_it()
    {
        var db = Warehouse();
        var outDir = _dir.File("out");
        Assert.Equal(ExitCodes.Ok, Etl("estimate", "--db", db, "--out", outDir, "--reps", "20").Code);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var root = manifest.RootElement;
        // The panel and the run it names are the ones the warehouse recorded for this estimate.
        Assert.Equal(PanelFixture.Scalar(db, "SELECT panel_hash FROM estimation_runs"), root.GetProperty("panel_hash").GetString());
        Assert.Equal("study", root.GetProperty("result_set").GetString());
        // A panel no build recorded (the fixture writes the table directly) joins to no build, and says so.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("build_run_id").ValueKind);
        Assert.Equal(PanelFixture.Scalar(db, "SELECT run_id FROM estimation_runs"), root.GetProperty("run_id").GetString());
        Assert.Equal(PanelFixture.Scalar(db, "SELECT spec_sha256 FROM estimation_runs"), root.GetProperty("specification_sha256").GetString());
        Assert.Equal(20, root.GetProperty("bootstrap_reps").GetInt32());
        // Every file of the folder but the manifest is listed, with the hash of its bytes on disk.
        var listed = root.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString());
        var onDisk = Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)).Where(n => n != "manifest.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, listed.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var name in onDisk)
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, name)))), listed[name]);
    }

    [Fact]
    public void Results_of_a_panel_that_changed_meanwhile_are_not_written()
    {
        var db = Warehouse();
        var options = new StudyOptions(db, _dir.File("out")) { BootstrapReps = 20, WriteFiles = false };
        var results = StudyRunner.Estimate(Specs.SpecLoader.LoadBundled(), options, []);
        // A build publishes a warehouse with another panel while the models are being estimated.
        PanelFixture.Exec(db, "CREATE TABLE kept AS SELECT nq_rev FROM panel WHERE rowid = 1; UPDATE panel SET nq_rev = nq_rev + 1 WHERE rowid = 1");
        var e = Assert.Throws<InvalidDataException>(() => Results.ResultStore.Write(db, results, DateTime.UtcNow, TimeSpan.Zero));
        Assert.Contains("the panel changed while the models were estimated", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, PanelFixture.Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'estimates'"));
        // Unchanged, the same results are written.
        PanelFixture.Exec(db, "UPDATE panel SET nq_rev = (SELECT nq_rev FROM kept) WHERE rowid = 1");
        Results.ResultStore.Write(db, results, DateTime.UtcNow, TimeSpan.Zero);
        Assert.True((long)PanelFixture.Scalar(db, "SELECT count(*) FROM estimates")! > 0);
    }

    [Fact]
    public void Data_errors_exit_1_with_the_file_table_or_column()
    {
        var missing = _dir.File("none.db");
        var (code, _, error) = Etl("estimate", "--db", missing, "--out", _dir.File("o1"));
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains(missing, error);

        var empty = _dir.File("empty.db");
        PanelFixture.Exec(empty, "CREATE TABLE other (x)");
        (code, _, error) = Etl("estimate", "--db", empty, "--out", _dir.File("o2"));
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("no table or view named panel", error);

        var narrow = _dir.File("narrow.db");
        PanelFixture.Exec(narrow, "CREATE TABLE panel (city_code TEXT, year INTEGER, nq_rev REAL)");
        (code, _, error) = Etl("estimate", "--db", narrow, "--out", _dir.File("o3"));
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("lacks column(s) nq_emp", error);

        var spec = _dir.File("bad.json");
        File.WriteAllText(spec, """{ "study": "s", "models": [{ "id": "m1", "table": "t", "label": "x", "outcome": "nq_rev", "regressors": ["sqrt(gdp)"] }], "tables": [{ "id": "t", "file": "t", "title": "t" }] }""");
        (code, _, error) = Etl("estimate", "--db", Warehouse(), "--out", _dir.File("o4"), "--spec", spec);
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("bad.json: model 'm1', field 'regressors'", error);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var db = Warehouse();
        Assert.Equal(ExitCodes.UsageError, Etl("estimate", "--db", db, "--reps", "0").Code);
        Assert.Equal(ExitCodes.UsageError, Etl("estimate", "--db", db, "--seed", "-1").Code);
        // A missing specification is a missing input, a data error like every other (Etl.Cli.Tests).
        var (code, _, error) = Etl("estimate", "--db", db, "--spec", _dir.File("nowhere.json"));
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("specification not found", error);
        Assert.Equal(ExitCodes.UsageError, Etl("estimate", "--db", db, "--bogus").Code);
        Assert.Equal(ExitCodes.UsageError, Etl("estimate", "--db", db, "--reps", "many").Code);
    }
}
