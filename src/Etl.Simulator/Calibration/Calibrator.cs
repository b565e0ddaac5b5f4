using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Simulator.Publishing;
using Etl.Simulator.World;

namespace Etl.Simulator.Calibration;

/// <summary>
/// Generates digital_patent (D) and the revenue and employment of strategic emerging industries, on the truth
/// panel the pipeline will produce, so that the study's results hold (see the simulator README):
/// D = P(volume; X, FE) + a'·1[not north-west]·I + s_u·u, with u orthogonal to I, X and both sets of
/// effects; then nq_rev = B + k·ρ_g·I + b'·D̃ + s_e·σ_c·e, where B is the revenue a city would have
/// without integration (its level, the controls' effects, persistent shocks, changes of bulletin coverage),
/// D̃ the part of D orthogonal to X and the effects, σ_c the square root of the city's relative size and e
/// noise orthogonal to the model (4) and group regressors. β̂ and b̂ are affine in (k, b'), so Newton steps on
/// the published, interpolated series reach them; a' is rescaled until â is at its target; and a's t
/// statistic (through s_u) is moved by secant steps until the Sobel Z is at its target.
/// </summary>
internal sealed class Calibrator
{
    private readonly List<SimUnit> _panel;
    private readonly StudyReplica _study;
    private readonly WithinFits _fits;
    private readonly int _n;
    private readonly ulong _seed;
    private readonly CalibrationTargets _targets;

    public Calibrator(IEnumerable<SimUnit> panel, ulong seed, CalibrationTargets targets)
    {
        _panel = panel.OrderBy(u => u.City.Code.Value).ToList();
        _n = _panel.Count * PanelYears.Count;
        _study = new StudyReplica(_panel.Count, seed);
        _fits = _study.Fits;
        _seed = seed;
        _targets = targets;
    }

    /// <summary>Heterogeneity of the effect: east strongest, centre and south-western west weaker, none north-west of the Hu line.</summary>
    public static double GroupMultiplier(CityRecord c) =>
        c.HuSide == HuSide.Northwest ? 0.0 : c.Region switch { Region.East => 1.5, _ => 1.0 };

    private double[] Stack(Func<SimUnit, int, double> f)
    {
        var r = new double[_n];
        var i = 0;
        foreach (var u in _panel)
            for (var t = 0; t < PanelYears.Count; t++) r[i++] = f(u, t);
        return r;
    }

    /// <summary>Each city's mean of <paramref name="x"/>, repeated over its years.</summary>
    private double[] CityMeans(double[] x)
    {
        var r = new double[_n];
        for (var c = 0; c < _panel.Count; c++)
        {
            var m = 0.0;
            for (var t = 0; t < PanelYears.Count; t++) m += x[c * PanelYears.Count + t] / PanelYears.Count;
            for (var t = 0; t < PanelYears.Count; t++) r[c * PanelYears.Count + t] = m;
        }
        return r;
    }

    public sealed record Inputs(
        IReadOnlyDictionary<int, Dictionary<string, double[]>> Controls,
        IReadOnlyDictionary<int, double[]> Index,
        IReadOnlyDictionary<(int, int), CategoryCounts> Counts,
        IReadOnlyDictionary<int, World.Controls> Latent,
        IReadOnlyDictionary<(int, int), CityYearPlan> Plans,
        SourceValues Sources,
        TruthBuilder Truth);

    public sealed record Output(Dictionary<int, long[]> Digital, Dictionary<int, double[]> Revenue, Dictionary<int, double[]> Employment, CalibrationReport Report);

