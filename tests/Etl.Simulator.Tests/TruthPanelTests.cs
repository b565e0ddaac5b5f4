using Etl.Estimation.Engine;

namespace Etl.Simulator.Tests;

/// <summary>The truth panel: balanced, of the default size, and reproducing the study's estimates.</summary>
[Collection("corpus")]
public class TruthPanelTests(CorpusFixture corpus)
{
    private static readonly string[] s_controls = ["human", "gdp", "pop", "ent_act", "ind3_share"];

    [Fact]
    public void Panel_is_balanced_with_198_cities_and_15_years()
    {
        var rows = TruthPanel.Read(corpus.Truth);
        Assert.Equal(2970, rows.Count);
        Assert.Equal(198, rows.Select(r => r.City).Distinct().Count());
        Assert.All(rows.GroupBy(r => r.City), g => Assert.Equal(Enumerable.Range(2010, 15), g.Select(r => r.Year).Order()));
        Assert.All(rows, r => Assert.All(r.Values.Values, v => Assert.True(double.IsFinite(v))));
    }

    [Fact]
    public void Dropped_cities_have_reasons_and_are_not_in_the_panel()
    {
        var panel = TruthPanel.Read(corpus.Truth).Select(r => r.City).ToHashSet();
        var dropped = File.ReadAllLines(Path.Combine(corpus.Truth, "dropped.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.DoesNotContain(dropped, d => panel.Contains(d[0]));
        Assert.Contains(dropped, d => d[0] == "341400" && d[2] == "admin_event"); // Chaohu
        Assert.Contains(dropped, d => d[0] == "371200" && d[2] == "admin_event"); // Laiwu
        Assert.True(dropped.Count(d => d[2] == "missing_key_variable") > 30);
        Assert.Equal(299, panel.Count + dropped.Count); // every city and municipality of 2010-2024
    }

    private static RegressionResult Fit(List<TruthRow> rows, string y, string[] x, Func<TruthRow, bool>? filter = null)
    {
        var data = rows.Where(filter ?? (_ => true)).ToList();
        return FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = data.Select(r => r.Values[y]).ToArray(),
            X = x.Select(n => data.Select(r => r.Values[n]).ToArray()).ToList(),
            XNames = x,
            FixedEffects = [data.Select(r => int.Parse(r.City, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), data.Select(r => r.Year).ToArray()],
            Cluster = data.Select(r => int.Parse(r.City, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        });
    }

    [Fact]
    public void Truth_panel_reproduces_the_studys_headline_estimates()
    {
        // Published: model (4) 3.599, mechanism a 6.146 and b 0.114, all significant at 1%, Sobel Z about 8.1.
        var rows = TruthPanel.Read(corpus.Truth);
        var beta = Fit(rows, "nq_rev", ["dig_real", .. s_controls])["dig_real"];
        var a = Fit(rows, "digital_patent", ["dig_real", .. s_controls])["dig_real"];
        var b = Fit(rows, "nq_rev", ["digital_patent", .. s_controls])["digital_patent"];
        Assert.InRange(beta.Estimate, 3.599 * 0.995, 3.599 * 1.005);
        Assert.InRange(a.Estimate, 6.146 * 0.995, 6.146 * 1.005);
        Assert.InRange(b.Estimate, 0.114 * 0.995, 0.114 * 1.005);
        Assert.All(new[] { beta, a, b }, t => Assert.True(t.P < 0.01, $"{t.Name}: p = {t.P}"));
        var sobel = a.Estimate * b.Estimate / Math.Sqrt(b.Estimate * b.Estimate * a.StdError * a.StdError + a.Estimate * a.Estimate * b.StdError * b.StdError);
        Assert.InRange(sobel, 7.6, 8.6);
    }

    [Fact]
    public void Heterogeneity_follows_the_study()
    {
        // East largest; central and west smaller but significant; south-east of the Hu line significant, north-west not.
        var rows = TruthPanel.Read(corpus.Truth);
        string[] x = ["dig_real", .. s_controls];
        var east = Fit(rows, "nq_rev", x, r => r.Region == "east")["dig_real"];
        var central = Fit(rows, "nq_rev", x, r => r.Region == "central")["dig_real"];
        var west = Fit(rows, "nq_rev", x, r => r.Region == "west")["dig_real"];
        var se = Fit(rows, "nq_rev", x, r => r.HuSide == "SE")["dig_real"];
        var nw = Fit(rows, "nq_rev", x, r => r.HuSide == "NW")["dig_real"];
        Assert.True(east.Estimate > central.Estimate && east.Estimate > west.Estimate);
        Assert.True(central.P < 0.01 && west.P < 0.05 && east.P < 0.01, $"p east {east.P}, central {central.P}, west {west.P}");
        Assert.True(se.P < 0.01);
        Assert.True(nw.P > 0.1, $"north-west p = {nw.P}");
    }
}
