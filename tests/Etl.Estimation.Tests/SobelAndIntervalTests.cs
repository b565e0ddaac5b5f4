using Etl.Estimation.Inference;

namespace Etl.Estimation.Tests;

public class SobelAndIntervalTests
{
    [Fact]
    public void Sobel_Z_by_hand()
    {
        // a = 2 (SE 0.5), b = 3 (SE 1): Z = 6 / √(9·0.25 + 4·1) = 6 / 2.5 = 2.4; p = 2(1 - Φ(2.4)) = 2·0.0081975359 = 0.0163950718.
        var (z, p) = Sobel.Test(2, 0.5, 3, 1);
        Assert.Equal(2.4, z, 1e-12);
        Assert.Equal(0.0163950718, p, 1e-9);
        var (zNeg, pNeg) = Sobel.Test(-2, 0.5, 3, 1);
        Assert.Equal(-2.4, zNeg, 1e-12);
        Assert.Equal(p, pNeg, 1e-15);
    }

    [Fact]
    public void Difference_z_test_by_hand()
    {
        // (3 - 1) / √(0.3² + 0.4²) = 2 / 0.5 = 4; p = 2(1 - Φ(4)) = 6.3342e-5.
        var (z, p) = DifferenceZTest.Test(3, 0.3, 1, 0.4);
        Assert.Equal(4, z, 1e-12);
        Assert.Equal(6.3342e-5, p, 1e-8);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        var x = Enumerable.Range(1, 101).Select(i => (double)i).ToArray();
        // h = 100·0.025 = 2.5 → x(3) + 0.5·(x(4) - x(3)) in 1-based terms: 3.5.
        Assert.Equal(3.5, BootstrapIntervals.Quantile(x, 0.025), 1e-12);
        Assert.Equal(98.5, BootstrapIntervals.Quantile(x, 0.975), 1e-12);
        Assert.Equal(1, BootstrapIntervals.Quantile(x, 0));
        Assert.Equal(101, BootstrapIntervals.Quantile(x, 1));
        var ci = BootstrapIntervals.Percentile(x, 0.95);
        Assert.Equal(3.5, ci.Low, 1e-12);
        Assert.Equal(98.5, ci.High, 1e-12);
    }

    [Fact]
    public void Bias_corrected_interval_equals_the_percentile_interval_when_the_correction_is_zero()
    {
        // Skewed replicates with exactly half below the estimate: z0 = Φ⁻¹(0.5) = 0.
        var draws = Enumerable.Range(0, 1000).Select(i => i < 500 ? i * 0.001 : 0.5 + (i - 500) * (i - 500) * 1e-5).Order().ToArray();
        var estimate = (draws[499] + draws[500]) / 2;
        Assert.Equal(0, BootstrapIntervals.BiasCorrection(draws, estimate), 1e-15);
        var percentile = BootstrapIntervals.Percentile(draws, 0.95);
        var bc = BootstrapIntervals.BiasCorrected(draws, estimate, 0.95);
        // Equal up to the rounding of Φ(Φ⁻¹(0.025)).
        Assert.Equal(percentile.Low, bc.Low, 1e-12);
        Assert.Equal(percentile.High, bc.High, 1e-12);
    }

    [Fact]
    public void Bias_corrected_interval_shifts_with_the_share_below_the_estimate()
    {
        // 600 of 1000 below: z0 = Φ⁻¹(0.6) = 0.2533471; bounds at Φ(2z0 ∓ 1.959964) = Φ(-1.4532698) = 0.0730744 and Φ(2.4666582) = 0.9931810.
        var draws = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        var ci = BootstrapIntervals.BiasCorrected(draws, 599.5, 0.95);
        Assert.Equal(0.2533471, BootstrapIntervals.BiasCorrection(draws, 599.5), 1e-6);
        Assert.Equal(999 * 0.0730744, ci.Low, 1e-3);
        Assert.Equal(999 * 0.9931810, ci.High, 1e-3);
        // Every replicate above the estimate: z0 = -∞ and the interval is undefined, not made up.
        Assert.True(double.IsNaN(BootstrapIntervals.BiasCorrected(draws, -1, 0.95).Low));
    }
}