    public Output Run(Inputs input)
    {
        static (string, double[]) Col(string n, double[] v) => (n, v);
        var xNames = new[] { "human", "gdp", "pop", "ent_act", "ind3_share" };
        var x = xNames.Select(n => Col(n, Stack((u, t) => input.Controls[u.Index][n][t]))).ToArray();
        var idx = Stack((u, t) => input.Index[u.Index][t]);
        var levels = CityLevels(input);
        var medianLevel = levels.Order().ElementAt(_n / 2);
        // Revenue noise grows with the size of the city's industries (square root); the effect of a point of
        // the index does not (a larger effect in larger cities breaks the winsorised and log robustness checks).
        var sizeScale = levels.Select(m => Math.Sqrt(m / medianLevel)).ToArray();
        var rho = Stack((u, _) => GroupMultiplier(u.City));
        var z = new double[_n];
        for (var i = 0; i < _n; i++) z[i] = idx[i] * rho[i];
        var f = Stack((u, t) => input.Counts[(u.City.Code.Value, PanelYears.First + t)].Integrated);
        var volume = Stack((u, t) => input.Counts[(u.City.Code.Value, PanelYears.First + t)].AllDigital);
        var withI = x.Prepend(Col("dig_real", idx)).ToArray();

        // Digital patents follow the index everywhere but north-west of the Hu line.
        var zD = idx.Select((v, i) => rho[i] == 0 ? 0 : v).ToArray();

        // ---- digital_patent (D): a exact, its t statistic as asked ----
        var levelD = _fits.Projection(volume, x);
        // Shocks to digital patenting grow with the city's patent volume, so small cities keep small counts.
        var volumeScale = CityMeans(volume).Select(m => Math.Pow(Math.Max(1, m), 0.6)).ToArray();
        var u0 = Stack((u, t) => Prng.For(_seed, 40, u.City.Code.Value, t).Normal());
        for (var i = 0; i < _n; i++) u0[i] *= volumeScale[i];
        var uPerp = OrthogonalWithinGroups(u0, withI, withI);
        var indexResidual = _fits.Residual(idx, x);
        var indexResidualSquares = indexResidual.Sum(r => r * r);
        var aPrime = _targets.A / _fits.Fit(zD, _fits.AllCities(), 0, withI)["dig_real"].Estimate;
        var sU = 10.0;
        double[] BuildD(double targetT)
        {
            double[] Draw() => ShiftAndRound(levelD.Select((v, i) => v + aPrime * zD[i] + sU * uPerp[i]).ToArray(), f, 1);
            for (var iter = 0; iter < 40; iter++)
            {
                var fit = _fits.Fit(Draw(), _fits.AllCities(), 0, withI)["dig_real"];
                if (Math.Abs(fit.T / targetT - 1) < 2e-3) break;
                aPrime *= _targets.A / fit.Estimate;
                sU *= fit.T / targetT;
            }
            // Then a exactly: â is linear in the counts, so moving single counts by one, where the part of the
            // index that the controls and effects leave over says how much each moves â, closes the gap that
            // rounding leaves.
            var d = Draw();
            var gap = _targets.A - _fits.Fit(d, _fits.AllCities(), 0, withI)["dig_real"].Estimate;
            var share = indexResidual.Select(r => r / indexResidualSquares).ToArray();
            for (var step = 0; step < 200 && Math.Abs(gap) > 1e-6 * _targets.A; step++)
            {
                var best = -1;
                var sign = 0;
                var left = Math.Abs(gap);
                for (var i = 0; i < _n; i++)
                    foreach (var s in new[] { 1, -1 })
                    {
                        if (s < 0 && d[i] - 1 < f[i] + 1) continue;
                        var after = Math.Abs(gap - s * share[i]);
                        if (after < left) (best, sign, left) = (i, s, after);
                    }
                if (best < 0) break;
                d[best] += sign;
                gap -= sign * share[best];
            }
            return d;
        }

        // ---- revenue of strategic emerging industries (亿元): β and b exact ----
        var baseRevenue = BaseRevenue(levels, sizeScale, x);
        var e0 = Stack((u, t) => Prng.For(_seed, 42, u.City.Code.Value, t).Normal());
        for (var i = 0; i < _n; i++) e0[i] *= sizeScale[i];
        var ePerp = OrthogonalWithinGroups(e0, withI, withI);
        double k = 0, bPrime = 0;
        var sE = _targets.RevenueNoise;
        (double[] Revenue, double[] Truth, double Beta, double B) BuildY(double[] d)
        {
            var dTilde = _fits.Residual(d, x);
            var withD = x.Prepend(Col("digital_patent", d)).ToArray();
            (double Beta, double B, double[] Revenue, double[] Truth) Eval(double kk, double bb)
            {
                var raw = new double[_n];
                for (var i = 0; i < _n; i++) raw[i] = baseRevenue[i] + kk * z[i] + bb * dTilde[i] + sE * ePerp[i];
                var rev = ShiftPositive(raw, baseRevenue);
                var tr = Publish(rev, input);
                return (_fits.Fit(tr, _fits.AllCities(), 0, withI)["dig_real"].Estimate, _fits.Fit(tr, _fits.AllCities(), 0, withD)["digital_patent"].Estimate, rev, tr);
            }
            // β̂ and b̂ are affine in (k, b') up to the rounding of published figures: Newton steps.
            var now = Eval(k, bPrime);
            for (var newton = 0; newton < 8; newton++)
            {
                if (Math.Abs(now.Beta / _targets.Beta - 1) < 1e-5 && Math.Abs(now.B / _targets.B - 1) < 1e-5) break;
                var pk = Eval(k + 1, bPrime);
                var pb = Eval(k, bPrime + 0.01);
                double j11 = pk.Beta - now.Beta, j21 = pk.B - now.B, j12 = (pb.Beta - now.Beta) / 0.01, j22 = (pb.B - now.B) / 0.01;
                var det = j11 * j22 - j12 * j21;
                var rb = _targets.Beta - now.Beta;
                var rB = _targets.B - now.B;
                k += (rb * j22 - j12 * rB) / det;
                bPrime += (j11 * rB - j21 * rb) / det;
                now = Eval(k, bPrime);
            }
            return (now.Revenue, now.Truth, now.Beta, now.B);
        }

        // The Sobel Z rises with a's t statistic (D follows the index more closely, so it also carries more of
        // the revenue): secant steps on t_a until Z is at its target.
        var tA = _targets.TA;
        double[] d = [], revenue = [], truth = [];
        double previousT = double.NaN, previousZ = double.NaN;
        for (var outer = 0; outer < 12; outer++)
        {
            d = BuildD(tA);
            (revenue, truth, _, _) = BuildY(d);
            var zNow = _study.SobelOnly(new CalibrationPanel(_panel.Select(u => u.City).ToList(), truth, truth, d, idx, x));
            if (Math.Abs(zNow / _targets.SobelZ - 1) < 2e-3) break;
            var next = double.IsNaN(previousT) || zNow == previousZ
                ? tA * _targets.SobelZ / zNow
                : tA + (_targets.SobelZ - zNow) * (tA - previousT) / (zNow - previousZ);
            (previousT, previousZ) = (tA, zNow);
            tA = Math.Clamp(next, 0.5 * tA, 2 * tA);
        }

        // ---- employment in strategic emerging industries (万人) ----
        // Employment follows revenue (about 150 亿元 of revenue per 万人) with a city-specific level, which the
        // city effects absorb, and its own year-to-year noise, so the employment robustness check measures
        // the same effect on another scale rather than a city-specific ratio.
        var employment = new double[_n];
        for (var c = 0; c < _panel.Count; c++)
        {
            var span = revenue.AsSpan(c * PanelYears.Count, PanelYears.Count);
            var mean = 0.0;
            var min = double.MaxValue;
            foreach (var r in span) { mean += r / 150.0 / PanelYears.Count; min = Math.Min(min, r / 150.0); }
            var shift = Math.Max(-0.5 * min, 0.15 * mean * Prng.For(_seed, 43, _panel[c].City.Code.Value).Normal());
            for (var t = 0; t < PanelYears.Count; t++)
            {
                var i = c * PanelYears.Count + t;
                employment[i] = (revenue[i] / 150.0 + shift) * (1 + 0.03 * Prng.For(_seed, 44, i).Normal());
            }
        }
        PublishEmployment(revenue, employment, input);
        var publishedEmployment = Stack((u, _) => 0.0);
        for (var c = 0; c < _panel.Count; c++)
            input.Truth.Observed(_panel[c].City.Code.Value, "nq_emp", PanelYears.First, PanelYears.Last).CopyTo(publishedEmployment, c * PanelYears.Count);

        var figures = _study.Measure(new CalibrationPanel(_panel.Select(u => u.City).ToList(), truth, publishedEmployment, d, idx, x));
        var report = new CalibrationReport(figures, aPrime, k, bPrime, sU, sE);

        var digital = new Dictionary<int, long[]>();
        var rev2 = new Dictionary<int, double[]>();
        var emp2 = new Dictionary<int, double[]>();
        for (var c = 0; c < _panel.Count; c++)
        {
            digital[_panel[c].Index] = d.Skip(c * PanelYears.Count).Take(PanelYears.Count).Select(v => (long)v).ToArray();
            rev2[_panel[c].Index] = revenue.Skip(c * PanelYears.Count).Take(PanelYears.Count).ToArray();
            emp2[_panel[c].Index] = employment.Skip(c * PanelYears.Count).Take(PanelYears.Count).ToArray();
        }
        return new Output(digital, rev2, emp2, report);
    }

