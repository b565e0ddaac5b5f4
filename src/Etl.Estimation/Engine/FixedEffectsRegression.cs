using MathNet.Numerics.Distributions;

namespace Etl.Estimation.Engine;

/// <summary>
/// Linear regression with absorbed fixed effects and Stata reghdfe's conventions.
/// </summary>
/// <remarks>
/// <para>Fixed effects are removed by alternating projections (<see cref="Demeaner"/>); singletons are
/// dropped first, repeatedly, as in reghdfe (Correia 2015, "Singletons, cluster-robust standard errors and
/// fixed effects").</para>
/// <para>K, the parameter count of the small-sample factor, follows reghdfe: the slopes, one constant, and
/// for each fixed effect its levels minus one (the second fixed effect also loses one level per extra
/// connected component of the two-factor graph), where a fixed effect nested in the cluster variable
/// counts zero. Clustered variance: V = G/(G-1)·(N-1)/(N-K)·(X̃'X̃)⁻¹(Σ_g X̃_g'e_g e_g'X̃_g)(X̃'X̃)⁻¹ with
/// t-tests on G-1 degrees of freedom (Cameron and Miller 2015, §VI; Stata manual [R] regress, vce()).
/// Robust: HC1, N/(N-K). iid: RSS/(N-K). The adjusted R² counts every fixed-effect level; the within
/// R² is 1 - RSS/TSS of the demeaned outcome and its adjusted version uses N-1-df_a over N-K, as reghdfe
/// reports them.</para>
/// <para>Collinear regressors (including those absorbed by the fixed effects) are detected during the
/// Cholesky factorisation of X̃'X̃ (pivot below <see cref="CollinearityTolerance"/> of the column's own
/// sum of squares) and reported in <see cref="RegressionResult.Omitted"/>, as Stata does.</para>
/// </remarks>
public static class FixedEffectsRegression
{
    /// <summary>Relative pivot below which a regressor counts as collinear.</summary>
    public const double CollinearityTolerance = 1e-9;

    /// <summary>Name of the constant term in models without fixed effects.</summary>
    public const string Constant = "_cons";

    /// <summary>Fits the model.</summary>
    public static RegressionResult Fit(RegressionInput input) => Fit(input, allowExactDemeaning: true);

