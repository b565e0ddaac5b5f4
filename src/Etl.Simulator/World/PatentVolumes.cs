using Etl.Domain;

namespace Etl.Simulator.World;

/// <summary>Located domestic invention applications of one unit-year, by category.</summary>
internal sealed class CategoryCounts
{
    public long Integrated { get; set; }
    public long Digital { get; set; }
    public long RealOnly { get; set; }
    public long Other { get; set; }

    /// <summary>All digital applications (integrated ones included): the panel's digital_patent.</summary>
    public long AllDigital => Integrated + Digital;

    public long Total => Integrated + Digital + RealOnly + Other;

    /// <summary>Category of the record with index <paramref name="k"/>: records are numbered category by category.</summary>
    public RecordCategory CategoryOf(long k) =>
        k < Integrated ? RecordCategory.Integrated
        : k < Integrated + Digital ? RecordCategory.Digital
        : k < Integrated + Digital + RealOnly ? RecordCategory.RealOnly
        : RecordCategory.Other;
}

/// <summary>
/// How many invention applications each unit files each year. National totals follow CNIPA's published
/// order of magnitude (0.39 million in 2010 to about 1.8 million in 2024, foreign filings included); the
/// unit shares grow with size and development; the digital share rises from about 20% to 38%, and the
/// integrated share of digital applications from about 25% to 45%.
/// </summary>
internal static class PatentVolumes
{
    /// <summary>Invention applications received by CNIPA, millions, 2010-2024 (rounded).</summary>
    public static readonly double[] NationalMillions = [0.39, 0.53, 0.65, 0.83, 0.93, 1.10, 1.34, 1.38, 1.54, 1.40, 1.50, 1.59, 1.62, 1.68, 1.80];

    /// <summary>Share of filings by applicants located in mainland prefecture-level units.</summary>
    public const double DomesticShare = 0.88;

    /// <summary>Share by foreign applicants (the rest of the non-domestic share is Hong Kong, Macao and Taiwan).</summary>
    public const double ForeignShare = 0.10;

    /// <summary>Counts per (unit code, year) for every prefecture-level unit and province-direct county-level unit.</summary>
    public static Dictionary<(int Unit, int Year), CategoryCounts> Generate(SimWorld world, double scale)
    {
        // North-west of the Hu line digital-real integration barely progresses: filings and the integrated
        // share stay flat there; central and south-western cities catch up with the east.
        var filers = world.Units.Select(u => (Code: u.City.Code.Value, u.FirstYear, u.LastYear, Weight: Propensity(u), u.Development, Lagging: u.City.HuSide == Domain.Mappings.HuSide.Northwest, CatchUp: u.City.Region != Domain.Mappings.Region.East))
            .Concat(world.ProvinceDirect.Select(c => (Code: c.Code.Value, First: Math.Max(c.ValidFrom, PanelYears.First), Last: Math.Min(c.ValidTo, PanelYears.Last), Weight: 0.25, Development: 0.0, Lagging: false, CatchUp: false)))
            .ToList();
        var meanLogWeight = filers.Average(f => Math.Log(f.Weight));
        var result = new Dictionary<(int, int), CategoryCounts>();
        for (var year = PanelYears.First; year <= PanelYears.Last; year++)
        {
            var t = year - PanelYears.First;
            var active = filers.Where(f => year >= f.Item2 && year <= f.Item3).ToList();
            var weights = active.Select(f => f.Weight * Math.Exp((Trend(world.Seed, f.Code) - (f.Lagging ? 0.06 : 0) - Diffusion * (Math.Log(f.Weight) - meanLogWeight)) * t)).ToArray();
            var total = weights.Sum();
            var national = NationalMillions[t] * 1e6 * DomesticShare * scale;
            for (var i = 0; i < active.Count; i++)
            {
                var f = active[i];
                var rng = Prng.For(world.Seed, 20, f.Code, year);
                var expected = national * weights[i] / total;
                var digitalShare = Math.Min(0.7, (0.20 + 0.18 * t / 14.0) * Math.Exp(0.25 * f.Development + 0.12 * CityEffect(world.Seed, f.Code, 1)));
                var integratedShare = Math.Min(0.8, (0.25 + (f.Lagging ? 0.02 : f.CatchUp ? 0.32 : 0.20) * t / 14.0) * Math.Exp(0.10 * CityEffect(world.Seed, f.Code, 2)));
                var realShare = 0.38 * Math.Exp(0.10 * CityEffect(world.Seed, f.Code, 3) - 0.10 * f.Development);
                var otherShare = Math.Max(0.05, 1 - digitalShare - realShare);
                result[(f.Code, year)] = new CategoryCounts
                {
                    Integrated = rng.RoundStochastic(expected * digitalShare * integratedShare),
                    Digital = rng.RoundStochastic(expected * digitalShare * (1 - integratedShare)),
                    RealOnly = rng.RoundStochastic(expected * realShare),
                    Other = rng.RoundStochastic(expected * otherShare),
                };
            }
        }
        return result;
    }

    /// <summary>Relative propensity to file: grows with population and, more steeply, with development.</summary>
    private static double Propensity(SimUnit u) =>
        Math.Exp(0.9 * (u.Size - Math.Log(300)) + 1.9 * u.Development + (u.Tier == 2 ? 0.5 : 0));

    /// <summary>
    /// Diffusion of filing: a unit's share changes each year by this much per log point of its propensity
    /// above the mean, so filing spreads from the leading cities to the rest (the largest units' shares
    /// fall by a fifth to a quarter over 2010-2024). Without it the index grows fastest in the largest
    /// cities, in points and in percent, and national volume ties the log form to city size.
    /// </summary>
    private const double Diffusion = 0.015;

    private static double Trend(ulong seed, int code) => 0.02 * CityEffect(seed, code, 4);

    private static double CityEffect(ulong seed, int code, int which) => Prng.For(seed, 21, code, which).Normal();
}
