using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Simulator.Publishing;
using Etl.Simulator.World;

namespace Etl.Simulator.Calibration;

/// <summary>
/// Generates digital_patent (D) and the revenue and employment of strategic emerging industries so that the
/// study's estimates hold exactly on the truth panel (see the simulator README):
/// D = a'·ρ_g·I + P(X, FE) + s_u·u, with u orthogonal to I, X and both sets of effects; then
/// nq_rev = k·ρ_g·I + b'·D̃ + P(X, FE) + s_e·e, with D̃ the part of D orthogonal to X and the effects and e
/// orthogonal to everything. Estimates are affine in (a', k, b'), so they are solved for, then corrected
/// for the rounding of published figures and the interpolation of gaps by Newton steps.
/// </summary>
internal sealed class Calibrator
{
    private readonly List<SimUnit> _panel;
    private readonly PanelFits _fits;
    private readonly int _n;
    private readonly ulong _seed;
    private readonly CalibrationTargets _targets;

    public Calibrator(IEnumerable<SimUnit> panel, ulong seed, CalibrationTargets targets)
    {
        _panel = panel.OrderBy(u => u.City.Code.Value).ToList();
        _n = _panel.Count * PanelYears.Count;
        _fits = new PanelFits(
            [.. _panel.SelectMany(u => Enumerable.Repeat(u.City.Code.Value, PanelYears.Count))],
            [.. _panel.SelectMany(_ => PanelYears.All)]);
        _seed = seed;
        _targets = targets;
    }

    /// <summary>Heterogeneity of the effect: east strongest, central and south-western west weaker, none north-west of the Hu line.</summary>
    public static double GroupMultiplier(CityRecord c) =>
        c.HuSide == HuSide.Northwest ? 0.0 : c.Region switch { Region.East => 1.6, Region.Central => 1.0, _ => 1.0 };

