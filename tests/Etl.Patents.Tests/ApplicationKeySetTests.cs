using Etl.Patents.Aggregation;

namespace Etl.Patents.Tests;

/// <summary>The de-duplication index against a plain hash set, on keys of every shape it sorts apart.</summary>
public class ApplicationKeySetTests
{
    [Fact]
    public void It_answers_as_a_hash_set_does()
    {
        var rng = new Random(5);
        var set = new ApplicationKeySet();
        var reference = new HashSet<long>();
        var drawn = new List<long>();
        for (var i = 0; i < 200_000; i++)
        {
            // Mostly fresh keys, a fifth of them repeats of earlier ones.
            var key = drawn.Count > 0 && rng.Next(5) == 0 ? drawn[rng.Next(drawn.Count)] : Draw(rng);
            drawn.Add(key);
            Assert.True(reference.Add(key) == set.Add(key), $"key {key}");
        }
    }

    [Theory]
    [InlineData(201810123456L)] // invention, bitmap
    [InlineData(201980000001L)] // PCT invention, bitmap
    [InlineData(201820123456L)] // utility model: hash set
    [InlineData(199910123456L)] // before the bitmap's years
    [InlineData(1_000_000_000_000L + 00123456L)] // an 8-digit number (marked)
    [InlineData(0L)]
    public void A_key_is_new_once(long key)
    {
        var set = new ApplicationKeySet();
        Assert.True(set.Add(key));
        Assert.False(set.Add(key));
        Assert.True(set.Add(key + 1));
    }

    private static long Draw(Random rng)
    {
        var year = rng.Next(1995, 2036);
        var kind = new[] { 1, 1, 1, 8, 2, 3, 9 }[rng.Next(7)];
        var serial = rng.Next(0, 10_000_000);
        return rng.Next(20) switch
        {
            0 => 1_000_000_000_000L + rng.Next(0, 100_000_000), // 8-digit form
            1 => 0,
            _ => ((long)year * 10 + kind) * 10_000_000L + serial,
        };
    }
}
