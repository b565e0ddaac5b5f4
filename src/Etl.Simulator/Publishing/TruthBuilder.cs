using Etl.Domain;
using Etl.Simulator.World;

namespace Etl.Simulator.Publishing;

/// <summary>
/// What a correct pipeline makes of the printed numbers: the preferred source per variable, linear
/// interpolation of interior gaps up to <see cref="MaxGap"/> years, the derived variables, and the cities
/// that still lack a key variable. Written independently of the pipeline, from the same documented rules.
/// </summary>
internal sealed class TruthBuilder
{
    /// <summary>Longest run of missing years that interpolation bridges (the pipeline's default setting).</summary>
    public const int MaxGap = 3;

    /// <summary>Observed panel inputs and where each comes from, in order of preference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Preference = new Dictionary<string, string[]>
    {
        ["gdp"] = ["yearbook", "bulletin"],
        ["ind3_share"] = ["yearbook", "bulletin"],
        ["students"] = ["yearbook"],
        ["pop"] = ["yearbook", "bulletin"],
        ["new_entities"] = ["bulletin"],
        ["nq_rev"] = ["bulletin"],
        ["nq_emp"] = ["bulletin"],
    };

    private readonly SourceValues _sources;
    private readonly IReadOnlyDictionary<(int Unit, int Year), CityYearPlan> _plans;

    public TruthBuilder(SourceValues sources, IReadOnlyDictionary<(int Unit, int Year), CityYearPlan> plans)
    {
        _sources = sources;
        _plans = plans;
    }

    /// <summary>
    /// A page that states two different revenue figures gives none: a correct pipeline flags it and treats
    /// the year as missing (then interpolates), so the truth does the same.
    /// </summary>
    private bool Ambiguous(int code, int year, string variable) =>
        variable == "nq_rev" && _plans.TryGetValue((code, year), out var p) && p.SeiAmbiguous;

    /// <summary>The reconciled and interpolated series of an observed variable (NaN where still missing).</summary>
    public double[] Observed(int code, string variable, int firstYear, int lastYear)
    {
        var series = Enumerable.Repeat(double.NaN, PanelYears.Count).ToArray();
        for (var y = firstYear; y <= lastYear; y++)
        {
            foreach (var source in Preference[variable])
            {
                var table = source == "yearbook" ? _sources.Yearbook : _sources.Bulletin;
                if (source == "bulletin" && Ambiguous(code, y, variable)) continue;
                if (table.TryGetValue((code, y, variable), out var v)) { series[y - PanelYears.First] = v.Value; break; }
            }
        }
        return Interpolate(series, firstYear - PanelYears.First, lastYear - PanelYears.First);
    }

    /// <summary>Linear interpolation of interior gaps of at most <see cref="MaxGap"/> years; ends stay missing.</summary>
    public static double[] Interpolate(double[] series, int from, int to)
    {
        var r = (double[])series.Clone();
        var last = -1;
        for (var t = from; t <= to; t++)
        {
            if (double.IsNaN(series[t])) continue;
            if (last >= 0 && t - last > 1 && t - last - 1 <= MaxGap)
                for (var k = last + 1; k < t; k++)
                    r[k] = series[last] + (series[t] - series[last]) * (k - last) / (t - last);
            last = t;
        }
        return r;
    }

    /// <summary>The panel row values of a city: observed and derived variables, by year offset.</summary>
    public Dictionary<string, double[]> Controls(int code, int firstYear, int lastYear)
    {
        var students = Observed(code, "students", firstYear, lastYear);
        var pop = Observed(code, "pop", firstYear, lastYear);
        var entities = Observed(code, "new_entities", firstYear, lastYear);
        return new Dictionary<string, double[]>
        {
            ["gdp"] = Observed(code, "gdp", firstYear, lastYear),
            ["ind3_share"] = Observed(code, "ind3_share", firstYear, lastYear),
            ["pop"] = pop,
            ["human"] = students.Zip(pop, (s, p) => s / p).ToArray(),
            ["ent_act"] = entities.Zip(pop, (e, p) => e / (p * 10)).ToArray(),
        };
    }
}
