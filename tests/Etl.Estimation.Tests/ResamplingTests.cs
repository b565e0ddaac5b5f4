using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Tests.Fixtures;

namespace Etl.Estimation.Tests;

/// <summary>The city bootstrap of a·b and the permutation test: seeded, thread-independent, and right on known cases.</summary>
public sealed class ResamplingTests(FixtureDatabase db) : IClassFixture<FixtureDatabase>
{
    private static readonly string[] s_withDig = ["dig_real", "human", "gdp", "pop", "ent_act", "ind3_share"];
    private static readonly string[] s_withPatent = ["digital_patent", "human", "gdp", "pop", "ent_act", "ind3_share"];

    private MediationDraws Bootstrap(ulong seed, int reps, int threads, bool fast = true) =>
        MediationBootstrap.Run("m", db.Design("digital_patent", s_withDig), "dig_real", db.Design("nq_rev", s_withPatent), "digital_patent", seed, reps, threads, fast);

    [Fact]
    public void Bootstrap_is_reproducible_and_independent_of_threads()
    {
        var one = Bootstrap(3, 200, 1);
        var two = Bootstrap(3, 200, 2);
        Assert.Equal(one.A, two.A);
        Assert.Equal(one.B, two.B);
        Assert.Equal(one.A, Bootstrap(3, 200, 2).A);
        Assert.NotEqual(one.A, Bootstrap(4, 200, 2).A);
        Assert.True(one.FastPath);
        Assert.Equal(0, one.Failed);
    }

    [Fact]
    public void Bootstrap_fast_path_equals_the_general_engine_replicate_by_replicate()
    {
        var fast = Bootstrap(9, 20, 1);
        var general = Bootstrap(9, 20, 1, fast: false);
        Assert.False(general.FastPath);
        for (var r = 0; r < 20; r++)
        {
            Tolerances.AssertRelative(general.A[r], fast.A[r], 1e-10, $"a, rep {r}");
            Tolerances.AssertRelative(general.B[r], fast.B[r], 1e-10, $"b, rep {r}");
        }
    }

    [Fact]
    public void Bootstrap_spread_matches_the_clustered_standard_error()
    {
        // Resampling whole cities estimates the same sampling variance as CR1 clustering by city, so the
        // bootstrap SD of a should be of the size of its clustered SE (a loose check: 30 clusters, 400 reps).
        var draws = Bootstrap(5, 400, 2);
        var mean = draws.A.Average();
        var sd = Math.Sqrt(draws.A.Sum(a => (a - mean) * (a - mean)) / (draws.A.Length - 1));
        var se = FixedEffectsRegression.Fit(db.Design("digital_patent", s_withDig).ToInput())["dig_real"].StdError;
        Assert.InRange(sd / se, 0.6, 1.6);
        // The DGP has digital_patent = 3·dig_real + ...: the bootstrap centres near 3.
        Assert.InRange(mean, 3 - 4 * se, 3 + 4 * se);
    }

    [Fact]
    public void Permutation_test_observed_difference_is_the_difference_of_the_group_fits()
    {
        var east = db.Design("nq_rev", s_withDig, sample: FixtureDatabase.Where("region", "east"));
        var central = db.Design("nq_rev", s_withDig, sample: FixtureDatabase.Where("region", "central"));
        var pooled = db.Design("nq_rev", s_withDig, sample: FixtureDatabase.Where("region", "east", "central"));
        var r = PermutationTest.Run("d", pooled, east.City.ToHashSet(), central.City.ToHashSet(), "dig_real", 1, 300, 2);
        var expected = FixedEffectsRegression.Fit(east.ToInput())["dig_real"].Estimate - FixedEffectsRegression.Fit(central.ToInput())["dig_real"].Estimate;
        Tolerances.AssertRelative(expected, r.Observed, 1e-9, "observed difference");
        Assert.Equal((12, 10), (r.CitiesA, r.CitiesB));
        Assert.True(r.FastPath);
        // Same DGP in both groups: the labels are exchangeable, so the test should not reject.
        Assert.True(r.P > 0.05, $"p = {r.P}");
        var again = PermutationTest.Run("d", pooled, east.City.ToHashSet(), central.City.ToHashSet(), "dig_real", 1, 300, 1);
        Assert.Equal(r.Differences, again.Differences);
        var general = PermutationTest.Run("d", pooled, east.City.ToHashSet(), central.City.ToHashSet(), "dig_real", 1, 40, 1, allowFastPath: false);
        for (var i = 0; i < 40; i++) Tolerances.AssertRelative(general.Differences[i], r.Differences[i], 1e-9, $"permutation {i}");
    }

    [Fact]
    public void Permutation_test_rejects_a_real_difference()
    {
        // Add 3·dig_real to the outcome of the east cities: their coefficient rises from 2 to 5.
        var rows = PanelFixture.Rows().Select(x => x.Region == "east" ? x with { NqRev = x.NqRev + 3 * x.DigReal } : x).ToList();
        using var dir = new Etl.Testing.TempDirectory("est-perm");
        PanelFixture.Write(dir.File("w.db"), rows);
        var panel = Panel.PanelReader.Read(dir.File("w.db"));
        Design.ModelDesign Build(params string[] regions) => Design.DesignBuilder.Build(panel, new Specs.ModelSpec("m", "t", "x", Specs.TermParser.Parse("nq_rev"),
            s_withDig.Select(Specs.TermParser.Parse).ToList(), ["city_code", "year"], "city_code", VcovKind.Cluster, FixtureDatabase.Where("region", regions), "{}"));
        var r = PermutationTest.Run("d", Build("east", "central"), Build("east").City.ToHashSet(), Build("central").City.ToHashSet(), "dig_real", 1, 500, 2);
        Assert.InRange(r.Observed, 2.5, 3.5);
        Assert.Equal(1.0 / 501, r.P, 1e-12); // no permutation comes near: the smallest possible p
    }
}
