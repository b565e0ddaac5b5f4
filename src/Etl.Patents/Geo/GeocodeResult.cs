namespace Etl.Patents.Geo;

/// <summary>How an applicant address was settled.</summary>
public enum GeocodeStatus
{
    /// <summary>Placed in a prefecture-level unit or a county-level unit administered by its province.</summary>
    Located,

    /// <summary>A foreign applicant.</summary>
    Foreign,

    /// <summary>An applicant in Hong Kong, Macao or Taiwan.</summary>
    HongKongMacaoTaiwan,

    /// <summary>The address names a place that several units share (a district name, say), and nothing narrows it.</summary>
    Ambiguous,

    /// <summary>The address names no unit (only a province, or nothing the mappings know).</summary>
    Unresolvable,
}

/// <summary>The unit an address is placed in (its code), or why it is not placed.</summary>
/// <param name="Status">How the address was settled.</param>
/// <param name="Unit">Code of the unit when located, else 0.</param>
public readonly record struct GeocodeResult(GeocodeStatus Status, int Unit);
