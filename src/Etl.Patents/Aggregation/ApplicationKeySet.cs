namespace Etl.Patents.Aggregation;

/// <summary>
/// The de-duplication index of application keys (<see cref="Reading.ApplicationNumber"/>). Invention numbers
/// since 2003 are a year, a kind digit and a seven-digit serial handed out in order, so each (year, kind) gets
/// a bitmap of its ten million serials (1.25 MB, made when the first key of that year and kind arrives): a
/// lookup is one bit in a region that a file's records keep revisiting, where a hash set of 18 million keys
/// is a cache and TLB miss every time, and the index takes about 42 MB for the full corpus instead of 270 MB.
/// Keys of other shapes (8-digit numbers, other kinds, years outside the bitmap range) go to a hash set.
/// </summary>
internal sealed class ApplicationKeySet
{
    private const int FirstYear = 2000;
    private const int Years = 32;
    private const long Serials = 10_000_000;

    private readonly ulong[]?[] _bitmaps = new ulong[Years * 2][];
    private readonly NonZeroSet<long> _others = new(1024);
    private bool _sawZero;

    /// <summary>Adds <paramref name="key"/>; false when it was already there.</summary>
    public bool Add(long key)
    {
        if (key == 0)
        {
            // The hash set keeps only non-zero keys (0 marks its empty slots).
            var first = !_sawZero;
            _sawZero = true;
            return first;
        }
        var head = key / Serials; // yyyyk for a 12-digit key
        var year = (int)(head / 10);
        var kind = (int)(head % 10);
        if (key >= 1_000_000_000_000L || year < FirstYear || year >= FirstYear + Years || kind is not (1 or 8)) return _others.Add(key);
        var block = (year - FirstYear) * 2 + (kind == 8 ? 1 : 0);
        var bits = _bitmaps[block] ??= new ulong[(Serials + 63) / 64];
        var serial = key - head * Serials;
        ref var word = ref bits[serial >> 6];
        var mask = 1UL << (int)(serial & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        return true;
    }
}
