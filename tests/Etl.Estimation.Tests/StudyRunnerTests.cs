using System.Globalization;
using System.Text;
using Etl.Estimation.Results;
using Etl.Estimation.Tests.Fixtures;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Tests;

/// <summary>The whole stage with the bundled specification on the fixture warehouse.</summary>
public sealed class StudyRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new("est-study");

    public void Dispose() => _dir.Dispose();

    private string NewWarehouse(string name, IEnumerable<FixtureRow>? rows = null)
    {
        var db = _dir.File(name + ".db");
        PanelFixture.Write(db, rows ?? PanelFixture.Rows());
        PanelFixture.Exec(db, "CREATE TABLE facts (id INTEGER, value REAL); INSERT INTO facts VALUES (1, 1.5), (2, 2.5), (3, 3.5)");
        return db;
    }

    private StudyResults Run(string name, int reps = 300)
    {
        var db = NewWarehouse(name);
        return StudyRunner.Run(new StudyOptions(db, _dir.File(name + "-out")) { BootstrapReps = reps });
    }

    private static string Dump(string db, string table)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
        using var r = cmd.ExecuteReader();
        var sb = new StringBuilder();
        while (r.Read())
        {
            for (var i = 0; i < r.FieldCount; i++) sb.Append(Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    [Fact]
    public void Recovers_the_fixture_coefficient_and_writes_every_output()
    {
        var r = Run("a");
        // The DGP's coefficient of dig_real is 2 (noise SD 0.5 on 150 rows).
        var b = r.Model("t1_4").Fit["dig_real"];
        Assert.InRange(b.Estimate, 1.9, 2.1);
        Assert.True(b.P < 0.01);
        Assert.Equal(120, r.Model("t2_lag").Fit.N);
        Assert.Equal(30, r.Model("t2_lag").DroppedMissing);
        Assert.Equal([12, 10, 8, 26, 4], new[] { "t4_east", "t4_central", "t4_west", "t4_se", "t4_nw" }.Select(id => r.Model(id).Fit.Clusters!.Value));
        // Every heterogeneity group has fewer than 30 clusters here, so each gets a wild bootstrap.
        Assert.Equal(5, r.Wild.Count);
        Assert.Equal(4, r.Differences.Count);
        Assert.Equal(300, r.Mediation!.Draws.Reps);
        Assert.True(r.Mediation.Percentile.Contains(r.Mediation.AB));

        var out_ = _dir.File("a-out");
        foreach (var stem in new[] { "table1_benchmark", "table2_robustness", "table3_mechanism", "table4_heterogeneity", "table5_tests" })
            foreach (var ext in new[] { "md", "csv", "tex", "html" })
                Assert.True(File.Exists(Path.Combine(out_, $"{stem}.{ext}")), $"{stem}.{ext}");
        foreach (var fig in new[] { "fig1_heterogeneity", "fig2_bootstrap_ab", "fig3_dig_real_all_models" })
        {
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(out_, fig + ".svg")), StringComparison.Ordinal);
            Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(Path.Combine(out_, fig + ".pdf"))[..4]);
        }
        foreach (var png in new[] { "fig1_heterogeneity.png", "fig2_bootstrap_ab.png", "fig3_dig_real_all_models.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(out_, png));
            Assert.True(bytes.Length > 1024, png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        var md = File.ReadAllText(Path.Combine(out_, "table1_benchmark.md"));
        Assert.Contains("| City FE | No | No | Yes | Yes |", md);
        Assert.Contains("| Year FE | No | No | No | Yes |", md);
        Assert.Contains("| Observations | 150 | 150 | 150 | 150 |", md);
        Assert.Contains("Standard errors in parentheses.", md);
        Assert.Contains("Standard errors are clustered by city", md);
        Assert.Contains(r.Panel.SnapshotHash[..16], md);
        Assert.Equal(SpecLoader().Text, File.ReadAllText(Path.Combine(out_, "specification.json")));
    }

    private static Specs.StudySpec SpecLoader() => Specs.SpecLoader.LoadBundled();

    [Fact]
    public void Writes_its_tables_into_the_warehouse_and_leaves_the_others_alone()
    {
        var r = Run("w");
        var db = _dir.File("w.db");
        // Terms per model from the specification: (1) dig_real + constant; (2) six + constant; 13 two-way
        // models with six regressors, one (b controlling for dig_real) with seven: 2 + 7 + 6·13 + 7 = 94.
        Assert.Equal(94L, PanelFixture.Scalar(db, "SELECT count(*) FROM estimates"));
        Assert.Equal(1L, PanelFixture.Scalar(db, "SELECT count(DISTINCT panel_hash) FROM estimates"));
        Assert.Equal(r.Panel.SnapshotHash, PanelFixture.Scalar(db, "SELECT panel_hash FROM estimates LIMIT 1"));
        Assert.Equal("study", PanelFixture.Scalar(db, "SELECT DISTINCT result_set FROM estimates"));
        Assert.Equal(r.Model("t1_4").Fit["dig_real"].Estimate, (double)PanelFixture.Scalar(db, "SELECT estimate FROM estimates WHERE model = 't1_4' AND term = 'dig_real'")!);
        Assert.Equal(150L, PanelFixture.Scalar(db, "SELECT n FROM estimates WHERE model = 't1_4' AND term = 'dig_real'"));
        Assert.Equal(30L, PanelFixture.Scalar(db, "SELECT g FROM estimates WHERE model = 't1_4' AND term = 'dig_real'"));
        Assert.Equal(1L, PanelFixture.Scalar(db, "SELECT count(*) FROM test_statistics WHERE kind = 'sobel'"));
        Assert.Equal(4L, PanelFixture.Scalar(db, "SELECT count(*) FROM test_statistics WHERE kind = 'permutation'"));
        Assert.Equal(5L, PanelFixture.Scalar(db, "SELECT count(*) FROM test_statistics WHERE kind = 'wild_cluster_bootstrap'"));
        Assert.Equal(300L, PanelFixture.Scalar(db, "SELECT count(*) FROM bootstrap_draws"));
        Assert.Equal(1L, PanelFixture.Scalar(db, "SELECT count(*) FROM estimation_runs"));
        Assert.Equal("1|1.5|\n2|2.5|\n3|3.5|\n", Dump(db, "facts"));

        // A second run of the same result set replaces its estimates, and adds itself to the history of runs.
        StudyRunner.Run(new StudyOptions(db, _dir.File("w-out")) { BootstrapReps = 300 });
        Assert.Equal(94L, PanelFixture.Scalar(db, "SELECT count(*) FROM estimates"));
        Assert.Equal(2L, PanelFixture.Scalar(db, "SELECT count(*) FROM estimation_runs"));
        Assert.Equal(94L, PanelFixture.Scalar(db, "SELECT count(*) FROM estimates WHERE estimation_id = (SELECT max(estimation_id) FROM estimation_runs)"));
        Assert.Equal(3L, PanelFixture.Scalar(db, "SELECT count(*) FROM facts"));
    }

    [Fact]
    public void A_model_on_a_panel_variant_runs_on_that_table_and_is_left_out_with_a_note_when_it_is_absent()
    {
        // Without the variant table the IPC-only column is left out, and the run says so.
        var without = Run("nv", reps: 20);
        Assert.DoesNotContain(without.Models, m => m.Spec.Id == "t2_ipc");
        Assert.Contains(without.Notes, n => n.Contains("'t2_ipc'", StringComparison.Ordinal) && n.Contains("panel_ipc_only", StringComparison.Ordinal));
        Assert.Contains("(5) IPC-only matching: not estimated", File.ReadAllText(Path.Combine(_dir.File("nv-out"), "table2_robustness.md")));

        // With it: the variant doubles the index, so the coefficient is exactly half the main panel's (4), with
        // the same t; its estimates carry the variant table's hash, not the main panel's.
        var db = NewWarehouse("v");
        PanelFixture.Exec(db, "CREATE TABLE panel_ipc_only AS SELECT * FROM panel; UPDATE panel_ipc_only SET dig_real = 2 * dig_real");
        var with = StudyRunner.Run(new StudyOptions(db, _dir.File("v-out")) { BootstrapReps = 20 });
        var main = with.Model("t1_4").Fit["dig_real"];
        var variant = with.Model("t2_ipc").Fit["dig_real"];
        Assert.Equal(main.Estimate / 2, variant.Estimate, 1e-10);
        Assert.Equal(main.T, variant.T, 1e-8);
        Assert.Empty(with.Notes);
        var hashes = PanelFixture.Scalar(db, "SELECT count(DISTINCT panel_hash) FROM estimates");
        Assert.Equal(2L, hashes);
        Assert.NotEqual(with.Panel.SnapshotHash, PanelFixture.Scalar(db, "SELECT panel_hash FROM estimates WHERE model = 't2_ipc' LIMIT 1"));
    }

    [Fact]
    public void Two_runs_give_byte_identical_files_and_tables()
    {
        Run("x");
        Run("y");
        var x = _dir.File("x-out");
        var y = _dir.File("y-out");
        var files = Directory.GetFiles(x).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(y).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(38, files.Count); // 5 tables x 5 formats, 3 plots x 3 formats, 2 long CSVs, the specification, the manifest, and nothing else
        foreach (var f in files) Assert.True(File.ReadAllBytes(Path.Combine(x, f!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(y, f!))), $"{f} differs");
        foreach (var table in new[] { "estimates", "test_statistics", "bootstrap_draws" })
            Assert.Equal(Dump(_dir.File("x.db"), table), Dump(_dir.File("y.db"), table));
    }

    [Fact]
    public void An_unbalanced_panel_is_refused_when_the_specification_requires_balance()
    {
        var rows = PanelFixture.Rows().Where(r => !(r.City == PanelFixture.CityCode(4) && r.Year == 2019)).ToList();
        var db = NewWarehouse("unbalanced", rows);
        var e = Assert.Throws<InvalidDataException>(() => StudyRunner.Run(new StudyOptions(db, _dir.File("u-out"))));
        Assert.Contains("table panel is not balanced", e.Message);
        Assert.Contains($"city {PanelFixture.CityCode(4)} lacks 2019", e.Message);
        Assert.Contains("unbalanced.db", e.Message);
        Assert.Equal(0L, PanelFixture.Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'estimates'"));
    }

    [Fact]
    public void A_failed_write_is_a_data_error_and_rolls_back_every_table()
    {
        // Something else owns the name test_statistics (a view): the stage refuses to drop it, and the tables
        // it had already replaced in the same transaction come back as they were (here: absent).
        var db = NewWarehouse("conflict");
        PanelFixture.Exec(db, "CREATE VIEW test_statistics AS SELECT 1 AS x");
        var e = Assert.Throws<InvalidDataException>(() => StudyRunner.Run(new StudyOptions(db, _dir.File("c-out")) { BootstrapReps = 50 }));
        Assert.Contains("cannot write the result tables", e.Message);
        Assert.Contains("conflict.db", e.Message);
        Assert.Equal(0L, PanelFixture.Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('estimates', 'estimation_runs', 'bootstrap_draws')"));
        Assert.Equal("view", PanelFixture.Scalar(db, "SELECT type FROM sqlite_master WHERE name = 'test_statistics'"));
    }
}
