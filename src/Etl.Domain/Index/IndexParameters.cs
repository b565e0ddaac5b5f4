using System.Globalization;

namespace Etl.Domain.Index;

/// <summary>Parameters of the integration index; stored with every run.</summary>
/// <param name="Depreciation">δ of the perpetual-inventory stock of integrated applications.</param>
/// <param name="InitialGrowth">g in the initial stock K₀ = F₀ / (g + δ) (the steady state of a stock growing at g).</param>
public sealed record IndexParameters(double Depreciation = 0.15, double InitialGrowth = 0.10)
{
    /// <summary>The defaults documented in the index README.</summary>
    public static IndexParameters Default { get; } = new();

    /// <summary>A stable text form for hashing and storage.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"delta={Depreciation:R};g={InitialGrowth:R}");
}
