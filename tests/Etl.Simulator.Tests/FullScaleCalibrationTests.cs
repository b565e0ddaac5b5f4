using Etl.Testing;

namespace Etl.Simulator.Tests;

/// <summary>
/// The calibration also holds at national volume (scale 1), where the patent counts, and so dig_real and
/// digital_patent, differ from the default scale's. Slow (it plans every integrated application of the
/// national corpus): run by <c>make test-slow</c>.
/// </summary>
public class FullScaleCalibrationTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_studys_estimates_hold_on_the_full_scale_truth_panel()
    {
        using var dir = new TempDirectory("sim-full");
        var corpus = CorpusSimulator.Prepare(RepoPaths.LoadedMappings, new SimulatorOptions(dir.File("raw"), dir.File("truth"), SimulatorOptions.DefaultSeed, 1.0));
        var c = corpus.Calibration;
        Assert.InRange(c.Beta, 3.599 * 0.995, 3.599 * 1.005);
        Assert.InRange(c.A, 6.146 * 0.995, 6.146 * 1.005);
        Assert.InRange(c.B, 0.114 * 0.995, 0.114 * 1.005);
        Assert.InRange(c.SobelZ, 7.6, 8.6);
        Assert.True(c.Groups["east"].Estimate > c.Groups["central"].Estimate && c.Groups["east"].Estimate > c.Groups["west"].Estimate);
        Assert.True(Math.Abs(c.Groups["NW"].T) < 1.65, $"north-west t = {c.Groups["NW"].T}");
        Assert.True(c.Groups["SE"].T > 2.6);
    }
}
