using Etl.Estimation.Engine;

namespace Etl.Estimation.Inference;

/// <summary>Weight distributions of the wild cluster bootstrap.</summary>
public enum WildWeights
{
    /// <summary>±1 with probability 1/2 each.</summary>
    Rademacher,

    /// <summary>Webb's six-point distribution: ±√(1/2), ±1, ±√(3/2), probability 1/6 each.</summary>
    Webb,
}

/// <summary>The result of a restricted wild cluster bootstrap test of one coefficient being zero.</summary>
/// <param name="Clusters">Number of clusters G.</param>
/// <param name="T">The observed CR1 t statistic.</param>
/// <param name="P">Symmetric bootstrap p-value: the share of |t*| at least |t|.</param>
/// <param name="Reps">Bootstrap samples (all 2^G sign vectors when enumerated).</param>
/// <param name="Weights">The weight distribution used.</param>
/// <param name="Enumerated">Whether every Rademacher sign vector was used instead of random draws.</param>
public sealed record WildBootstrapResult(int Clusters, double T, double P, int Reps, WildWeights Weights, bool Enumerated);

/// <summary>
/// The restricted wild cluster bootstrap (WCR) t-test of H₀: β_j = 0 (Cameron, Gelbach and Miller 2008, §3.3,
/// "wild cluster bootstrap-t" with the null imposed), computed the "fast and wild" way (Roodman, MacKinnon,
/// Nielsen and Webb 2019, Stata Journal 19(1), §3-4): everything a bootstrap t needs is a G-vector or a
/// G×G matrix, so a replicate costs O(G²) whatever the sample size.
/// </summary>
/// <remarks>
/// <para>Fixed effects are absorbed and singletons dropped exactly as in <see cref="FixedEffectsRegression"/>.
/// Restricted model: ỹ on the other regressors Z̃, residuals ü. Bootstrap outcome y* = ŷ_R + ü·v_g with one
/// weight v_g per cluster. By Frisch-Waugh-Lovell, with x̃ the term's regressor residualised on Z̃ and the
/// fixed effects: β* = Σ_h v_h c_h / x̃'x̃ with c_h = x̃_h'ü_h, and the bootstrap residuals are
/// e* = Σ_h v_h M(ü∘1_h), M the annihilator of the regressors and fixed effects; so each cluster's score is
/// s*_g = x̃_g'e*_g = Σ_h A_gh v_h with A_gh = x̃_g' M(ü∘1_h)_g, and t* = Σ_h v_h c_h / √(q Σ_g s*_g²) with
/// reghdfe's q = G/(G-1)·(N-1)/(N-K). With every v_h = 1 this is the observed t.</para>
/// <para>Weights: Rademacher weights take only 2^G values, so with few clusters the bootstrap distribution is
/// coarse; Webb (2014, "Reworking wild bootstrap based inference for clustered errors", Queen's Economics
/// Department WP 1315) proposes the six-point distribution for that case (fewer than about a dozen
/// clusters). When Rademacher weights are used and 2^G does not exceed the requested replications, all 2^G
/// sign vectors are enumerated and the p-value is exact.</para>
/// </remarks>
internal static class WildClusterBootstrap
{
    /// <summary>Relative tolerance under which |t*| counts as equal to |t|.</summary>
    public const double TieTolerance = 1e-10;