    /// <summary>Slopes of revenue (亿元) on the controls, against the national path: GDP per capita (元), population (万人), students per 10k residents, new entities per 1,000 residents, tertiary share (%).</summary>
    private static readonly Dictionary<string, double> s_controlSlopes = new()
    {
        ["gdp"] = 0.0006, ["pop"] = 0.2, ["human"] = 0.05, ["ent_act"] = 2.0, ["ind3_share"] = 0.5,
    };

    /// <summary>Each city's mean revenue level before the effects: about 16% of its GDP, times a persistent city factor.</summary>
    private double[] CityLevels(Inputs input)
    {
        var r = new double[_n];
        for (var c = 0; c < _panel.Count; c++)
        {
            var u = _panel[c];
            var level = Math.Exp(0.25 * Prng.For(_seed, 41, u.City.Code.Value).Normal());
            var mean = Enumerable.Range(0, PanelYears.Count).Average(t => 0.16 * input.Latent[u.Index].GdpTotal(t) / 1e4 * level);
            for (var t = 0; t < PanelYears.Count; t++) r[c * PanelYears.Count + t] = mean;
        }
        return r;
    }

    /// <summary>
    /// Revenue the city would have without the integration effect: its level, plus the controls' effects
    /// around the city's means, persistent yearly shocks (AR(1)) in proportion to the city's noise scale, and
    /// in some smaller cities a lasting jump in the year the bulletin widens what it counts.
    /// </summary>
    private double[] BaseRevenue(double[] levels, double[] noiseScale, (string Name, double[] Values)[] x)
    {
        var r = new double[_n];
        var controlPaths = x.Select(col => (col.Name, Deviation: DeviationFromNationalPath(col.Values))).ToArray();
        for (var c = 0; c < _panel.Count; c++)
        {
            var rng = Prng.For(_seed, 46, _panel[c].City.Code.Value);
            const double persistence = 0.6, shock = 0.25;
            var eta = shock / Math.Sqrt(1 - persistence * persistence) * rng.Normal();
            var median = levels.Order().ElementAt(_n / 2);
            var coverageYear = levels[c * PanelYears.Count] < median && rng.Chance(0.1) ? rng.Between(3, PanelYears.Count - 3) : int.MaxValue;
            var coverageJump = (0.1 + 0.1 * rng.NextDouble()) * levels[c * PanelYears.Count];
            for (var t = 0; t < PanelYears.Count; t++)
            {
                var i = c * PanelYears.Count + t;
                if (t > 0) eta = persistence * eta + shock * rng.Normal();
                var controls = 0.0;
                foreach (var (name, deviation) in controlPaths) controls += s_controlSlopes[name] * deviation[i];
                r[i] = levels[i] + controls + noiseScale[i] * eta + (t >= coverageYear ? coverageJump : 0);
            }
        }
        return r;
    }

