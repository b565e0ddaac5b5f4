using Etl.Domain;
using Etl.Simulator.World;

namespace Etl.Simulator.Publishing;

/// <summary>Every number the yearbooks and bulletins print, as printed, keyed by (unit code, year, variable).</summary>
internal sealed class SourceValues
{
    public Dictionary<(int Unit, int Year, string Variable), Shown> Yearbook { get; } = [];

    public Dictionary<(int Unit, int Year, string Variable), Shown> Bulletin { get; } = [];

    /// <summary>Data years whose yearbook edition prints students in 万人 instead of 人.</summary>
    public static bool StudentsInTenThousands(int year) => year is 2013 or 2014;

    /// <summary>Fills the yearbook cells and the bulletin figures of the controls.</summary>
    public static SourceValues ForControls(SimWorld world, IReadOnlyDictionary<int, Controls> controls, IReadOnlyDictionary<(int, int), CityYearPlan> plans)
    {
        var s = new SourceValues();
        foreach (var u in world.Universe)
        {
            var c = controls[u.Index];
            var code = u.City.Code.Value;
            for (var y = u.FirstYear; y <= u.LastYear; y++)
            {
                var t = y - PanelYears.First;
                var p = plans[(code, y)];
                void Yb(string v, double latent, string unit, string catalogue, int decimals)
                {
                    if (!p.YearbookMissing.Contains(v)) s.Yearbook[(code, y, v)] = Shown.Of(latent, catalogue, unit, decimals);
                }
                Yb("gdp", c.GdpPerCapita[t], "元", "yuan_per_person", 0);
                Yb("gdp_total", c.GdpTotal(t), "万元", "10k_yuan", 0);
                Yb("ind3_share", c.Ind3Share[t], "%", "percent", 2);
                if (StudentsInTenThousands(y)) Yb("students", c.Students[t], "万人", "persons", 2);
                else Yb("students", c.Students[t], "人", "persons", 0);
                Yb("pop_registered", c.PopRegistered[t], "万人", "10k_persons", 2);
                if (y >= PublicationPlanner.YearbookResidentPopulationFrom) Yb("pop", c.Pop[t], "万人", "10k_persons", 2);

                if (!p.PageExists) continue;
                s.Bulletin[(code, y, "pop")] = Shown.Of(c.Pop[t] * p.PopulationRevision, "10k_persons", "万人", 2);
                // Bulletins state the registered population beside the resident one; it is read as what it is.
                s.Bulletin[(code, y, "pop_registered")] = Shown.Of(c.PopRegistered[t], "10k_persons", "万人", 2);
                s.Bulletin[(code, y, "gdp_total")] = Shown.Of(c.GdpTotal(t) * p.GdpPreliminary, "10k_yuan", "亿元", 2);
                if (p.StatesGdpPerCapita) s.Bulletin[(code, y, "gdp")] = Shown.Of(c.GdpPerCapita[t] * p.GdpPerCapitaPreliminary, "yuan_per_person", "元", 0);
                if (p.StatesStructure) s.Bulletin[(code, y, "ind3_share")] = Shown.Of(c.Ind3Share[t], "percent", "%", 2);
                if (p.StatesEntities)
                    s.Bulletin[(code, y, "new_entities")] = p.EntitiesUnit == "万户"
                        ? Shown.Of(c.NewEntities[t], "entities", "万户", 2)
                        : Shown.Of(c.NewEntities[t], "entities", "户", 0);
            }
        }
        return s;
    }

    /// <summary>Sets the bulletin figures for strategic emerging industries of one city (called again as the calibration moves them).</summary>
    public void SetSei(int code, int firstYear, int lastYear, double[] revenue, double[] employment, IReadOnlyDictionary<(int, int), CityYearPlan> plans)
    {
        for (var y = firstYear; y <= lastYear; y++)
        {
            var t = y - PanelYears.First;
            var p = plans[(code, y)];
            Bulletin.Remove((code, y, "nq_rev"));
            Bulletin.Remove((code, y, "nq_emp"));
            if (!p.PageExists) continue;
            if (p.StatesSei && !double.IsNaN(revenue[t]))
            {
                var rev = revenue[t];
                Bulletin[(code, y, "nq_rev")] = p.SeiUnit switch
                {
                    "万元" => Shown.Of(rev, "100m_yuan", "万元", 0),
                    "万亿元" when rev >= 10_000 => Shown.Of(rev, "100m_yuan", "万亿元", 4),
                    _ => Shown.Of(rev, "100m_yuan", "亿元", 2),
                };
            }
            if (p.StatesSei && p.StatesEmployment && !double.IsNaN(employment[t]))
                Bulletin[(code, y, "nq_emp")] = p.EmploymentUnit == "人"
                    ? Shown.Of(employment[t], "10k_persons", "人", 0)
                    : Shown.Of(employment[t], "10k_persons", "万人", 2);
        }
    }
}