    private static readonly double[] s_webb = [-Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5)];

    /// <summary>Runs the test of <paramref name="term"/> = 0 in the model <paramref name="input"/>; replicate r draws from stream (seed, "wild:" + id, r).</summary>
    public static WildBootstrapResult Run(string id, RegressionInput input, string term, WildWeights weights, int reps, ulong seed, int threads)
    {
        var statistic = Prepare(id, input, term);
        var g = statistic.Clusters;
        var enumerate = weights == WildWeights.Rademacher && g < 31 && (1L << g) <= reps;
        var count = enumerate ? 1 << g : reps;
        var tStar = new double[count];
        DeterministicParallel.For(count, threads, () => (V: new double[g], S: new double[g]), (r, ws) =>
        {
            if (enumerate)
            {
                for (var h = 0; h < g; h++) ws.V[h] = ((r >> h) & 1) == 0 ? 1 : -1;
            }
            else
            {
                var rng = SeededRandom.For(seed, "wild:" + id, r);
                for (var h = 0; h < g; h++)
                    ws.V[h] = weights == WildWeights.Rademacher ? ((rng.NextUInt64() >> 63) == 0 ? 1 : -1) : s_webb[rng.NextInt(6)];
            }
            tStar[r] = statistic.T(ws.V, ws.S);
        });
        var t = statistic.Observed;
        var threshold = Math.Abs(t) * (1 - TieTolerance);
        var p = (double)tStar.Count(x => Math.Abs(x) >= threshold) / count;
        return new WildBootstrapResult(g, t, p, count, weights, enumerate);
    }

    /// <summary>Chooses the weights: Webb's below <paramref name="webbBelow"/> clusters, Rademacher from there on (for "auto").</summary>
    public static WildWeights Choose(string rule, int clusters, int webbBelow) => rule switch
    {
        "rademacher" => WildWeights.Rademacher,
        "webb" => WildWeights.Webb,
        _ => clusters < webbBelow ? WildWeights.Webb : WildWeights.Rademacher,
    };

    /// <summary>The G-vector c, the G×G matrix A and the factor q of the bootstrap t statistic.</summary>
    internal sealed class Statistic(int clusters, double[] c, double[] a, double q)
    {
        public int Clusters { get; } = clusters;

        /// <summary>t* for cluster weights <paramref name="v"/> (<paramref name="scores"/> is scratch of length G).</summary>
        public double T(ReadOnlySpan<double> v, Span<double> scores)
        {
            double numerator = 0, meat = 0;
            for (var gi = 0; gi < Clusters; gi++)
            {
                numerator += c[gi] * v[gi];
                double s = 0;
                var row = gi * Clusters;
                for (var h = 0; h < Clusters; h++) s += a[row + h] * v[h];
                scores[gi] = s;
                meat += s * s;
            }
            return numerator / Math.Sqrt(q * meat);
        }

        /// <summary>The observed t (every weight 1).</summary>
        public double Observed
        {
            get
            {
                var ones = Enumerable.Repeat(1.0, Clusters).ToArray();
                return T(ones, new double[Clusters]);
            }
        }
    }

    /// <summary>Absorbs the fixed effects, fits the restricted model and builds the bootstrap statistic.</summary>
    internal static Statistic Prepare(string id, RegressionInput input, string term)
    {
        var m = FixedEffectsRegression.Absorb(input);
        var cluster = m.Cluster ?? throw new InvalidOperationException($"model '{id}' has no clusters");
        var (kept, _) = FixedEffectsRegression.SelectIndependent(m.Xd, m.Names);
        var j = kept.FindIndex(k => m.Names[k] == term);
        if (j < 0) throw new InvalidDataException($"model '{id}': '{term}' is collinear with the other regressors or the fixed effects; nothing to test");
        var full = kept.Select(k => m.Xd[k]).ToList();
        var others = full.Where((_, i) => i != j).ToList();
        var n = m.Yd.Length;

        var restricted = new LeastSquares(others);
        var u = restricted.Residual(m.Yd);
        var xt = restricted.Residual(full[j]);
        var complete = new LeastSquares(full);
        var g = cluster.Levels;
        if (g < 2) throw new InvalidDataException($"model '{id}': a wild cluster bootstrap needs at least two clusters");
        var c = new double[g];
        for (var i = 0; i < n; i++) c[cluster.Codes[i]] += xt[i] * u[i];
        var a = new double[g * g];
        var piece = new double[n];
        for (var h = 0; h < g; h++)
        {
            for (var i = 0; i < n; i++) piece[i] = cluster.Codes[i] == h ? u[i] : 0;
            var w = complete.Residual(m.Demeaner.Demean(piece));
            for (var i = 0; i < n; i++) a[cluster.Codes[i] * g + h] += xt[i] * w[i];
        }
        var slopes = kept.Count(k => m.Names[k] != FixedEffectsRegression.Constant);
        var (k, _, _) = FixedEffectsRegression.DegreesOfFreedom(m.Factors, cluster, VcovKind.Cluster, slopes);
        var q = (double)g / (g - 1) * (n - 1) / (n - k);
        return new Statistic(g, c, a, q);
    }

    /// <summary>Residuals from least squares on a fixed set of (demeaned) columns.</summary>
    private sealed class LeastSquares
    {
        private readonly List<double[]> _x;
        private readonly double[,]? _inverse;

        public LeastSquares(List<double[]> columns)
        {
            _x = columns;
            if (columns.Count == 0) return;
            var p = columns.Count;
            var xtx = new double[p, p];
            for (var r = 0; r < p; r++)
                for (var s = 0; s <= r; s++) xtx[r, s] = xtx[s, r] = Dot(columns[r], columns[s]);
            _inverse = FixedEffectsRegression.SymmetricInverse(xtx);
        }

        public double[] Residual(double[] y)
        {
            var e = (double[])y.Clone();
            if (_inverse is null) return e;
            var p = _x.Count;
            var xty = _x.Select(col => Dot(col, y)).ToArray();
            for (var r = 0; r < p; r++)
            {
                double b = 0;
                for (var s = 0; s < p; s++) b += _inverse[r, s] * xty[s];
                var col = _x[r];
                for (var i = 0; i < e.Length; i++) e[i] -= b * col[i];
            }
            return e;
        }

        private static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
            return s;
        }
    }
}