    /// <summary>
    /// How far a control is from the city's own mean, less how far all panel cities are from theirs that year:
    /// the city's movement against the national path. The national path itself adds the same 亿元 to every
    /// city, which the year effects of the level models absorb but which is a different percentage for
    /// every city (large in small cities), so the log form's year effects could not; left in, it leaves
    /// small cities' revenue growing fastest in percent while the index grows fastest in large cities, and
    /// the log form turns negative at national volume.
    /// </summary>
    private double[] DeviationFromNationalPath(double[] values)
    {
        var years = PanelYears.Count;
        var cityMeans = CityMeans(values);
        var r = new double[_n];
        for (var i = 0; i < _n; i++) r[i] = values[i] - cityMeans[i];
        for (var t = 0; t < years; t++)
        {
            var yearMean = 0.0;
            for (var c = 0; c < _panel.Count; c++) yearMean += r[c * years + t] / _panel.Count;
            for (var c = 0; c < _panel.Count; c++) r[c * years + t] -= yearMean;
        }
        return r;
    }

    /// <summary>Raises each city's series by a constant (absorbed by its effect) so that D ≥ F + margin, then rounds.</summary>
    private double[] ShiftAndRound(double[] raw, double[] floor, double margin)
    {
        var r = (double[])raw.Clone();
        for (var c = 0; c < _panel.Count; c++)
        {
            var shift = 0.0;
            for (var t = 0; t < PanelYears.Count; t++)
                shift = Math.Max(shift, floor[c * PanelYears.Count + t] + margin - raw[c * PanelYears.Count + t]);
            for (var t = 0; t < PanelYears.Count; t++) r[c * PanelYears.Count + t] = Math.Round(raw[c * PanelYears.Count + t] + shift, MidpointRounding.AwayFromZero);
        }
        return r;
    }