    /// <summary>Fits the model; <paramref name="allowExactDemeaning"/> false forces alternating projections even on balanced panels.</summary>
    internal static RegressionResult Fit(RegressionInput input, bool allowExactDemeaning)
    {
        var m = Absorb(input, allowExactDemeaning);
        var (y, yd, xd, names, factors, cluster) = (m.Y, m.Yd, m.Xd, m.Names, m.Factors, m.Cluster);
        var n = y.Length;
        var n0 = input.Y.Length;
        var hasFe = factors.Count > 0;

        // Normal equations with collinearity detection.
        var (kept, omitted) = SelectIndependent(xd, names);
        var p = kept.Count;
        var xtx = new double[p, p];
        var xty = new double[p];
        for (var a = 0; a < p; a++)
        {
            var ca = xd[kept[a]];
            for (var b = 0; b <= a; b++)
            {
                var cb = xd[kept[b]];
                double s = 0;
                for (var i = 0; i < n; i++) s += ca[i] * cb[i];
                xtx[a, b] = xtx[b, a] = s;
            }
            double t = 0;
            for (var i = 0; i < n; i++) t += ca[i] * yd[i];
            xty[a] = t;
        }
        var inv = SymmetricInverse(xtx);
        var beta = new double[p];
        for (var a = 0; a < p; a++)
            for (var b = 0; b < p; b++) beta[a] += inv[a, b] * xty[b];

        var resid = new double[n];
        double rss = 0;
        for (var i = 0; i < n; i++)
        {
            var fit = 0.0;
            for (var a = 0; a < p; a++) fit += xd[kept[a]][i] * beta[a];
            resid[i] = yd[i] - fit;
            rss += resid[i] * resid[i];
        }

        // Degrees of freedom as reghdfe counts them.
        var slopes = kept.Count(k => names[k] != Constant);
        var (k, kFull, feLevels) = DegreesOfFreedom(factors, cluster, input.Vcov, slopes);
        if (n - k <= 0) throw new InvalidOperationException($"no residual degrees of freedom (N = {n}, K = {k})");

        var vcov = input.Vcov switch
        {
            VcovKind.Iid => Scale(inv, rss / (n - k)),
            VcovKind.Robust => Sandwich(inv, Meat(xd, kept, resid, null), (double)n / (n - k)),
            _ => Sandwich(inv, Meat(xd, kept, resid, cluster), (double)cluster!.Levels / (cluster.Levels - 1) * (n - 1) / (n - k)),
        };
        var dfResid = input.Vcov == VcovKind.Cluster ? cluster!.Levels - 1 : n - k;
        var tDist = new StudentT(0, 1, dfResid);
        var tCrit = tDist.InverseCumulativeDistribution(0.975);

        var terms = new List<Term>(p);
        for (var a = 0; a < p; a++)
        {
            var se = Math.Sqrt(vcov[a, a]);
            var t = beta[a] / se;
            var pval = Inference.PValues.StudentT(t, dfResid);
            terms.Add(new Term(names[kept[a]], beta[a], se, t, pval, beta[a] - tCrit * se, beta[a] + tCrit * se));
        }

        var mean = y.Average();
        var tss = y.Sum(v => (v - mean) * (v - mean));
        var tssWithin = hasFe ? yd.Sum(v => v * v) : tss;
        var r2 = 1 - rss / tss;
        var r2Within = 1 - rss / tssWithin;
        var slopeIdx = Enumerable.Range(0, p).Where(a => names[kept[a]] != Constant).ToArray();
        return new RegressionResult
        {
            Terms = terms,
            Omitted = omitted,
            Vcov = vcov,
            N = n,
            Singletons = n0 - n,
            Clusters = cluster?.Levels,
            K = k,
            DfResidual = dfResid,
            Rss = rss,
            R2 = r2,
            R2Adjusted = 1 - (1 - r2) * (n - 1) / (n - kFull),
            R2Within = r2Within,
            R2WithinAdjusted = 1 - (1 - r2Within) * (n - 1 - feLevels) / (n - kFull),
            F = WaldF(beta, vcov, slopeIdx),
            MeanY = mean,
            FDf1 = slopeIdx.Length,
            VcovKind = input.Vcov,
            Residuals = resid,
        };
    }

    /// <summary>
    /// The model after dropping singletons and absorbing the fixed effects: the kept observations, their
    /// factors and clusters, and the demeaned outcome and regressors (with a constant column appended when
    /// there are no fixed effects). Shared by <see cref="Fit(RegressionInput)"/> and the wild bootstrap, so
    /// both work on the same sample.
    /// </summary>
    internal static AbsorbedModel Absorb(RegressionInput input, bool allowExactDemeaning = true)
    {
        var n0 = input.Y.Length;
        Validate(input, n0);
        var keep = input.FixedEffects.Count > 0 && input.DropSingletons ? NonSingletons(input.FixedEffects, n0) : null;
        var y = Subset(input.Y, keep);
        var n = y.Length;
        var xs = input.X.Select(c => Subset(c, keep)).ToList();
        var names = input.XNames.ToList();
        var factors = input.FixedEffects.Select(f => new FactorIndex(Subset(f, keep))).ToList();
        var cluster = input.Cluster is null ? null : new FactorIndex(Subset(input.Cluster, keep));
        if (input.Vcov == VcovKind.Cluster && cluster is null) throw new ArgumentException("clustered variance needs cluster labels");
        if (factors.Count == 0)
        {
            xs.Add(Enumerable.Repeat(1.0, n).ToArray());
            names.Add(Constant);
        }
        var demeaner = new Demeaner(factors, allowExactDemeaning);
        var yd = demeaner.Demean(y);
        var xd = xs.Select(c => demeaner.Demean(c)).ToList();
        return new AbsorbedModel(y, yd, xd, names, factors, cluster, keep, demeaner);
    }

