namespace Etl.Patents.Matching;

/// <summary>
/// A set of KDT branch indices (0-based positions in the branch table) as a bit set; 527 branches fit in
/// nine words. Immutable once built; operations return new sets or write into a caller's buffer.
/// </summary>
public sealed class BranchSet
{
    private readonly ulong[] _words;

    /// <summary>An empty set able to hold <paramref name="capacity"/> branches.</summary>
    public BranchSet(int capacity) => _words = new ulong[(capacity + 63) / 64];

    private BranchSet(ulong[] words) => _words = words;

    /// <summary>The words of the set (read-only by convention).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>Whether the set is empty.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var w in _words) if (w != 0) return false;
            return true;
        }
    }

    /// <summary>Adds branch <paramref name="index"/> (while building).</summary>
    public void Add(int index) => _words[index >> 6] |= 1UL << (index & 63);

    /// <summary>Adds every branch of <paramref name="other"/> (while building).</summary>
    public void UnionWith(BranchSet other)
    {
        for (var i = 0; i < _words.Length; i++) _words[i] |= other._words[i];
    }

    /// <summary>Whether branch <paramref name="index"/> is in the set.</summary>
    public bool Contains(int index) => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>Whether the two sets share a branch.</summary>
    public bool Overlaps(ReadOnlySpan<ulong> other)
    {
        for (var i = 0; i < _words.Length; i++) if ((_words[i] & other[i]) != 0) return true;
        return false;
    }

    /// <summary>The branch indices in ascending order.</summary>
    public IEnumerable<int> Indices()
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(w);
                yield return i * 64 + bit;
                w &= w - 1;
            }
        }
    }

    /// <summary>A copy.</summary>
    public BranchSet Clone() => new((ulong[])_words.Clone());
}
