namespace Etl.Domain.Text;

/// <summary>
/// The transitions of a character trie (place names, lexicon terms), (node, character) to child node, frozen into one open-addressing
/// table: a key and its child side by side in one array, a power-of-two size at a load under one half, so
/// that a step of an address walk is usually one cache line read. Read-only, so safe across threads.
/// </summary>
public sealed class TrieTransitions
{
    private readonly record struct Entry(long Key, int Child);

    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly int _shift;

    /// <summary>Freezes <paramref name="next"/> (keys made by <see cref="Key"/>; children are positive).</summary>
    public TrieTransitions(IReadOnlyDictionary<long, int> next)
    {
        var bits = 4;
        while ((1 << bits) < next.Count * 2 + 1) bits++;
        _entries = new Entry[1 << bits];
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        Array.Fill(_entries, new Entry(-1L, 0));
        foreach (var (key, child) in next)
        {
            var i = Slot(key);
            while (_entries[i].Key != -1L) i = (i + 1) & _mask;
            _entries[i] = new Entry(key, child);
        }
    }

    /// <summary>The key of the transition from <paramref name="node"/> on <paramref name="c"/>.</summary>
    public static long Key(int node, char c) => ((long)node << 16) | c;

    /// <summary>The child of <paramref name="node"/> on <paramref name="c"/>, or 0 when there is none (0 is the root, never a child).</summary>
    public int Next(int node, char c)
    {
        var key = Key(node, c);
        var i = Slot(key);
        while (true)
        {
            var e = _entries[i];
            if (e.Key == key) return e.Child;
            if (e.Key == -1L) return 0;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Fibonacci hashing: the top bits of the key times 2^64 / phi.</summary>
    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);
}
