using Etl.Domain;
using Etl.Domain.Mappings;

namespace Etl.Simulator.Calibration;

/// <summary>The truth panel as the calibration sees it: city-major columns and the cities' groups.</summary>
internal sealed record CalibrationPanel(
    IReadOnlyList<CityRecord> Cities,
    double[] Revenue,
    double[] Employment,
    double[] DigitalPatents,
    double[] Index,
    IReadOnlyList<(string Name, double[] Values)> Controls);

/// <summary>The city bootstrap of a·b: its 95% percentile interval, and the spread of a and b over the replicates.</summary>
internal sealed record BootstrapSummary(double Low, double High, double SdA, double SdB, double Correlation);

/// <summary>The study's results as the simulator reproduces them on its truth panel.</summary>
internal sealed record StudyFigures(
    Coefficient Beta, double WithinR2, double MaxAbsT,
    IReadOnlyDictionary<string, Coefficient> Controls,
    Coefficient LogForm, Coefficient Employment, Coefficient Lagged, Coefficient Winsorised,
    Coefficient A, Coefficient B, double SobelZ, BootstrapSummary Bootstrap,
    IReadOnlyDictionary<string, (Coefficient Fit, int Clusters)> Groups);

/// <summary>
/// Replicates the study's models on the truth panel with the simulator's own fitter (<see cref="WithinFits"/>):
/// model (4), the four robustness columns, the mechanism with its Sobel Z and a city bootstrap of a·b, and
/// the groups. The calibration aims at these figures; the estimation project is never called.
/// </summary>
internal sealed class StudyReplica
{
    /// <summary>Subsamples of the heterogeneity analysis.</summary>
    public static readonly IReadOnlyDictionary<string, Func<CityRecord, bool>> Groups = new Dictionary<string, Func<CityRecord, bool>>
    {
        ["east"] = c => c.Region == Region.East,
        ["central"] = c => c.Region == Region.Central,
        ["west"] = c => c.Region == Region.West,
        ["SE"] = c => c.HuSide == HuSide.Southeast,
        ["NW"] = c => c.HuSide == HuSide.Northwest,
    };

    private readonly WithinFits _fits;
    private readonly ulong _seed;

    public StudyReplica(int cities, ulong seed)
    {
        _fits = new WithinFits(cities, PanelYears.Count);
        _seed = seed;
    }

    public WithinFits Fits => _fits;

    /// <summary>The weights that select one group's cities.</summary>
    public static double[] GroupWeights(CalibrationPanel p, string group) => p.Cities.Select(c => Groups[group](c) ? 1.0 : 0.0).ToArray();

    public Coefficient BetaOnly(CalibrationPanel p) => Model4(p)["dig_real"];

    public Coefficient AOnly(CalibrationPanel p) => _fits.Fit(p.DigitalPatents, _fits.AllCities(), 0, With(p, ("dig_real", p.Index)))["dig_real"];

    public Coefficient BOnly(CalibrationPanel p) => _fits.Fit(p.Revenue, _fits.AllCities(), 0, With(p, ("digital_patent", p.DigitalPatents)))["digital_patent"];

    public double SobelOnly(CalibrationPanel p) => Sobel(AOnly(p), BOnly(p));

    private static double Sobel(Coefficient a, Coefficient b) =>
        a.Estimate * b.Estimate / Math.Sqrt(b.Estimate * b.Estimate * a.StdError * a.StdError + a.Estimate * a.Estimate * b.StdError * b.StdError);

    public WithinFit Model4(CalibrationPanel p) => _fits.Fit(p.Revenue, _fits.AllCities(), 0, With(p, ("dig_real", p.Index)));