    /// <summary>
    /// reghdfe's parameter counts: K of the small-sample factor (slopes, the constant, and the levels of each
    /// fixed effect not nested in the cluster variable, less one each and less the extra connected components
    /// of the second), the full count with every fixed effect, and the fixed-effect levels alone.
    /// </summary>
    internal static (int K, int KFull, int FeLevels) DegreesOfFreedom(IReadOnlyList<FactorIndex> factors, FactorIndex? cluster, VcovKind vcov, int slopes)
    {
        var feLevels = 0;   // Σ (levels - 1 - extra redundancy), every fixed effect counted
        var feInK = 0;      // the same, but zero for fixed effects nested in the cluster
        for (var g = 0; g < factors.Count; g++)
        {
            var extra = g == 1 ? FactorIndex.ConnectedComponents(factors[0], factors[1]) - 1 : 0;
            var df = factors[g].Levels - 1 - extra;
            feLevels += df;
            var nested = vcov == VcovKind.Cluster && factors[g].NestedIn(cluster!);
            if (!nested) feInK += df;
        }
        return (slopes + 1 + feInK, slopes + 1 + feLevels, feLevels);
    }

    private static void Validate(RegressionInput input, int n)
    {
        if (input.X.Count != input.XNames.Count) throw new ArgumentException("X and XNames differ in length");
        if (input.X.Any(c => c.Length != n) || input.FixedEffects.Any(f => f.Length != n) || (input.Cluster is { } cl && cl.Length != n))
            throw new ArgumentException("all columns must have the length of Y");
        if (input.Y.Any(v => !double.IsFinite(v)) || input.X.Any(c => c.Any(v => !double.IsFinite(v))))
            throw new ArgumentException("missing or infinite values: drop incomplete observations before fitting");
    }

    /// <summary>Observations that are not alone in a group of any fixed effect, removing repeatedly.</summary>
    private static bool[] NonSingletons(IReadOnlyList<int[]> fes, int n)
    {
        var keep = Enumerable.Repeat(true, n).ToArray();
        bool changed;
        do
        {
            changed = false;
            foreach (var fe in fes)
            {
                var counts = new Dictionary<int, int>();
                for (var i = 0; i < n; i++) if (keep[i]) counts[fe[i]] = counts.GetValueOrDefault(fe[i]) + 1;
                for (var i = 0; i < n; i++)
                    if (keep[i] && counts[fe[i]] == 1) { keep[i] = false; changed = true; }
            }
        } while (changed);
        return keep;
    }

    private static T[] Subset<T>(T[] values, bool[]? keep)
    {
        if (keep is null) return (T[])values.Clone();
        var result = new List<T>(values.Length);
        for (var i = 0; i < values.Length; i++) if (keep[i]) result.Add(values[i]);
        return [.. result];
    }

