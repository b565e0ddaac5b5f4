using System.Globalization;
using System.Text;
using Etl.Estimation.Results;
using Etl.Simulator;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Tests;

/// <summary>
/// The simulator's truth panel (the balanced panel a correct pipeline must produce from the default corpus),
/// loaded into a warehouse and run through the whole study by the estimation engine: the study's results
/// must come out, in a plausible world.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    /// <summary>Relative tolerance on the calibrated coefficients.</summary>
    private const double Calibration = 0.005;

    /// <summary>The default scale of <c>make all</c>, the scale the study's targets are stated at.</summary>
    private const double DefaultScale = 0.05;

    private readonly TempDirectory _dir = new("est-e2e");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_default_corpus_truth_reproduces_the_study()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var truth = _dir.File("truth");
        CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(_dir.File("raw"), truth, SimulatorOptions.DefaultSeed, DefaultScale) { WritePatents = false }, TextWriter.Null);
        var db = _dir.File("etl.db");
        LoadPanel(Path.Combine(truth, "panel.csv"), db);

        var r = StudyRunner.Run(new StudyOptions(db, _dir.File("results")));
        Assert.Equal(2970, r.Panel.RowCount);

        // Model (4): the headline, in a plausible world.
        var m4 = r.Model("t1_4").Fit;
        var beta = m4["dig_real"];
        Tolerances.AssertRelative(3.599, beta.Estimate, Calibration, "benchmark (4) dig_real");
        Assert.True(beta.P < 0.01);
        Assert.True(m4.R2Within < 0.95, $"within R2 {m4.R2Within}");
        Assert.All(m4.Terms, t => Assert.True(Math.Abs(t.T) < 40, $"{t.Name} t = {t.T}"));
        foreach (var control in new[] { "human", "gdp", "pop", "ent_act" })
            Assert.True(m4[control].Estimate > 0 && m4[control].P < 0.05, $"{control}: {m4[control].Estimate} (p {m4[control].P})");

        // The four robustness columns.
        foreach (var (id, term) in new[] { ("t2_log", "log1p(dig_real)"), ("t2_emp", "dig_real"), ("t2_lag", "lag(dig_real)"), ("t2_winsor", "winsor(dig_real, 1, 99)") })
        {
            var t = r.Model(id).Fit[term];
            Assert.True(t.Estimate > 0 && t.P < 0.01, $"{id}: {t.Estimate} (p {t.P})");
        }

        // The mechanism.
        var m = r.Mediation!;
        Tolerances.AssertRelative(6.146, m.A, Calibration, "a");
        Tolerances.AssertRelative(0.114, m.B, Calibration, "b");
        Assert.True(r.Model("t3_a").Fit["dig_real"].P < 0.01);
        Assert.True(r.Model("t3_b").Fit["digital_patent"].P < 0.01);
        Tolerances.AssertRelative(8.138, m.SobelZ, 0.03, "Sobel Z");
        Assert.Equal(1000, m.Draws.Reps);
        Assert.InRange(m.Percentile.Low, 0.548 - 0.05, 0.548 + 0.05);
        // The study's upper bound (1.064) is not reached: see the simulator README, "Calibration".
        Assert.True(m.Percentile.Contains(m.A * m.B) && m.Percentile.High > 0.85, $"percentile CI {m.Percentile}");
        Assert.True(m.BiasCorrected.Contains(m.A * m.B), $"BC CI {m.BiasCorrected}");

        // Heterogeneity.
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

        // The simulator calibrated itself with its own fitter: it agrees with the estimation engine.
        var calibration = File.ReadAllLines(Path.Combine(truth, "calibration.txt"));
        // calibration.txt prints t to two decimals: the engine's t lies within half a unit of the last digit.
        Assert.InRange(beta.T - CalibrationT(calibration, "model (4) dig_real"), -0.0051, 0.0051);
        Assert.InRange(r.Model("t3_a").Fit["dig_real"].T - CalibrationT(calibration, "mechanism a"), -0.0051, 0.0051);
        Assert.InRange(r.Model("t2_winsor").Fit["winsor(dig_real, 1, 99)"].T - CalibrationT(calibration, "robustness winsorised"), -0.0051, 0.0051);

        // The tables show them.
        var t1 = File.ReadAllText(Path.Combine(_dir.File("results"), "table1_benchmark.md"));
        Assert.Matches(@"3\.599\d*\\\*\\\*\\\*", t1); // more decimals when the standard error needs them
        var t3 = File.ReadAllText(Path.Combine(_dir.File("results"), "table3_mechanism.md"));
        Assert.Matches(@"6\.146\d*\\\*\\\*\\\*", t3);
        Assert.Matches(@"0\.114\d*\\\*\\\*\\\*", t3);
    }

    /// <summary>The t statistic the simulator's calibration table gives on the line that starts with <paramref name="label"/>.</summary>
    private static double CalibrationT(IEnumerable<string> lines, string label)
    {
        var line = lines.Single(l => l.StartsWith(label, StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"\(t (-?[0-9.]+)\)");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
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