    private double[] Stack(Func<SimUnit, int, double> f)
    {
        var r = new double[_n];
        var i = 0;
        foreach (var u in _panel)
            for (var t = 0; t < PanelYears.Count; t++) r[i++] = f(u, t);
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
        var rho = Stack((u, _) => GroupMultiplier(u.City));
        var z = idx.Zip(rho, (i, r) => i * r).ToArray();
        var f = Stack((u, t) => input.Counts[(u.City.Code.Value, PanelYears.First + t)].Integrated);
        var volume = Stack((u, t) => input.Counts[(u.City.Code.Value, PanelYears.First + t)].AllDigital);
        var withI = x.Prepend(Col("dig_real", idx)).ToArray();

        // ---- digital_patent ----
        var levelD = _fits.Projection(volume, x);
        // Shocks to digital patenting grow with the city's patent volume, so small cities keep small counts.
        var volumeScale = new double[_n];
        for (var c = 0; c < _panel.Count; c++)
        {
            var m = 0.0;
            for (var t = 0; t < PanelYears.Count; t++) m += volume[c * PanelYears.Count + t] / PanelYears.Count;
            for (var t = 0; t < PanelYears.Count; t++) volumeScale[c * PanelYears.Count + t] = Math.Pow(Math.Max(1, m), 0.6);
        }
        var u0 = Stack((u, t) => Prng.For(_seed, 40, u.City.Code.Value, t).Normal());
        for (var i = 0; i < _n; i++) u0[i] *= volumeScale[i];
        var uPerp = OrthogonalWithinGroups(u0, withI);
        var cz = _fits.Fit(z, withI)["dig_real"].Estimate;
        var aPrime = _targets.A / cz;
        var sU = 10.0;
        double[] d = [];
        double aHat = 0, tA = 0;
        for (var iter = 0; iter < 60; iter++)
        {
            var raw = levelD.Select((v, i) => v + aPrime * z[i] + sU * uPerp[i]).ToArray();
            d = ShiftAndRound(raw, f, 1);
            var fit = _fits.Fit(d, withI)["dig_real"];
            aHat = fit.Estimate;
            tA = fit.T;
            var doneA = Math.Abs(aHat / _targets.A - 1) < 1e-6;
            var doneT = Math.Abs(tA / _targets.TargetT - 1) < 2e-3;
            if (doneA && doneT) break;
            aPrime *= _targets.A / aHat;
            sU *= tA / _targets.TargetT;
        }

        // ---- revenue of strategic emerging industries (亿元) ----
        var cityLevel = Stack((u, _) => Math.Exp(0.25 * Prng.For(_seed, 41, u.City.Code.Value).Normal()));
        var latentRevenue = Stack((u, t) => 0.16 * input.Latent[u.Index].GdpTotal(t) / 1e4);
        var levelY = _fits.Projection(latentRevenue.Zip(cityLevel, (a, b) => a * b).ToArray(), x);
        var dTilde = _fits.Residual(d, x);
        var withAll = x.Prepend(Col("d", d)).Prepend(Col("z", z)).Prepend(Col("dig_real", idx)).ToArray();

        // Revenue shocks scale with the size of the city's strategic emerging industries.
        var cityMean = Stack((u, _) => 0.0);
        for (var c = 0; c < _panel.Count; c++)
        {
            var m = 0.0;
            for (var t = 0; t < PanelYears.Count; t++) m += latentRevenue[c * PanelYears.Count + t] / PanelYears.Count;
            for (var t = 0; t < PanelYears.Count; t++) cityMean[c * PanelYears.Count + t] = m;
        }
        var median = cityMean.Order().ElementAt(_n / 2);
        var shockScale = cityMean.Select(m => Math.Pow(m / median, 0.5)).ToArray();

        double k = 0, bPrime = 0, sE = 20;
        double[] revenue = [], truth = [];
        CalibrationReport? report = null;
        for (var draw = 0; draw < 25 && report is null; draw++)
        {
            var e0 = Stack((u, t) => Prng.For(_seed, 42, draw, u.City.Code.Value, t).Normal());
            for (var i = 0; i < _n; i++) e0[i] *= shockScale[i];
            var ePerp = OrthogonalWithinGroups(e0, withAll);
            (double Beta, double B, double TB, double[] Revenue, double[] Truth) Eval(double kk, double bb, double ss)
            {
                var raw = levelY.Select((v, i) => v + kk * z[i] + bb * dTilde[i] + ss * ePerp[i]).ToArray();
                var rev = ShiftPositive(raw, latentRevenue);
                var tr = Publish(rev, input);
                var beta = _fits.Fit(tr, withI)["dig_real"].Estimate;
                var bt = _fits.Fit(tr, x.Prepend(Col("digital_patent", d)).ToArray())["digital_patent"];
                return (beta, bt.Estimate, bt.T, rev, tr);
            }

            for (var outer = 0; outer < 30; outer++)
            {
                // Solve the affine system for (k, b') at this noise scale (Newton steps absorb the rounding of
                // published figures), then rescale the noise towards the target t of b.
                var now = Eval(k, bPrime, sE);
                for (var newton = 0; newton < 4; newton++)
                {
                    var pk = Eval(k + 1, bPrime, sE);
                    var pb = Eval(k, bPrime + 0.01, sE);
                    double j11 = pk.Beta - now.Beta, j21 = pk.B - now.B, j12 = (pb.Beta - now.Beta) / 0.01, j22 = (pb.B - now.B) / 0.01;
                    var det = j11 * j22 - j12 * j21;
                    var rb = _targets.Beta - now.Beta;
                    var rB = _targets.B - now.B;
                    k += (rb * j22 - j12 * rB) / det;
                    bPrime += (j11 * rB - j21 * rb) / det;
                    now = Eval(k, bPrime, sE);
                    if (Math.Abs(now.Beta / _targets.Beta - 1) < 1e-5 && Math.Abs(now.B / _targets.B - 1) < 1e-5) break;
                }
                revenue = now.Revenue;
                truth = now.Truth;
                var ok = Math.Abs(now.Beta / _targets.Beta - 1) < 1e-4 && Math.Abs(now.B / _targets.B - 1) < 1e-4;
                if (ok && Math.Abs(now.TB / _targets.TargetT - 1) < 5e-3) break;
                sE *= Math.Clamp(now.TB / _targets.TargetT, 0.5, 2.0);
            }

            var groups = GroupEstimates(truth, withI);
            if (groups.TryGetValue("NW", out var nw) && Math.Abs(nw.T) > 1.0) continue;
            var fa = _fits.Fit(d, withI)["dig_real"];
            var fb = _fits.Fit(truth, x.Prepend(Col("digital_patent", d)).ToArray())["digital_patent"];
            var fBeta = _fits.Fit(truth, withI)["dig_real"];
            var sobel = fa.Estimate * fb.Estimate / Math.Sqrt(fb.Estimate * fb.Estimate * fa.StdError * fa.StdError + fa.Estimate * fa.Estimate * fb.StdError * fb.StdError);
            report = new CalibrationReport(fBeta.Estimate, fa.Estimate, fb.Estimate, fBeta.T, fa.T, fb.T, sobel, aPrime, k, bPrime, sU, sE, groups);
        }
        if (report is null) throw new InvalidOperationException("calibration failed: the north-west group stays significant for every noise draw");

        // ---- employment in strategic emerging industries (万人), no target ----
        // Employment follows revenue (about 150 亿元 of revenue per 万人) with a city-specific level, which the
        // city effects absorb, and a small year-to-year noise, so that the employment robustness check
        // measures the same effect on another scale rather than a city-specific ratio.
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
                employment[i] = (revenue[i] / 150.0 + shift) * (1 + 0.005 * Prng.For(_seed, 44, i).Normal());
            }
        }
        PublishEmployment(revenue, employment, input);

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

    /// <summary>Keeps revenue above a tenth of its latent level by a per-city constant.</summary>
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

    /// <summary>Subsamples of the heterogeneity analysis.</summary>
    private static readonly Dictionary<string, Func<CityRecord, bool>> s_groups = new()
    {
        ["east"] = c => c.Region == Region.East,
        ["central"] = c => c.Region == Region.Central,
        ["west"] = c => c.Region == Region.West,
        ["SE"] = c => c.HuSide == HuSide.Southeast,
        ["NW"] = c => c.HuSide == HuSide.Northwest,
    };

    /// <summary>
    /// Removes from <paramref name="noise"/> everything the full-sample model and every subsample model can
    /// explain (regressors and both sets of effects, within each subsample), by alternating projections,
    /// so that the noise moves no estimate of the study, pooled or by group, only its standard errors.
    /// </summary>
    private double[] OrthogonalWithinGroups(double[] noise, (string, double[])[] fullColumns)
    {
        var groupColumns = fullColumns.Where(c => c.Item1 is not ("z" or "d")).ToArray();
        var subsets = s_groups.Values.Select(test => _panel.SelectMany(u => Enumerable.Repeat(test(u.City), PanelYears.Count)).ToArray())
            .Where(s => s.Count(x => x) >= 3 * PanelYears.Count).ToList();
        var e = (double[])noise.Clone();
        for (var sweep = 0; sweep < 400; sweep++)
        {
            var before = (double[])e.Clone();
            e = _fits.Residual(e, fullColumns);
            foreach (var subset in subsets)
            {
                var r = _fits.Fit(e, subset, groupColumns).Residuals;
                var j = 0;
                for (var i = 0; i < _n; i++) if (subset[i]) e[i] = r[j++];
            }
            double change = 0, norm = 0;
            for (var i = 0; i < _n; i++) { change += (e[i] - before[i]) * (e[i] - before[i]); norm += e[i] * e[i]; }
            if (change <= 1e-24 * norm) break;
        }
        return _fits.Residual(e, fullColumns);
    }

    private Dictionary<string, (double Estimate, double T, int Clusters)> GroupEstimates(double[] y, (string, double[])[] columns)
    {
        var groups = s_groups;
        var result = new Dictionary<string, (double Estimate, double T, int Clusters)>();
        foreach (var (name, test) in groups)
        {
            var subset = _panel.SelectMany(u => Enumerable.Repeat(test(u.City), PanelYears.Count)).ToArray();
            if (subset.Count(s => s) < 3 * PanelYears.Count) continue;
            var r = _fits.Fit(y, subset, columns);
            result[name] = (r["dig_real"].Estimate, r["dig_real"].T, r.Clusters ?? 0);
        }
        return result;
    }
}