    /// <summary>Greedy Cholesky pass: a column whose pivot falls below the tolerance is collinear with earlier ones.</summary>
    internal static (List<int> Kept, List<string> Omitted) SelectIndependent(List<double[]> xd, List<string> names)
    {
        var kept = new List<int>();
        var omitted = new List<string>();
        var l = new List<double[]>(); // rows of the Cholesky factor of the kept columns
        for (var j = 0; j < xd.Count; j++)
        {
            var col = xd[j];
            var dots = kept.Select(k => Dot(xd[k], col)).ToArray();
            var self = Dot(col, col);
            // Solve L z = dots, pivot² = self - |z|².
            var z = new double[kept.Count];
            for (var r = 0; r < kept.Count; r++)
            {
                var s = dots[r];
                for (var c = 0; c < r; c++) s -= l[r][c] * z[c];
                z[r] = s / l[r][r];
            }
            var pivot2 = self - z.Sum(v => v * v);
            if (self <= 0 || pivot2 <= CollinearityTolerance * self)
            {
                omitted.Add(names[j]);
                continue;
            }
            var row = new double[kept.Count + 1];
            Array.Copy(z, row, z.Length);
            row[^1] = Math.Sqrt(pivot2);
            l.Add(row);
            kept.Add(j);
        }
        return (kept, omitted);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Inverse of a symmetric positive-definite matrix through its Cholesky factor.</summary>
    internal static double[,] SymmetricInverse(double[,] a)
    {
        var p = a.GetLength(0);
        var l = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (s <= 0) throw new InvalidOperationException("matrix is not positive definite");
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        // Invert L, then A⁻¹ = L⁻ᵀ L⁻¹.
        var li = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            li[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                double s = 0;
                for (var k = j; k < i; k++) s -= l[i, k] * li[k, j];
                li[i, j] = s / l[i, i];
            }
        }
        var inv = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                double s = 0;
                for (var k = i; k < p; k++) s += li[k, i] * li[k, j];
                inv[i, j] = inv[j, i] = s;
            }
        return inv;
    }

    private static double[,] Meat(List<double[]> xd, List<int> kept, double[] resid, FactorIndex? cluster)
    {
        var p = kept.Count;
        var meat = new double[p, p];
        if (cluster is null)
        {
            for (var i = 0; i < resid.Length; i++)
            {
                var e2 = resid[i] * resid[i];
                for (var a = 0; a < p; a++)
                    for (var b = 0; b <= a; b++) meat[a, b] += e2 * xd[kept[a]][i] * xd[kept[b]][i];
            }
        }
        else
        {
            var scores = new double[cluster.Levels, p];
            for (var i = 0; i < resid.Length; i++)
                for (var a = 0; a < p; a++) scores[cluster.Codes[i], a] += xd[kept[a]][i] * resid[i];
            for (var g = 0; g < cluster.Levels; g++)
                for (var a = 0; a < p; a++)
                    for (var b = 0; b <= a; b++) meat[a, b] += scores[g, a] * scores[g, b];
        }
        for (var a = 0; a < p; a++)
            for (var b = 0; b < a; b++) meat[b, a] = meat[a, b];
        return meat;
    }

    private static double[,] Sandwich(double[,] bread, double[,] meat, double factor)
    {
        var p = bread.GetLength(0);
        var tmp = new double[p, p];
        var v = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
            {
                double s = 0;
                for (var k = 0; k < p; k++) s += bread[i, k] * meat[k, j];
                tmp[i, j] = s;
            }
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
            {
                double s = 0;
                for (var k = 0; k < p; k++) s += tmp[i, k] * bread[k, j];
                v[i, j] = s * factor;
            }
        return v;
    }

    private static double[,] Scale(double[,] m, double factor)
    {
        var r = (double[,])m.Clone();
        for (var i = 0; i < r.GetLength(0); i++)
            for (var j = 0; j < r.GetLength(1); j++) r[i, j] *= factor;
        return r;
    }

    private static double WaldF(double[] beta, double[,] vcov, int[] idx)
    {
        if (idx.Length == 0) return double.NaN;
        var sub = new double[idx.Length, idx.Length];
        for (var a = 0; a < idx.Length; a++)
            for (var b = 0; b < idx.Length; b++) sub[a, b] = vcov[idx[a], idx[b]];
        double[,] inv;
        try { inv = SymmetricInverse(sub); }
        catch (InvalidOperationException) { return double.NaN; }
        double w = 0;
        for (var a = 0; a < idx.Length; a++)
            for (var b = 0; b < idx.Length; b++) w += beta[idx[a]] * inv[a, b] * beta[idx[b]];
        return w / idx.Length;
    }
}
