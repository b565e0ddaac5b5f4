using Etl.Estimation.Design;

namespace Etl.Estimation.Tests;

public class TransformTests
{
    [Fact]
    public void Log1p_is_accurate_for_small_arguments_and_missing_at_minus_one()
    {
        // ln(1 + x) = x - x²/2 + x³/3 - ...; for x = 1e-10 the second term is 5e-21.
        Assert.Equal(1e-10 - 5e-21, Transforms.Log1p(1e-10), 1e-24);
        Assert.Equal(1.0, Transforms.Log1p(Math.E - 1), 1e-15);
        Assert.Equal(Math.Log(101), Transforms.Log1p(100), 1e-13);
        Assert.Equal(0.0, Transforms.Log1p(0));
        Assert.True(double.IsNaN(Transforms.Log1p(-1)));
        Assert.True(double.IsNaN(Transforms.Log1p(double.NaN)));
    }

    [Fact]
    public void Log_is_missing_for_non_positive_values()
    {
        Assert.Equal(Math.Log(2.5), Transforms.Log(2.5));
        Assert.True(double.IsNaN(Transforms.Log(0)));
        Assert.True(double.IsNaN(Transforms.Log(-3)));
    }

    [Fact]
    public void Percentiles_follow_Stata_definition()
    {
        var x = Enumerable.Range(1, 150).Select(i => (double)i).ToArray();
        // n·p/100 = 1.5: j = 1, g > 0, so x(2); for p = 99: 148.5, so x(149).
        Assert.Equal(2, Transforms.Percentile(x, 1));
        Assert.Equal(149, Transforms.Percentile(x, 99));
        var ten = Enumerable.Range(1, 10).Select(i => (double)(i * i)).ToArray(); // 1, 4, 9, ..., 100
        // n·p/100 = 1 exactly: g = 0, so the mean of x(1) and x(2); p = 50: mean of x(5) and x(6).
        Assert.Equal(2.5, Transforms.Percentile(ten, 10));
        Assert.Equal(30.5, Transforms.Percentile(ten, 50));
        Assert.Equal(1, Transforms.Percentile(ten, 0));
        Assert.Equal(100, Transforms.Percentile(ten, 100));
        // 2970 observations: 29.7 → x(30) and 2940.3 → x(2941).
        var big = Enumerable.Range(1, 2970).Select(i => (double)i).ToArray();
        Assert.Equal(30, Transforms.Percentile(big, 1));
        Assert.Equal(2941, Transforms.Percentile(big, 99));
    }

    [Fact]
    public void Winsorising_clips_to_the_sample_percentiles_only()
    {
        // Sample: rows 0-9 (values 1..10), row 10 (1000) is outside the sample.
        double[] values = [5, 1, 2, 3, 4, 10, 6, 7, 8, 9, 1000];
        var sample = values.Select((_, i) => i < 10).ToArray();
        // n = 10, p = 10: n·p/100 = 1 → (x(1) + x(2)) / 2 = 1.5; p = 90: 9 → (x(9) + x(10)) / 2 = 9.5.
        var w = Transforms.Winsorize(values, sample, 10, 90);
        Assert.Equal([5, 1.5, 2, 3, 4, 9.5, 6, 7, 8, 9, 9.5], w);
    }
}