    /// <summary>Keeps revenue above a tenth of its base level by a per-city constant.</summary>
    private double[] ShiftPositive(double[] raw, double[] level)
    {
        var r = (double[])raw.Clone();
        for (var c = 0; c < _panel.Count; c++)
        {
            var shift = 0.0;
            for (var t = 0; t < PanelYears.Count; t++)
                shift = Math.Max(shift, 0.1 * level[c * PanelYears.Count + t] - raw[c * PanelYears.Count + t]);
            for (var t = 0; t < PanelYears.Count; t++) r[c * PanelYears.Count + t] += shift;
        }
        return r;
    }

    /// <summary>Prints the revenue as the bulletins will and returns what the pipeline will reconstruct (rounded, gaps interpolated).</summary>
    private double[] Publish(double[] revenue, Inputs input)
    {
        var result = new double[_n];
        for (var c = 0; c < _panel.Count; c++)
        {
            var code = _panel[c].City.Code.Value;
            var series = revenue.AsSpan(c * PanelYears.Count, PanelYears.Count).ToArray();
            input.Sources.SetSei(code, PanelYears.First, PanelYears.Last, series, series, input.Plans);
            var observed = input.Truth.Observed(code, "nq_rev", PanelYears.First, PanelYears.Last);
            observed.CopyTo(result, c * PanelYears.Count);
        }
        return result;
    }

    private void PublishEmployment(double[] revenue, double[] employment, Inputs input)
    {
        for (var c = 0; c < _panel.Count; c++)
            input.Sources.SetSei(_panel[c].City.Code.Value, PanelYears.First, PanelYears.Last,
                revenue.AsSpan(c * PanelYears.Count, PanelYears.Count).ToArray(),
                employment.AsSpan(c * PanelYears.Count, PanelYears.Count).ToArray(), input.Plans);
    }

    /// <summary>
    /// Removes from <paramref name="noise"/> everything the full-sample model and every group's model can
    /// explain (regressors and both sets of effects, within each group), by alternating projections, so
    /// that the noise moves no targeted estimate, pooled or by group, only its standard errors.
    /// </summary>
    private double[] OrthogonalWithinGroups(double[] noise, (string, double[])[] fullColumns, (string, double[])[] groupColumns)
    {
        var groups = StudyReplica.Groups.Values
            .Select(test => _panel.Select(u => test(u.City) ? 1.0 : 0.0).ToArray())
            .Where(w => w.Sum() >= 3).ToList();
        var e = (double[])noise.Clone();
        for (var sweep = 0; sweep < 400; sweep++)
        {
            var before = (double[])e.Clone();
            e = _fits.Residual(e, fullColumns);
            foreach (var weights in groups)
            {
                var r = _fits.Fit(e, weights, 0, groupColumns).Residuals;
                for (var i = 0; i < _n; i++) if (weights[i / PanelYears.Count] > 0) e[i] = r[i];
            }
            double change = 0, norm = 0;
            for (var i = 0; i < _n; i++) { change += (e[i] - before[i]) * (e[i] - before[i]); norm += e[i] * e[i]; }
            if (change <= 1e-24 * norm) break;
        }
        return _fits.Residual(e, fullColumns);
    }
}
