using System.Globalization;
using System.Text;
using Etl.Estimation.Results;
using Etl.Simulator;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Tests;

/// <summary>
/// The simulator's truth panel (the balanced panel a correct pipeline must produce from the default corpus),
/// loaded into a warehouse and run through the whole study: the study's headline results must come out.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    /// <summary>Relative tolerance on the calibrated coefficients.</summary>
    private const double Calibration = 0.005;

    private readonly TempDirectory _dir = new("est-e2e");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_default_corpus_truth_reproduces_the_calibration_targets()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var truth = _dir.File("truth");
        CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(_dir.File("raw"), truth, SimulatorOptions.DefaultSeed, 0.002) { WritePatents = false }, TextWriter.Null);
        var db = _dir.File("etl.db");
        LoadPanel(Path.Combine(truth, "panel.csv"), db);

        var r = StudyRunner.Run(new StudyOptions(db, _dir.File("results")));
        Assert.Equal(2970, r.Panel.RowCount);
        var beta = r.Model("t1_4").Fit["dig_real"];
        Tolerances.AssertRelative(3.599, beta.Estimate, Calibration, "benchmark (4) dig_real");
        Assert.True(beta.P < 0.01);
        var m = r.Mediation!;
        Tolerances.AssertRelative(6.146, m.A, Calibration, "a");
        Tolerances.AssertRelative(0.114, m.B, Calibration, "b");
        Assert.True(r.Model("t3_a").Fit["dig_real"].P < 0.01);
        Assert.True(r.Model("t3_b").Fit["digital_patent"].P < 0.01);
        Assert.InRange(m.SobelZ, 7.6, 8.6);
        Assert.Equal(1000, m.Draws.Reps);
        Assert.True(m.Percentile.Contains(0.70), $"percentile CI {m.Percentile}");
        Assert.True(m.BiasCorrected.Contains(0.70), $"BC CI {m.BiasCorrected}");
        Assert.True(m.Percentile.Low >= 0.4 && m.Percentile.High <= 1.2, $"percentile CI {m.Percentile}");

        double B(string id) => r.Model(id).Fit["dig_real"].Estimate;
        double P(string id) => r.Model(id).Fit["dig_real"].P;
        Assert.True(B("t4_east") > B("t4_central") && B("t4_east") > B("t4_west"), "east largest");
        Assert.True(P("t4_central") < 0.05 && P("t4_west") < 0.05, "central and west significant");
        Assert.True(P("t4_se") < 0.01, "SE significant");
        Assert.True(P("t4_nw") > 0.1, "NW not significant");
        Assert.Equal(8, r.Model("t4_nw").Fit.Clusters);
        var wild = Assert.Single(r.Wild);
        Assert.Equal("t4_nw", wild.ModelId);
        Assert.True(wild.Result.P > 0.1, $"wild bootstrap p {wild.Result.P}");

        // The tables show them.
        var t1 = File.ReadAllText(Path.Combine(_dir.File("results"), "table1_benchmark.md"));
        Assert.Matches(@"3\.599\d*\\\*\\\*\\\*", t1); // more decimals when the standard error needs them
        var t3 = File.ReadAllText(Path.Combine(_dir.File("results"), "table3_mechanism.md"));
        Assert.Matches(@"6\.146\d*\\\*\\\*\\\*", t3);
        Assert.Matches(@"0\.114\d*\\\*\\\*\\\*", t3);
    }

    /// <summary>The truth CSV as the warehouse's panel table (its columns are the contract's).</summary>
    private static void LoadPanel(string csv, string db)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        using (var create = c.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = "CREATE TABLE panel (" + string.Join(", ", header.Select(h => h + (h is "city_code" or "region" or "hu_side" ? " TEXT" : h is "year" or "digital_patent" ? " INTEGER" : " REAL"))) + ")";
            create.ExecuteNonQuery();
        }
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO panel VALUES ({string.Join(", ", header.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = header.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            for (var i = 0; i < f.Length; i++)
                parameters[i].Value = header[i] switch
                {
                    "city_code" or "region" or "hu_side" => f[i],
                    "year" or "digital_patent" => long.Parse(f[i], CultureInfo.InvariantCulture),
                    _ => double.Parse(f[i], CultureInfo.InvariantCulture),
                };
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
