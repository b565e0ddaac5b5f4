using Etl.Domain;
using Etl.Domain.Mappings;

namespace Etl.Simulator.World;

/// <summary>Builds the simulated world from the mappings and the seed.</summary>
internal static class WorldBuilder
{
    /// <summary>National centres (tier 2).</summary>
    private static readonly int[] s_centres = [110000, 120000, 310000, 500000, 440300, 440100, 330100, 320500, 320100, 420100, 510100, 610100];

    /// <summary>Large non-capital cities (tier 1 with the provincial capitals).</summary>
    private static readonly int[] s_major = [210200, 330200, 350200, 370200, 441900, 440600, 320200, 320400, 330300, 350500, 370600, 130200];

    /// <summary>Approximate 2010 resident population (10k) and GDP per capita (yuan) of the largest cities, for plausible levels.</summary>
    private static readonly Dictionary<int, (double Pop, double Gdp)> s_anchors = new()
    {
        [110000] = (1962, 73856), [310000] = (2303, 76074), [120000] = (1299, 72994), [500000] = (2885, 27596),
        [440300] = (1037, 94296), [440100] = (1271, 87458), [330100] = (870, 69828), [320500] = (1047, 93043),
        [320100] = (801, 65273), [420100] = (979, 58961), [510100] = (1405, 48312), [610100] = (847, 38343),
    };

    public static SimWorld Build(MappingSet mappings, ulong seed, int targetPanelCities)
    {
        var rng = Prng.For(seed, 1);
        var units = new List<SimUnit>();
        foreach (var city in mappings.Cities.All.Where(c => c.ValidTo >= PanelYears.First && c.ValidFrom <= PanelYears.Last))
        {
            var code = city.Code.Value;
            var isCapital = code % 10000 == 100 || city.Kind == UnitKind.Municipality;
            var tier = s_centres.Contains(code) ? 2 : isCapital || s_major.Contains(code) ? 1 : 0;
            var regionBase = city.Region4 switch { Region4.East => 0.40, Region4.Northeast => 0.10, Region4.Central => -0.10, _ => -0.22 };
            var dev = regionBase + (tier == 2 ? 0.55 : tier == 1 ? 0.30 : 0) + 0.22 * rng.Normal();
            var size = city.IsPanelUniverse
                ? Math.Log(tier == 2 ? 1100 : tier == 1 ? 650 : 300) + (tier == 2 ? 0.25 : 0.45) * rng.Normal()
                : Math.Log(120) + 0.6 * rng.Normal();
            if (s_anchors.TryGetValue(code, out var a))
            {
                size = Math.Log(a.Pop);
                dev = Math.Log(a.Gdp / 30000);
            }
            units.Add(new SimUnit
            {
                Index = units.Count,
                City = city,
                EnglishName = mappings.EnglishNames.Of(city.Code),
                Tier = tier,
                Size = size,
                Development = Math.Clamp(dev, -0.9, 1.3),
            });
        }

        foreach (var u in units)
            u.DroppingEvent = mappings.Events.Touching(u.City.Code).Where(e => mappings.Policy.Drops(e)).OrderBy(e => e.Year).ThenBy(e => e.EventId, StringComparer.Ordinal).FirstOrDefault();

        AssignMissingData(units, seed, targetPanelCities);
        var direct = mappings.Counties.All.Where(c => c.PrefectureCode is null && c.ValidTo >= PanelYears.First).ToList();
        return new SimWorld { Mappings = mappings, Seed = seed, Units = units, ProvinceDirect = direct };
    }

    /// <summary>
    /// Chooses the cities whose bulletins lack a key variable so that exactly the target number of cities
    /// remains. Smaller, poorer and western cities report strategic emerging industries less often; the
    /// national centres and capitals always report.
    /// </summary>
    private static void AssignMissingData(List<SimUnit> units, ulong seed, int target)
    {
        var eligible = units.Where(u => u.IsUniverse && u.DroppingEvent is null && u.FirstYear == PanelYears.First && u.LastYear == PanelYears.Last).ToList();
        var toDrop = eligible.Count - target;
        if (toDrop < 0) throw new InvalidOperationException($"only {eligible.Count} cities are free of dropping events; cannot keep {target}");
        var rng = Prng.For(seed, 2);
        var candidates = eligible.Where(u => u.Tier == 0).ToList();
        var weights = candidates.Select(u =>
            (u.City.HuSide == HuSide.Northwest ? 7.0 : u.City.Region == Region.West ? 2.0 : u.City.Region == Region.Central ? 1.1 : 0.7) * Math.Exp(-1.2 * u.Development) * Math.Exp(-0.5 * (u.Size - Math.Log(300)))).ToList();
        var patterns = new[] { MissingDataPattern.NeverReportsSei, MissingDataPattern.LongGap, MissingDataPattern.LateStart, MissingDataPattern.NoEmployment };
        var patternWeights = new[] { 0.6, 0.15, 0.15, 0.10 };
        for (var i = 0; i < toDrop; i++)
        {
            var k = rng.PickWeighted(weights);
            candidates[k].Missing = patterns[rng.PickWeighted(patternWeights)];
            candidates.RemoveAt(k);
            weights.RemoveAt(k);
        }
    }
}
