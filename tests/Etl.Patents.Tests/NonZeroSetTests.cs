using Etl.Patents.Aggregation;

namespace Etl.Patents.Tests;

/// <summary>The open-addressing set against the runtime's <see cref="HashSet{T}"/> on the same keys.</summary>
public class NonZeroSetTests
{
    [Theory]
    [InlineData(0, 50_000, 64)]
    [InlineData(1, 200_000, 100_000)]
    [InlineData(2, 200_000, int.MaxValue)]
    public void Agrees_with_a_hash_set_while_it_grows(int seed, int adds, int range)
    {
        var random = new Random(seed);
        // Sized for nothing, the sets grow many times; a small range repeats keys, a large one hardly ever.
        var ints = new NonZeroSet<int>(0);
        var longs = new NonZeroSet<long>(0);
        var expectedInts = new HashSet<int>();
        var expectedLongs = new HashSet<long>();
        for (var i = 0; i < adds; i++)
        {
            // Negative keys and keys beyond 32 bits are keys like any other.
            var key = random.Next(1, range) * (random.Next(4) == 0 ? -1 : 1);
            Assert.Equal(expectedInts.Add(key), ints.Add(key));
            var wide = key * (random.Next(2) == 0 ? 1L : 4_294_967_311L);
            Assert.Equal(expectedLongs.Add(wide), longs.Add(wide));
        }
        Assert.Equal(expectedInts.Count, ints.Count);
        Assert.Equal(expectedLongs.Count, longs.Count);
        // Every key is still found after the last growth.
        Assert.All(expectedInts, k => Assert.False(ints.Add(k)));
        Assert.All(expectedLongs, k => Assert.False(longs.Add(k)));
    }

    [Fact]
    public void A_pair_of_subclasses_is_one_key_of_its_own_and_never_zero()
    {
        // Subclass numbers run from 0 (A01B) to 20,799 (H99Z).
        var pairs = new[] { (0, 0), (0, 1), (1, 0), (20_799, 20_799), (20_799, 0), (0, 20_799) };
        var keys = pairs.Select(p => UnitYearCounts.Pair(p.Item1, p.Item2)).ToList();
        Assert.All(keys, k => Assert.True(k > 0));
        Assert.Equal(pairs.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Refuses_zero_which_marks_an_empty_slot()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonZeroSet<int>(0).Add(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonZeroSet<long>(0).Add(0));
    }
}
