using Etl.Domain;

namespace Etl.Simulator.World;

/// <summary>Latent (unrounded) yearly statistics of one city; NaN in years the city does not exist.</summary>
internal sealed class Controls
{
    public double[] Pop { get; } = Empty();
    public double[] PopRegistered { get; } = Empty();
    public double[] GdpPerCapita { get; } = Empty();
    public double[] Ind3Share { get; } = Empty();
    public double[] Students { get; } = Empty();
    public double[] NewEntities { get; } = Empty();

    /// <summary>GDP in 10k yuan: GDP per capita (yuan) times resident population (10k persons).</summary>
    public double GdpTotal(int t) => GdpPerCapita[t] * Pop[t];

    private static double[] Empty() => Enumerable.Repeat(double.NaN, PanelYears.Count).ToArray();
}

/// <summary>Generates plausible levels and trends of the city statistics.</summary>
internal static class ControlsGenerator
{
    /// <summary>Nominal growth of GDP per capita by year (2011 onwards), a rough national path.</summary>
    private static readonly double[] s_gdpGrowth = [0, .14, .10, .09, .08, .07, .065, .08, .08, .07, .02, .10, .04, .045, .045];

    public static Dictionary<int, Controls> Generate(SimWorld world)
    {
        var result = new Dictionary<int, Controls>();
        foreach (var u in world.Universe)
        {
            var rng = Prng.For(world.Seed, 10, u.City.Code.Value);
            var c = new Controls();
            var popGrowth = 0.004 + (u.Tier == 2 ? 0.015 : u.Tier == 1 ? 0.008 : 0) + 0.006 * u.Development + 0.005 * rng.Normal();
            var registeredRatio = u.Tier == 2 ? 0.66 : u.Tier == 1 ? 0.88 : 1.06 + 0.07 * rng.Normal();
            var gdpDrift = 0.012 * rng.Normal() + 0.01 * u.Development;
            var ind3 = Math.Clamp(37 + 7 * u.Development + (u.Tier >= 1 ? 6 : 0) + 4 * rng.Normal(), 22, 62);
            var students = u.Tier == 2 ? 800_000 + 150_000 * rng.Normal()
                : u.Tier == 1 ? 420_000 + 120_000 * rng.Normal()
                : Math.Clamp(Math.Exp(Math.Log(28_000) + 0.8 * rng.Normal()), 2_500, 260_000);
            var entityRate = Math.Max(2.5, 5.0 + 3.0 * u.Development + 1.2 * rng.Normal());
            var pop = Math.Exp(u.Size);
            var gdp = 30_000 * Math.Exp(u.Development);
            for (var y = u.FirstYear; y <= u.LastYear; y++)
            {
                var t = y - PanelYears.First;
                if (t > 0)
                {
                    pop *= Math.Exp(popGrowth + 0.003 * rng.Normal());
                    gdp *= 1 + s_gdpGrowth[t] + gdpDrift + 0.012 * rng.Normal();
                    ind3 = Math.Min(80, ind3 + 0.85 - 0.02 * t + 0.45 * rng.Normal());
                    students *= 1.025 + 0.012 * rng.Normal();
                    entityRate *= 1.085 + (y == 2020 ? -0.08 : 0) + 0.03 * rng.Normal();
                    registeredRatio += (u.Tier == 2 ? -0.004 : 0.0) + 0.002 * rng.Normal();
                }
                c.Pop[t] = pop;
                c.PopRegistered[t] = pop * registeredRatio;
                c.GdpPerCapita[t] = gdp;
                c.Ind3Share[t] = ind3;
                c.Students[t] = Math.Max(800, students);
                c.NewEntities[t] = entityRate * pop * 10;
            }
            result[u.Index] = c;
        }
        return result;
    }
}
