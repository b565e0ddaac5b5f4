namespace Etl.Patents.Aggregation;

/// <summary>
/// A set of non-zero 64-bit keys with open addressing and linear probing, 8 bytes a slot at a load of at
/// most 0.7: the de-duplication index of application numbers, about 11 bytes per application.
/// </summary>
internal sealed class LongSet
{
    private long[] _slots;
    private int _mask;

    /// <summary>A set sized for about <paramref name="expected"/> keys without growing.</summary>
    public LongSet(long expected)
    {
        var capacity = 1024;
        while (capacity * 0.7 < expected && capacity < 1 << 30) capacity <<= 1;
        _slots = new long[capacity];
        _mask = capacity - 1;
    }

    public long Count { get; private set; }

    /// <summary>Adds <paramref name="key"/> (non-zero); false when it was already there.</summary>
    public bool Add(long key)
    {
        if (Count + 1 > _slots.Length * 0.7) Grow();
        var i = (int)(Mix(key) & (ulong)_mask);
        while (true)
        {
            var s = _slots[i];
            if (s == 0) { _slots[i] = key; Count++; return true; }
            if (s == key) return false;
            i = (i + 1) & _mask;
        }
    }

    private static ulong Mix(long key)
    {
        var z = (ulong)key * 0x9E3779B97F4A7C15UL;
        return z ^ (z >> 29);
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new long[old.Length * 2];
        _mask = _slots.Length - 1;
        Count = 0;
        foreach (var k in old) if (k != 0) Add(k);
    }
}
