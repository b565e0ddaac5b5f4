namespace Etl.Pipeline;

/// <summary>A kept record as the conflict pass compares it with a duplicate of its application: 24 bytes.</summary>
/// <param name="Flags">The record index's flag bits (<see cref="Etl.Warehouse.IndexedRecord"/>).</param>
internal readonly record struct KeptDetails(long File, long Line, int Unit, short Year, byte Flags, byte Technologies)
{
    /// <summary>Whether this is a record (a default value is none: a kept record's year is a panel year, never 0).</summary>
    public bool Found => Year != 0;
}

/// <summary>
/// Application numbers (as the record index stores them) that the conflict pass needs the kept record of, each with
/// that record once found: sorted arrays, 32 bytes a number, where a hash map of numbers to records took about 150.
/// The set is asked about every kept record of the corpus and almost every answer is no, so a bit filter answers
/// first, without the binary search. Numbers are filled in by distinct threads at most once each.
/// </summary>
internal sealed class KeptByNumber
{
    private const int FilterBits = 1 << 22;
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private readonly long[] _numbers;
    private readonly KeptDetails[] _kept;

    /// <summary>The set of <paramref name="numbers"/> (sorted and made distinct in place, to save a copy), none found yet.</summary>
    public KeptByNumber(List<long> numbers)
    {
        numbers.Sort();
        var distinct = 0;
        for (var i = 0; i < numbers.Count; i++)
            if (i == 0 || numbers[i] != numbers[distinct - 1]) numbers[distinct++] = numbers[i];
        numbers.RemoveRange(distinct, numbers.Count - distinct);
        _numbers = new long[distinct];
        numbers.CopyTo(0, _numbers, 0, distinct);
        _kept = new KeptDetails[distinct];
        foreach (var n in _numbers) _filter[Slot(n) >> 6] |= 1UL << (int)(Slot(n) & 63);
    }

    /// <summary>Distinct numbers in the set.</summary>
    public int Count => _numbers.Length;

    private static uint Slot(long n) => (uint)(((ulong)n * 0x9E3779B97F4A7C15UL) >> 42);

    /// <summary>Whether <paramref name="number"/> is in the set.</summary>
    public bool Contains(long number) => IndexOf(number) >= 0;

    private int IndexOf(long number)
    {
        var slot = Slot(number);
        if ((_filter[slot >> 6] & (1UL << (int)(slot & 63))) == 0) return -1;
        var i = Array.BinarySearch(_numbers, number);
        return i < 0 ? -1 : i;
    }

    /// <summary>Keeps <paramref name="kept"/> as the kept record of <paramref name="number"/>, when the set holds the number.</summary>
    public void Keep(long number, KeptDetails kept)
    {
        if (IndexOf(number) is var i and >= 0) _kept[i] = kept;
    }

    /// <summary>The kept record found for <paramref name="number"/>, if any.</summary>
    public bool TryGet(long number, out KeptDetails kept)
    {
        var i = IndexOf(number);
        kept = i >= 0 ? _kept[i] : default;
        return kept.Found;
    }
}
