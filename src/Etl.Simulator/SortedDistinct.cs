namespace Etl.Simulator;

/// <summary>Sorted distinct values of a few items, without LINQ's iterator, set and buffer (called for every simulated record).</summary>
internal static class SortedDistinct
{
    /// <summary>The distinct values of <paramref name="values"/> in <paramref name="comparer"/>'s order; sorts <paramref name="values"/> in place.</summary>
    public static T[] Of<T>(Span<T> values, IComparer<T> comparer)
    {
        values.Sort(comparer);
        var n = 0;
        for (var i = 0; i < values.Length; i++)
            if (n == 0 || comparer.Compare(values[n - 1], values[i]) != 0) values[n++] = values[i];
        return values[..n].ToArray();
    }
}
