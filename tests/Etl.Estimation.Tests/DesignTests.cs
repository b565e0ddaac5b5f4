using Etl.Estimation.Design;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;
using Etl.Estimation.Tests.Fixtures;
using Etl.Testing;

namespace Etl.Estimation.Tests;

public sealed class DesignTests : IDisposable
{
    private readonly TempDirectory _dir = new("est-design");
    private readonly List<FixtureRow> _rows = PanelFixture.Rows();
    private readonly PanelTable _panel;

    public DesignTests()
    {
        var db = _dir.File("w.db");
        PanelFixture.Write(db, _rows);
        _panel = PanelReader.Read(db);
    }

    public void Dispose() => _dir.Dispose();

    private static ModelSpec Model(string outcome, string[] regressors, SampleFilter? sample = null) =>
        new("m", "t", "(1)", TermParser.Parse(outcome), regressors.Select(TermParser.Parse).ToList(), ["city_code", "year"], "city_code",
            Engine.VcovKind.Cluster, sample ?? SampleFilter.All, "{}");

    [Fact]
    public void Lag_uses_the_previous_year_of_the_same_city_and_drops_each_first_year()
    {
        var d = DesignBuilder.Build(_panel, Model("nq_rev", ["lag(dig_real)"]));
        Assert.Equal(30 * 4, d.Rows.Length);
        Assert.Equal(30, d.DroppedMissing);
        Assert.DoesNotContain(2016, d.Year);
        // Row of city 2, 2018 holds city 2's 2017 index.
        var i = Array.FindIndex(d.Rows, r => _panel.CityCodes[_panel.CityIndex[r]] == PanelFixture.CityCode(2) && _panel.Year[r] == 2018);
        Assert.Equal(_rows[2 * 5 + 1].DigReal, d.X[0][i]);
        Assert.Equal(_rows[2 * 5 + 2].NqRev, d.Y[i]);
    }

    [Fact]
    public void A_gap_year_makes_the_lag_missing_rather_than_taking_an_older_year()
    {
        var rows = _rows.Where(r => !(r.City == PanelFixture.CityCode(0) && r.Year == 2017)).ToList();
        var db = _dir.File("gap.db");
        PanelFixture.Write(db, rows);
        var d = DesignBuilder.Build(PanelReader.Read(db), Model("nq_rev", ["lag(dig_real)"]));
        // City 0 loses 2016 (first year) and 2018 (its previous year is missing) besides the deleted 2017.
        Assert.Equal(29 * 4 + 2, d.Rows.Length);
    }

    [Fact]
    public void Log_transforms_and_sample_filters()
    {
        var east = new SampleFilter([new FilterCondition("region", ["east"], null, null)]);
        var d = DesignBuilder.Build(_panel, Model("log1p(nq_rev)", ["log(gdp)", "dig_real"], east));
        Assert.Equal(12 * 5, d.Rows.Length);
        Assert.Equal(Math.Log(1 + _rows[0].NqRev), d.Y[0], 1e-12);
        Assert.Equal(Math.Log(_rows[0].Gdp), d.X[0][0], 1e-12);
        var years = new SampleFilter([new FilterCondition("year", null, 2018, null)]);
        Assert.Equal(30 * 3, DesignBuilder.Build(_panel, Model("nq_rev", ["dig_real"], years)).Rows.Length);
    }

    [Fact]
    public void Winsorising_uses_the_percentiles_of_the_estimation_sample()
    {
        var west = new SampleFilter([new FilterCondition("region", ["west"], null, null)]);
        var d = DesignBuilder.Build(_panel, Model("nq_rev", ["winsor(dig_real, 1, 99)"], west));
        var sample = _rows.Where(r => r.Region == "west").Select(r => r.DigReal).Order().ToArray();
        Assert.Equal(40, sample.Length);
        // n·p/100 = 0.4 → x(1); 39.6 → x(40): on 40 values the 1/99 percentiles are the extremes; check at 10/90:
        // 4 → (x(4) + x(5))/2 and 36 → (x(36) + x(37))/2.
        Assert.Equal(sample[0], d.X[0].Min());
        Assert.Equal(sample[^1], d.X[0].Max());
        var d10 = DesignBuilder.Build(_panel, Model("nq_rev", ["winsor(dig_real, 10, 90)"], west));
        Assert.Equal((sample[3] + sample[4]) / 2, d10.X[0].Min(), 1e-12);
        Assert.Equal((sample[35] + sample[36]) / 2, d10.X[0].Max(), 1e-12);
        Assert.Equal(8, d10.X[0].Count(v => v == d10.X[0].Min()) + d10.X[0].Count(v => v == d10.X[0].Max()));
    }

    [Fact]
    public void Missing_values_drop_the_row_and_are_counted()
    {
        var rows = _rows.Select((r, i) => i is 3 or 10 ? r with { Human = double.NaN } : r).ToList();
        var db = _dir.File("missing.db");
        PanelFixture.Write(db, rows);
        var d = DesignBuilder.Build(PanelReader.Read(db), Model("nq_rev", ["dig_real", "human"]));
        Assert.Equal(148, d.Rows.Length);
        Assert.Equal(2, d.DroppedMissing);
        Assert.Equal(150, d.FilteredRows);
    }

    [Fact]
    public void Categorical_columns_cannot_be_regressors()
    {
        var e = Assert.Throws<InvalidDataException>(() => DesignBuilder.Build(_panel, Model("nq_rev", ["region"])));
        Assert.Contains("column region is categorical", e.Message);
    }
}
