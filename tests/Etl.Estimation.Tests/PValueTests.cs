using Etl.Estimation.Inference;

namespace Etl.Estimation.Tests;

/// <summary>p-values far in the tail, against R (2*pt(-|t|, df), 2*pnorm(-|z|)).</summary>
public class PValueTests
{
    [Theory]
    [InlineData(20, 100, 9.9942678613369446e-37)]
    [InlineData(-20, 197, 2.5792670821730859e-49)]
    [InlineData(9, 100, 1.5360770514750298e-14)]
    public void A_t_statistic_far_out_keeps_its_tail(double t, double df, double r) =>
        Assert.Equal(r, PValues.StudentT(t, df), r * 1e-9);

    [Fact]
    public void A_normal_statistic_far_out_keeps_its_tail() =>
        Assert.Equal(5.5072482372124675e-89, PValues.Normal(20), 5.5072482372124675e-89 * 1e-9);
}
