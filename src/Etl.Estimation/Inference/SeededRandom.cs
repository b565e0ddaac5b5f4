using System.Text;

namespace Etl.Estimation.Inference;

/// <summary>
/// The stage's own pseudo-random generator: xoshiro256** (Blackman and Vigna 2018, "Scrambled linear
/// pseudorandom number generators") seeded through SplitMix64 (Steele, Lea and Flood 2014). Both are a few
/// lines of integer arithmetic, so a seed gives the same stream on every platform and runtime version,
/// which <see cref="System.Random"/> does not promise.
/// </summary>
/// <remarks>
/// Every replicate of every resampling procedure gets its own stream, <see cref="For"/>(seed, procedure,
/// replicate): results do not depend on the order in which threads run the replicates.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator with the given raw xoshiro256** state (not all zero).</summary>
    internal SeededRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("xoshiro256** state must not be all zero");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A generator whose state is four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>The stream of replicate <paramref name="index"/> of the procedure named <paramref name="stream"/>.</summary>
    public static SeededRandom For(ulong seed, string stream, long index)
    {
        // FNV-1a of the stream name, then SplitMix64 mixing of (seed, name, index): distinct inputs give unrelated states.
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(stream))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        var x = seed;
        var m = SplitMix64(ref x) ^ h;
        m = SplitMix64(ref m) ^ unchecked((ulong)index);
        return new SeededRandom(SplitMix64(ref m));
    }

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns the mixed output.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire 2019, multiply and reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive");
        var range = (ulong)n;
        var threshold = (0UL - range) % range; // 2^64 mod n
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates, Durstenfeld's version).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
