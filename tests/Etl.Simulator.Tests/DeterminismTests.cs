using Etl.Simulator;
using Etl.Testing;

namespace Etl.Simulator.Tests;

public class DeterminismTests
{
    private static Dictionary<string, byte[]> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Fact]
    public void Same_seed_and_scale_give_byte_identical_files()
    {
        using var a = new TempDirectory("sim-a");
        using var b = new TempDirectory("sim-b");
        foreach (var d in new[] { a, b })
            CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(d.File("raw"), d.File("truth"), 7, 0.0005), TextWriter.Null);
        var sa = Snapshot(a.Path);
        var sb = Snapshot(b.Path);
        Assert.Equal(sa.Keys.Order(StringComparer.Ordinal), sb.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in sa) Assert.True(bytes.AsSpan().SequenceEqual(sb[file]), $"{file} differs between runs");
    }

    [Fact]
    public void The_truth_folder_may_not_lie_inside_the_raw_folder()
    {
        using var d = new TempDirectory("sim-c");
        var e = Assert.Throws<ArgumentException>(() =>
            CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(d.Path, d.File("truth"), 7, 0.0005), TextWriter.Null));
        Assert.Contains("truth", e.Message);
    }
}