    /// <summary>Every figure of the check table; <paramref name="reps"/> city bootstrap replicates of a·b.</summary>
    public StudyFigures Measure(CalibrationPanel p, int reps = 1000)
    {
        var all = _fits.AllCities();
        var m4 = Model4(p);
        var logControls = p.Controls.Select(c => c.Name is "gdp" or "pop" ? ("log(" + c.Name + ")", c.Values.Select(v => Math.Log(v)).ToArray()) : c).ToArray();
        var logForm = _fits.Fit(Log1p(p.Revenue), all, 0, [("x", Log1p(p.Index)), .. logControls])["x"];
        var employment = _fits.Fit(p.Employment, all, 0, With(p, ("dig_real", p.Index)))["dig_real"];
        var lagged = _fits.Fit(p.Revenue, all, 1, With(p, ("x", Lag(p.Index))))["x"];
        var winsorised = _fits.Fit(Winsorise(p.Revenue), all, 0, With(p, ("x", Winsorise(p.Index))))["x"];
        var a = AOnly(p);
        var b = BOnly(p);
        var sobel = Sobel(a, b);
        var bootstrap = BootstrapInterval(p, reps);
        var groups = new Dictionary<string, (Coefficient, int)>();
        foreach (var g in Groups.Keys)
        {
            var f = _fits.Fit(p.Revenue, GroupWeights(p, g), 0, With(p, ("dig_real", p.Index)));
            groups[g] = (f["dig_real"], f.Clusters);
        }
        return new StudyFigures(m4["dig_real"], m4.WithinR2, m4.Coefficients.Values.Max(c => Math.Abs(c.T)),
            m4.Coefficients.Where(kv => kv.Key != "dig_real").ToDictionary(kv => kv.Key, kv => kv.Value),
            logForm, employment, lagged, winsorised, a, b, sobel, bootstrap, groups);
    }

    /// <summary>Percentile interval (95%) of a·b over city bootstrap replicates: cities drawn with replacement, each copy its own city.</summary>
    public BootstrapSummary BootstrapInterval(CalibrationPanel p, int reps)
    {
        var aColumns = With(p, ("dig_real", p.Index));
        var bColumns = With(p, ("digital_patent", p.DigitalPatents));
        var products = new double[reps];
        var aa = new double[reps];
        var bb = new double[reps];
        Parallel.For(0, reps, r =>
        {
            var rng = Prng.For(_seed, 60, r);
            var weights = new double[_fits.Cities];
            for (var k = 0; k < _fits.Cities; k++) weights[rng.Next(_fits.Cities)]++;
            aa[r] = _fits.Slope(p.DigitalPatents, weights, "dig_real", aColumns);
            bb[r] = _fits.Slope(p.Revenue, weights, "digital_patent", bColumns);
            products[r] = aa[r] * bb[r];
        });
        Array.Sort(products);
        var meanA = aa.Average();
        var meanB = bb.Average();
        var correlation = aa.Zip(bb, (x, y) => (x - meanA) * (y - meanB)).Sum() / (reps - 1) / StandardDeviation(aa) / StandardDeviation(bb);
        return new BootstrapSummary(products[(int)Math.Floor(0.025 * reps)], products[(int)Math.Ceiling(0.975 * reps) - 1],
            StandardDeviation(aa), StandardDeviation(bb), correlation);
    }

    private static double StandardDeviation(double[] v)
    {
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    private static (string, double[])[] With(CalibrationPanel p, (string, double[]) first) => [first, .. p.Controls];

    private static double[] Log1p(double[] x) => x.Select(v => Math.Log(1 + v)).ToArray();

    /// <summary>The previous year's value of the same city (NaN in the first year, which the lagged fit skips).</summary>
    private double[] Lag(double[] x)
    {
        var r = new double[x.Length];
        for (var c = 0; c < _fits.Cities; c++)
            for (var t = 0; t < _fits.Years; t++) r[c * _fits.Years + t] = t == 0 ? double.NaN : x[c * _fits.Years + t - 1];
        return r;
    }

    /// <summary>Clipped to the 1st and 99th percentiles (nearest rank) of the whole panel.</summary>
    private static double[] Winsorise(double[] x)
    {
        var sorted = x.Order().ToArray();
        var low = sorted[(int)Math.Ceiling(0.01 * sorted.Length) - 1];
        var high = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];
        return x.Select(v => Math.Clamp(v, low, high)).ToArray();
    }
}
