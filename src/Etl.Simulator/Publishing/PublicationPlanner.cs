using Etl.Domain;
using Etl.Simulator.World;

namespace Etl.Simulator.Publishing;

/// <summary>
/// Decides, before any value is known, what every source says for every city-year: missing bulletins,
/// blank yearbook cells, which figures a bulletin states and in which unit, preliminary figures that the
/// yearbook later revises. Panel cities get only gaps that interpolation bridges; the cities the world
/// drops for missing data get the gaps that drop them.
/// </summary>
internal static class PublicationPlanner
{
    /// <summary>Yearbook variables that can be blank.</summary>
    public static readonly string[] YearbookVariables = ["gdp", "gdp_total", "ind3_share", "students", "pop_registered", "pop"];

    public static Dictionary<(int Unit, int Year), CityYearPlan> Plan(SimWorld world)
    {
        var plans = new Dictionary<(int, int), CityYearPlan>();
        foreach (var u in world.Universe)
        {
            var rng = Prng.For(world.Seed, 30, u.City.Code.Value);
            var reportsSei = u.InPanel || u.Missing != MissingDataPattern.None || rng.Chance(0.75);
            for (var y = u.FirstYear; y <= u.LastYear; y++)
            {
                var interior = y > u.FirstYear && y < u.LastYear;
                var p = new CityYearPlan
                {
                    PageExists = !(interior && rng.Chance(0.03)),
                    StatesGdpPerCapita = rng.Chance(0.85),
                    StatesEntities = rng.Chance(0.95) || !interior,
                    StatesStructure = rng.Chance(0.4),
                    StatesSei = reportsSei && !(interior && rng.Chance(0.02)),
                    StatesEmployment = true,
                    SeiAmbiguous = interior && rng.Chance(0.006),
                    SeiUnit = rng.PickWeighted([0.88, 0.10, 0.02]) switch { 0 => "亿元", 1 => "万元", _ => "万亿元" },
                    EmploymentUnit = rng.Chance(0.85) ? "万人" : "人",
                    EntitiesUnit = rng.Chance(0.6) ? "户" : "万户",
                    GdpPerCapitaPreliminary = rng.Chance(0.06) ? 1 + 0.01 * rng.Normal() : 1,
                    GdpPreliminary = rng.Chance(0.10) ? 1 + 0.01 * rng.Normal() : 1,
                    PopulationRevision = y >= YearbookResidentPopulationFrom && rng.Chance(0.05) ? 1 + 0.005 * rng.Normal() : 1,
                };
                foreach (var v in YearbookVariables)
                    if ((interior || !u.InPanel) && rng.Chance(0.01)) p.YearbookMissing.Add(v);
                ApplyMissingPattern(u, y, p);
                plans[(u.City.Code.Value, y)] = p;
            }
            if (u.InPanel) Repair(u, plans);
        }
        return plans;
    }

    /// <summary>Whether the sources of a city-year give a variable at all, before any value is known.</summary>
    public static bool Available(string variable, int year, CityYearPlan p) => variable switch
    {
        "gdp" => !p.YearbookMissing.Contains("gdp") || (p.PageExists && p.StatesGdpPerCapita),
        "ind3_share" => !p.YearbookMissing.Contains("ind3_share") || (p.PageExists && p.StatesStructure),
        "students" => !p.YearbookMissing.Contains("students"),
        "pop" => (year >= YearbookResidentPopulationFrom && !p.YearbookMissing.Contains("pop")) || p.PageExists,
        "new_entities" => p.PageExists && p.StatesEntities,
        "nq_rev" => p.PageExists && p.StatesSei && !p.SeiAmbiguous,
        "nq_emp" => p.PageExists && p.StatesSei && p.StatesEmployment,
        _ => throw new ArgumentOutOfRangeException(nameof(variable)),
    };

    /// <summary>Key inputs of the panel, in the order the repair checks them.</summary>
    public static readonly string[] KeyInputs = ["gdp", "ind3_share", "students", "pop", "new_entities", "nq_rev", "nq_emp"];

    /// <summary>
    /// Gaps of a panel city may only be interior and at most two years long, so that interpolation bridges
    /// them with a margin: where independent draws made a longer gap, the middle year is restored.
    /// </summary>
    private static void Repair(SimUnit u, Dictionary<(int, int), CityYearPlan> plans)
    {
        foreach (var v in KeyInputs)
        {
            var run = 0;
            for (var y = u.FirstYear; y <= u.LastYear; y++)
            {
                var p = plans[(u.City.Code.Value, y)];
                if (Available(v, y, p)) { run = 0; continue; }
                run++;
                var end = y == u.FirstYear || y == u.LastYear;
                if (!end && run <= 2) continue;
                p.PageExists = true;
                p.YearbookMissing.Remove(v);
                p.YearbookMissing.Remove("pop");
                p.StatesGdpPerCapita = p.StatesGdpPerCapita || v == "gdp";
                p.StatesStructure = p.StatesStructure || v == "ind3_share";
                p.StatesEntities = true;
                p.StatesSei = true;
                p.StatesEmployment = true;
                p.SeiAmbiguous = false;
                run = 0;
            }
        }
    }

    /// <summary>First data year whose yearbook reports resident (常住) population.</summary>
    public const int YearbookResidentPopulationFrom = 2020;

    private static void ApplyMissingPattern(SimUnit u, int y, CityYearPlan p)
    {
        switch (u.Missing)
        {
            case MissingDataPattern.NeverReportsSei:
                p.StatesSei = false;
                p.StatesEmployment = false;
                break;
            case MissingDataPattern.LongGap when y is >= 2014 and <= 2018:
                p.StatesSei = false;
                p.StatesEmployment = false;
                break;
            case MissingDataPattern.LateStart when y <= 2012:
                p.StatesSei = false;
                p.StatesEmployment = false;
                break;
            case MissingDataPattern.NoEmployment:
                p.StatesEmployment = false;
                break;
        }
    }
}
