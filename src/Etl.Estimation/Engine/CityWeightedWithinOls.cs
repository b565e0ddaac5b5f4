namespace Etl.Estimation.Engine;

/// <summary>
/// Coefficients of a balanced panel regression with city (and optionally year) fixed effects when each city
/// enters with an integer weight: its number of copies in a cluster bootstrap draw (each copy its own city),
/// or 0/1 for membership of a permuted group. Exact and fast, so that thousands of replicates cost
/// milliseconds.
/// </summary>
/// <remarks>
/// <para>Let u_ct = x_ct - x̄_c be the city-demeaned columns (y first, then the regressors), computed once,
/// and S_c = Σ_t u_ct u_ct' each city's cross-products. A copy of city c has the same u_ct, so with weights
/// w_c, W = Σ w_c and ū_t = Σ_c w_c u_ct / W, the two-way within transformation of the replicate sample is
/// u_ct - ū_t (the balanced-panel identity x - x̄_c - x̄_t + x̄), and its cross-product matrix is
/// Σ_c w_c S_c - W Σ_t ū_t ū_t'. With city effects only, it is Σ_c w_c S_c. The slopes solve the normal
/// equations by Cholesky; a pivot below <see cref="FixedEffectsRegression.CollinearityTolerance"/> of the
/// column's own sum of squares marks the replicate as singular, as the engine would omit a regressor.</para>
/// <para>Tests check the result against <see cref="FixedEffectsRegression"/> on the materialised replicate.</para>
/// </remarks>
internal sealed class CityWeightedWithinOls
{
    private readonly int _cities;
    private readonly int _periods;
    private readonly int _cols;   // 1 + regressors
    private readonly double[] _u; // [city][period][col]
    private readonly double[] _s; // [city][col][col]
    private readonly bool _timeEffects;

    /// <summary>Prepares the fit.</summary>
    /// <param name="cities">Number of cities.</param>
    /// <param name="periods">Years per city (the same years for each).</param>
    /// <param name="columns">The outcome, then the regressors, each of length cities·periods, city-major, years in the same order within every city.</param>
    /// <param name="timeEffects">Absorb year effects as well as city effects.</param>
    public CityWeightedWithinOls(int cities, int periods, IReadOnlyList<double[]> columns, bool timeEffects)
    {
        if (columns.Count < 2) throw new ArgumentException("need an outcome and at least one regressor");
        if (columns.Any(c => c.Length != cities * periods)) throw new ArgumentException("every column needs cities x periods values");
        _cities = cities;
        _periods = periods;
        _cols = columns.Count;
        _timeEffects = timeEffects;
        _u = new double[cities * periods * _cols];
        _s = new double[cities * _cols * _cols];
        for (var c = 0; c < cities; c++)
        {
            for (var j = 0; j < _cols; j++)
            {
                var col = columns[j];
                double mean = 0;
                for (var t = 0; t < periods; t++) mean += col[c * periods + t];
                mean /= periods;
                for (var t = 0; t < periods; t++) _u[(c * periods + t) * _cols + j] = col[c * periods + t] - mean;
            }
            for (var t = 0; t < periods; t++)
            {
                var row = (c * periods + t) * _cols;
                for (var a = 0; a < _cols; a++)
                    for (var b = 0; b <= a; b++) _s[(c * _cols + a) * _cols + b] += _u[row + a] * _u[row + b];
            }
        }
    }

    /// <summary>Number of cities.</summary>
    public int Cities => _cities;

    /// <summary>Number of regressors.</summary>
    public int Regressors => _cols - 1;

    /// <summary>Scratch space for one thread.</summary>
    public sealed class Workspace(int cols, int periods)
    {
        internal readonly double[] M = new double[cols * cols];
        internal readonly double[] Mean = new double[periods * cols];
        internal readonly double[] L = new double[(cols - 1) * (cols - 1)];
        internal readonly double[] Z = new double[cols - 1];
    }

    /// <summary>A workspace sized for this fit.</summary>
    public Workspace CreateWorkspace() => new(_cols, _periods);

    /// <summary>
    /// The slopes for city weights <paramref name="weights"/> (length <see cref="Cities"/>) into
    /// <paramref name="beta"/>; false when the weighted design is singular.
    /// </summary>
    public bool TrySolve(ReadOnlySpan<double> weights, Span<double> beta, Workspace ws)
    {
        var p = _cols;
        var m = ws.M;
        Array.Clear(m);
        double total = 0;
        for (var c = 0; c < _cities; c++)
        {
            var w = weights[c];
            if (w == 0) continue;
            total += w;
            var offset = c * p * p;
            for (var a = 0; a < p; a++)
                for (var b = 0; b <= a; b++) m[a * p + b] += w * _s[offset + a * p + b];
        }
        if (total == 0) return false;
        if (_timeEffects)
        {
            var mean = ws.Mean;
            Array.Clear(mean);
            for (var c = 0; c < _cities; c++)
            {
                var w = weights[c];
                if (w == 0) continue;
                for (var t = 0; t < _periods; t++)
                {
                    var row = (c * _periods + t) * p;
                    var target = t * p;
                    for (var j = 0; j < p; j++) mean[target + j] += w * _u[row + j];
                }
            }
            for (var i = 0; i < mean.Length; i++) mean[i] /= total;
            for (var t = 0; t < _periods; t++)
            {
                var row = t * p;
                for (var a = 0; a < p; a++)
                    for (var b = 0; b <= a; b++) m[a * p + b] -= total * mean[row + a] * mean[row + b];
            }
        }
        return SolveNormalEquations(m, p, beta, ws);
    }

    /// <summary>Cholesky solve of M_xx β = M_xy, where column 0 of <paramref name="m"/> (lower triangle) is the outcome.</summary>
    private static bool SolveNormalEquations(double[] m, int p, Span<double> beta, Workspace ws)
    {
        var k = p - 1;
        var l = ws.L;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = m[(i + 1) * p + (j + 1)];
                for (var r = 0; r < j; r++) s -= l[i * k + r] * l[j * k + r];
                if (i == j)
                {
                    var own = m[(i + 1) * p + (i + 1)];
                    if (!(own > 0) || s <= FixedEffectsRegression.CollinearityTolerance * own) return false;
                    l[i * k + i] = Math.Sqrt(s);
                }
                else l[i * k + j] = s / l[j * k + j];
            }
        }
        var z = ws.Z;
        for (var i = 0; i < k; i++)
        {
            var s = m[(i + 1) * p];
            for (var r = 0; r < i; r++) s -= l[i * k + r] * z[r];
            z[i] = s / l[i * k + i];
        }
        for (var i = k - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var r = i + 1; r < k; r++) s -= l[r * k + i] * beta[r];
            beta[i] = s / l[i * k + i];
        }
        return true;
    }
}
