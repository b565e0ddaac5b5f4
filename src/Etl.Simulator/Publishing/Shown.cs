using Etl.Domain.Units;

namespace Etl.Simulator.Publishing;

/// <summary>A number as a source prints it, with its unit, and its value in the catalogue unit.</summary>
internal readonly record struct Shown(decimal Number, string Unit, double Value)
{
    /// <summary>Rounds <paramref name="latent"/> (in <paramref name="catalogueUnit"/>) to how it is printed in <paramref name="unit"/>.</summary>
    public static Shown Of(double latent, string catalogueUnit, string unit, int decimals)
    {
        var factor = UnitConverter.Factor(catalogueUnit, unit) ?? throw new ArgumentException($"{unit} does not convert to {catalogueUnit}");
        var number = Math.Round((decimal)latent / factor, decimals, MidpointRounding.AwayFromZero);
        return new Shown(number, unit, UnitConverter.Convert(number, unit, catalogueUnit));
    }
}
