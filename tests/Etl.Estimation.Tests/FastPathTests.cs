using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Tests.Fixtures;

namespace Etl.Estimation.Tests;

/// <summary>The exact shortcuts for balanced panels give what the general engine gives.</summary>
public sealed class FastPathTests(FixtureDatabase db) : IClassFixture<FixtureDatabase>
{
    /// <summary>Agreement required between the fast paths and the general engine (relative).</summary>
    private const double Agreement = 1e-10;

    private static readonly string[] s_controls = ["dig_real", "human", "gdp", "pop", "ent_act", "ind3_share"];

    private static void Close(double expected, double actual, string what) => Tolerances.AssertRelative(expected, actual, Agreement, what);

    [Fact]
    public void Exact_balanced_demeaning_equals_alternating_projections()
    {
        var d = db.Design("nq_rev", s_controls);
        var input = d.ToInput();
        Assert.True(new Demeaner(input.FixedEffects.Select(f => new FactorIndex(f)).ToList()).IsBalancedTwoWay);
        var exact = FixedEffectsRegression.Fit(input, allowExactDemeaning: true);
        var iterated = FixedEffectsRegression.Fit(input, allowExactDemeaning: false);
        foreach (var (e, i) in exact.Terms.Zip(iterated.Terms))
        {
            Close(i.Estimate, e.Estimate, "b " + e.Name);
            Close(i.StdError, e.StdError, "se " + e.Name);
        }
        Close(iterated.R2Within, exact.R2Within, "within R2");
        Assert.Equal(iterated.K, exact.K);
    }

    [Fact]
    public void Unbalanced_panels_are_not_taken_for_balanced()
    {
        var d = db.Design("nq_rev", ["lag(dig_real)"], sample: FixtureDatabase.Where("region", "east"));
        var fe = d.ToInput().FixedEffects.Select(f => new FactorIndex(f)).ToList();
        Assert.True(new Demeaner(fe).IsBalancedTwoWay); // every east city lacks only the first year: still balanced
        var input = d.ToInput() with { Y = d.Y[1..], X = d.X.Select(x => x[1..]).ToList(), FixedEffects = d.FixedEffects.Select(f => f[1..]).ToList(), Cluster = d.Cluster![1..] };
        Assert.False(new Demeaner(input.FixedEffects.Select(f => new FactorIndex(f)).ToList()).IsBalancedTwoWay);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void City_weighted_replicates_equal_the_engine_on_the_materialised_sample(bool yearEffects)
    {
        var d = db.Design("nq_rev", s_controls, yearEffects ? ["city_code", "year"] : ["city_code"]);
        var fast = ReplicateModel.Create(d);
        var general = ReplicateModel.Create(d, allowFastPath: false);
        Assert.True(fast.IsFast);
        Assert.False(general.IsFast);
        var wsFast = fast.CreateWorkspace();
        var wsGeneral = general.CreateWorkspace();
        // All weights 1 is the model itself.
        var ones = Enumerable.Repeat(1.0, fast.Cities.Length).ToArray();
        var fit = FixedEffectsRegression.Fit(d.ToInput());
        for (var j = 0; j < s_controls.Length; j++) Close(fit[s_controls[j]].Estimate, fast.Coefficient(ones, j, wsFast), "weights 1, " + s_controls[j]);
        for (var rep = 0; rep < 5; rep++)
        {
            // A bootstrap draw (counts 0, 1, 2, ...) and a group (0/1).
            var rng = new SeededRandom((ulong)rep + 11);
            var counts = new double[fast.Cities.Length];
            for (var k = 0; k < counts.Length; k++) counts[rng.NextInt(counts.Length)]++;
            var group = Enumerable.Range(0, counts.Length).Select(_ => (double)(rng.NextUInt64() >> 63)).ToArray();
            foreach (var w in new[] { counts, group })
                for (var j = 0; j < s_controls.Length; j++)
                    Close(general.Coefficient(w, j, wsGeneral), fast.Coefficient(w, j, wsFast), $"rep {rep}, {s_controls[j]}");
        }
    }

    [Fact]
    public void Unbalanced_samples_fall_back_to_the_general_engine()
    {
        var d = db.Design("nq_rev", ["dig_real", "human"], ["city_code", "region", "year"]);
        Assert.False(ReplicateModel.Create(d).IsFast);
    }
}
