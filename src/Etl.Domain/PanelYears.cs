namespace Etl.Domain;

/// <summary>The study's observation window.</summary>
public static class PanelYears
{
    /// <summary>First data year of the panel.</summary>
    public const int First = 2010;

    /// <summary>Last data year of the panel.</summary>
    public const int Last = 2024;

    /// <summary>Number of years in the panel.</summary>
    public const int Count = Last - First + 1;

    /// <summary>All panel years in order.</summary>
    public static IEnumerable<int> All => Enumerable.Range(First, Count);

    /// <summary>Whether <paramref name="year"/> lies inside the panel window.</summary>
    public static bool Contains(int year) => year >= First && year <= Last;
}
