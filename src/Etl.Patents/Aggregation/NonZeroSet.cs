using System.Numerics;

namespace Etl.Patents.Aggregation;

/// <summary>
/// A set of non-zero integer keys with open addressing and linear probing, one key a slot at a load of at most 0.7:
/// 6 to 11 bytes per 32-bit key, where a <see cref="HashSet{T}"/> of ints takes about 17 (a 12-byte entry and a
/// 4-byte bucket each, with room to grow). The fold keeps two kinds: application keys of unusual shape
/// (<see cref="ApplicationKeySet"/>) and each unit-year's co-classification pairs, of which the scale-1 corpus has
/// about 1.9 million.
/// </summary>
internal sealed class NonZeroSet<T> where T : unmanaged, IBinaryInteger<T>
{
    private T[] _slots;
    private int _mask;

    /// <summary>A set sized for about <paramref name="expected"/> keys without growing.</summary>
    public NonZeroSet(long expected)
    {
        var capacity = 8;
        while (capacity * 0.7 < expected && capacity < 1 << 30) capacity <<= 1;
        _slots = new T[capacity];
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="key"/> (non-zero: zero marks an empty slot); false when it was already there.</summary>
    public bool Add(T key)
    {
        if (T.IsZero(key)) throw new ArgumentOutOfRangeException(nameof(key), "the set holds non-zero keys only");
        if (Count + 1 > _slots.Length * 0.7) Grow();
        var i = (int)(Mix(key) & (ulong)_mask);
        while (true)
        {
            var s = _slots[i];
            if (T.IsZero(s))
            {
                _slots[i] = key;
                Count++;
                return true;
            }
            if (s == key) return false;
            i = (i + 1) & _mask;
        }
    }

    private static ulong Mix(T key)
    {
        var z = ulong.CreateTruncating(key) * 0x9E3779B97F4A7C15UL;
        return z ^ (z >> 29);
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new T[old.Length * 2];
        _mask = _slots.Length - 1;
        Count = 0;
        foreach (var k in old)
            if (!T.IsZero(k)) Add(k);
    }
}
