using Etl.Testing;

namespace Etl.Simulator.Tests;

/// <summary>
/// The calibration at national volume (scale 1), where the patent counts, and so dig_real and
/// digital_patent, differ from the default scale's. Slow (it plans every integrated application of the
/// national corpus): run by <c>make test-slow</c>. The bootstrap interval's upper bound is not reached;
/// the simulator README says why.
/// </summary>
public class FullScaleCalibrationTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_studys_estimates_hold_on_the_full_scale_truth_panel()
    {
        using var dir = new TempDirectory("sim-full");
        var corpus = CorpusSimulator.Prepare(RepoPaths.LoadedMappings, new SimulatorOptions(dir.File("raw"), dir.File("truth"), SimulatorOptions.DefaultSeed, 1.0));
        var f = corpus.Calibration.Figures;
        Assert.InRange(f.Beta.Estimate, 3.599 * 0.995, 3.599 * 1.005);
        Assert.InRange(f.A.Estimate, 6.146 * 0.995, 6.146 * 1.005);
        Assert.InRange(f.B.Estimate, 0.114 * 0.995, 0.114 * 1.005);
        Assert.InRange(f.SobelZ, 8.138 * 0.97, 8.138 * 1.03);
        Assert.InRange(f.Bootstrap.Low, 0.548 - 0.05, 0.548 + 0.05);
        Assert.True(f.WithinR2 < 0.95, $"within R2 {f.WithinR2}");
        Assert.True(f.MaxAbsT < 40, $"largest |t| {f.MaxAbsT}");
        Assert.True(f.Employment.Estimate > 0 && f.Employment.T > 2.6, $"employment t {f.Employment.T}");
        Assert.True(f.Lagged.Estimate > 0 && f.Lagged.T > 2.6, $"lagged t {f.Lagged.T}");
        Assert.True(f.LogForm.Estimate > 0 && f.LogForm.T > 2.6, $"log form t {f.LogForm.T}");
        Assert.True(f.Winsorised.Estimate > 0 && f.Winsorised.T > 2.6, $"winsorised t {f.Winsorised.T}");
        var g = f.Groups;
        Assert.True(g["east"].Fit.Estimate > g["central"].Fit.Estimate && g["east"].Fit.Estimate > g["west"].Fit.Estimate);
        Assert.True(g["central"].Fit.T > 2.0 && g["west"].Fit.T > 2.0);
        Assert.True(g["SE"].Fit.T > 2.6);
        Assert.True(Math.Abs(g["NW"].Fit.T) < 1.65, $"north-west t = {g["NW"].Fit.T}");
    }
}
