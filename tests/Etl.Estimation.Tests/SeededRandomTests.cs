using Etl.Estimation.Inference;

namespace Etl.Estimation.Tests;

public class SeededRandomTests
{
    [Fact]
    public void SplitMix64_matches_the_published_sequence_for_seed_zero()
    {
        // Steele, Lea and Flood (2014); the first outputs from state 0 are the standard test vector.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, SeededRandom.SplitMix64(ref state));
    }

    [Fact]
    public void Xoshiro256_star_star_from_a_hand_traced_state()
    {
        // State (1, 2, 3, 4): first output rotl(2·5, 7)·9 = 11520; after one step s1 = 2 ^ (3 ^ 1) = 0, so the second is 0.
        var rng = new SeededRandom(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void Streams_are_reproducible_and_distinct()
    {
        var a = Enumerable.Range(0, 5).Select(_ => SeededRandom.For(42, "bootstrap:x", 3)).Select(r => r.NextUInt64()).Distinct().ToList();
        Assert.Single(a);
        var firsts = new HashSet<ulong>();
        foreach (var stream in new[] { "bootstrap:x", "bootstrap:y", "permutation:x" })
            for (var i = 0; i < 100; i++) Assert.True(firsts.Add(SeededRandom.For(42, stream, i).NextUInt64()), $"{stream} {i} repeats another stream");
        Assert.NotEqual(SeededRandom.For(42, "s", 0).NextUInt64(), SeededRandom.For(43, "s", 0).NextUInt64());
    }

    [Fact]
    public void Integers_are_uniform_and_in_range()
    {
        var rng = new SeededRandom(2024);
        var counts = new int[7];
        const int n = 70_000;
        for (var i = 0; i < n; i++) counts[rng.NextInt(7)]++;
        // Chi-square with 6 degrees of freedom; its 99.9% quantile is 22.46.
        var expected = n / 7.0;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 22.46, $"chi2 {chi2}");
        Assert.Equal(0, rng.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        var items = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(5).Shuffle(items.AsSpan());
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
    }
}
