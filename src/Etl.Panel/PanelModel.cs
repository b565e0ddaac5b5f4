using Etl.Domain;

namespace Etl.Panel;

/// <summary>How a fact came about.</summary>
public static class FactMethods
{
    /// <summary>Read from a source (the preferred one when several give it).</summary>
    public const string Observed = "observed";

    /// <summary>Linear interpolation between the nearest observed years.</summary>
    public const string Interpolated = "interpolated";

    /// <summary>Evaluated from other facts by the catalogue's formula.</summary>
    public const string Derived = "derived";

    /// <summary>Computed by the patent stage or the integration index.</summary>
    public const string Computed = "computed";
}

/// <summary>What a fact was made from.</summary>
/// <param name="Kind"><c>staged</c> (a staged fact, <see cref="Ref"/> its index in the input list), <c>fact</c>
/// (another fact, <c>city|year|variable</c>), <c>patents</c> (the patent stage's count of a unit-year), or
/// <c>index</c> (the integration index of a unit-year).</param>
/// <param name="Ref">The reference.</param>
/// <param name="Detail">Its role, e.g. the interpolation weight.</param>
public sealed record FactInput(string Kind, string Ref, string Detail);

/// <summary>A value of the warehouse's long fact table, with its lineage.</summary>
public sealed record Fact(CityCode City, int Year, string Variable, double Value, string Method, string Source, string Note, IReadOnlyList<FactInput> Inputs);

/// <summary>Two sources (or two records of one source) that give a city-year different values beyond the tolerance.</summary>
/// <param name="City">City.</param>
/// <param name="Year">Year.</param>
/// <param name="Variable">Variable.</param>
/// <param name="Kept">Index of the staged fact kept.</param>
/// <param name="Other">Index of the staged fact set aside.</param>
/// <param name="RelativeDifference">|other − kept| / |kept|.</param>
public sealed record SourceConflict(CityCode City, int Year, string Variable, int Kept, int Other, double RelativeDifference);

/// <summary>Why a city of the universe is not in the balanced panel.</summary>
/// <param name="City">City.</param>
/// <param name="Reason"><c>admin_event</c>, <c>incomplete_window</c> or <c>missing_key_variable</c>.</param>
/// <param name="Detail">For people: the event and its approval document, the years of existence, or the missing variables and years.</param>
/// <param name="EventId">The dropping event, for <c>admin_event</c>.</param>
public sealed record DroppedCity(CityCode City, string Reason, string Detail, string? EventId);

/// <summary>One row of the balanced panel: values of the panel variables in catalogue order.</summary>
public sealed record PanelRow(CityCode City, int Year, IReadOnlyDictionary<string, double> Values);

/// <summary>Settings of the assembly, stored with every run.</summary>
/// <param name="MaxGap">Longest run of missing interior years that linear interpolation bridges.</param>
/// <param name="EndPolicy">What happens at the ends of a series: <c>missing</c> (no extrapolation: a key variable missing at an end drops the city).</param>
public sealed record AssemblySettings(int MaxGap = 3, string EndPolicy = "missing")
{
    /// <summary>The defaults documented in the README.</summary>
    public static AssemblySettings Default { get; } = new();

    /// <inheritdoc />
    public override string ToString() => $"max_gap={MaxGap};ends={EndPolicy}";
}

/// <summary>The outcome of assembly.</summary>
public sealed record PanelAssembly(
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<SourceConflict> Conflicts,
    IReadOnlyList<DroppedCity> Dropped,
    IReadOnlyList<PanelRow> Panel,
    IReadOnlyList<string> PanelVariables);
