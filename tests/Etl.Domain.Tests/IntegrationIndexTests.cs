using Etl.Domain.Index;
using FsCheck;
using FsCheck.Fluent;

namespace Etl.Domain.Tests;

public class IntegrationIndexTests
{
    private static readonly CityCode s_a = new(110000), s_b = new(120000), s_c = new(130100);

    private static Dictionary<(CityCode, int), UnitYearAggregate> Example() => new()
    {
        [(s_a, 2020)] = new(s_a, 2020, 4, 6, new Dictionary<string, long> { ["10"] = 2, ["28"] = 3 }, 3),
        [(s_a, 2021)] = new(s_a, 2021, 6, 4, new Dictionary<string, long> { ["10"] = 2, ["28"] = 3, ["29"] = 1 }, 4),
        [(s_b, 2020)] = new(s_b, 2020, 1, 9, new Dictionary<string, long> { ["28"] = 1 }, 1),
        [(s_b, 2021)] = new(s_b, 2021, 2, 8, new Dictionary<string, long> { ["28"] = 2 }, 1),
        [(s_c, 2021)] = new(s_c, 2021, 1, 4, new Dictionary<string, long> { ["20"] = 1 }, 1),
        // 130100 in 2020 has no integrated or real-only application: it is absent from the aggregates.
    };

    private static readonly Dictionary<int, NationalYear> s_national = new()
    {
        [2020] = new(2020, 5, 20, 3, 4),
        [2021] = new(2021, 9, 16, 3, 5),
    };

    private static readonly (CityCode, int)[] s_universe = [(s_a, 2020), (s_a, 2021), (s_b, 2020), (s_b, 2021), (s_c, 2020), (s_c, 2021)];

    [Fact]
    public void Worked_example_from_the_README()
    {
        // Expected values computed independently (by hand and a separate script), see Index/README.md.
        var r = IntegrationIndex.Compute(s_universe, Example(), s_national, IndexParameters.Default);
        var byKey = r.Values.ToDictionary(v => (v.Unit, v.Year));
        Assert.Equal(80.55650320642016, byKey[(s_a, 2020)].Index, 1e-9);
        Assert.Equal(97.17124321641009, byKey[(s_a, 2021)].Index, 1e-9);
        Assert.Equal(16.72792812370015, byKey[(s_b, 2020)].Index, 1e-9);
        Assert.Equal(17.182662950042943, byKey[(s_b, 2021)].Index, 1e-9);
        Assert.Equal(0.0, byKey[(s_c, 2020)].Index, 1e-12);
        Assert.Equal(12.110314823387522, byKey[(s_c, 2021)].Index, 1e-9);
        Assert.Equal(3.0252910757955354, byKey[(s_a, 2021)].Raw[0], 1e-12);
        Assert.Equal(0.5234257674190173, r.Weights[1], 1e-12);
        Assert.Equal(1.0, r.Weights.Sum(), 1e-12);
    }

    [Fact]
    public void The_index_does_not_depend_on_the_order_of_its_inputs()
    {
        var baseline = IntegrationIndex.Compute(s_universe, Example(), s_national, IndexParameters.Default);
        var prop = Prop.ForAll(Arb.From(Gen.Shuffle(s_universe)), shuffled =>
        {
            var reversed = Example().Reverse().ToDictionary(kv => kv.Key, kv => kv.Value);
            var r = IntegrationIndex.Compute(shuffled, reversed, s_national, IndexParameters.Default);
            return r.Values.Select(v => v.Index).SequenceEqual(baseline.Values.Select(v => v.Index));
        });
        prop.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Index_lies_between_0_and_100_and_weights_sum_to_one()
    {
        var gen = from counts in Gen.ArrayOf(Gen.Choose(0, 50), 12) select counts;
        Prop.ForAll(Arb.From(gen), counts =>
        {
            var aggregates = new Dictionary<(CityCode, int), UnitYearAggregate>();
            for (var i = 0; i < 6; i++)
            {
                var (u, y) = s_universe[i];
                aggregates[(u, y)] = new(u, y, counts[2 * i], counts[2 * i + 1],
                    new Dictionary<string, long> { ["10"] = counts[2 * i] % 5, ["28"] = counts[2 * i + 1] % 3 }, counts[2 * i] % 4);
            }
            var r = IntegrationIndex.Compute(s_universe, aggregates, s_national, IndexParameters.Default);
            return r.Values.All(v => v.Index >= -1e-12 && v.Index <= 100 + 1e-9) && Math.Abs(r.Weights.Sum() - 1) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }
}
