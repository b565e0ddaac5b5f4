using Etl.Testing;

namespace Etl.Simulator.Tests;

/// <summary>
/// The corpus that tests the pipeline and the estimator must not be made by them: the simulator calibrates
/// with its own fitter and computes the truth's dig_real with its own implementation of the formula.
/// </summary>
public class IndependenceTests
{
    /// <summary>Project assemblies the simulator may depend on, directly or transitively.</summary>
    private static readonly string[] s_allowed = ["Etl.Simulator", "Etl.Domain", "Etl.Fetch"];

    [Fact]
    public void The_simulator_references_no_parser_pipeline_or_estimation_code()
    {
        foreach (var (from, to) in ProjectReferences.Compiled(typeof(CorpusSimulator).Assembly))
            Assert.True(s_allowed.Contains(to), $"{from} references {to}");
        Assert.All(ProjectReferences.Declared("Etl.Simulator"), r => Assert.Contains(r, s_allowed));
    }

    [Fact]
    public void The_truth_index_is_not_the_pipelines_index_code()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Etl.Simulator"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("Etl.Domain.Index", StringComparison.Ordinal) || text.Contains("IntegrationIndex", StringComparison.Ordinal),
                $"{Path.GetFileName(file)} uses the pipeline's index code");
        }
    }

    /// <summary>The worked example of src/Etl.Domain/Index/README.md, computed by hand there.</summary>
    [Fact]
    public void The_truth_index_reproduces_the_worked_example()
    {
        var aggregates = new Dictionary<(int, int), World.PlannedAggregate>
        {
            [(110000, 2020)] = new(4, 6, new Dictionary<string, long> { ["C10"] = 2, ["C28"] = 3 }, 3),
            [(110000, 2021)] = new(6, 4, new Dictionary<string, long> { ["C10"] = 2, ["C28"] = 3, ["C29"] = 1 }, 4),
            [(120000, 2020)] = new(1, 9, new Dictionary<string, long> { ["C28"] = 1 }, 1),
            [(120000, 2021)] = new(2, 8, new Dictionary<string, long> { ["C28"] = 2 }, 1),
            [(130100, 2020)] = new(0, 5, new Dictionary<string, long>(), 0),
            [(130100, 2021)] = new(1, 4, new Dictionary<string, long> { ["C20"] = 1 }, 1),
        };
        var national = new Dictionary<int, World.PlannedNational> { [2020] = new(5, 20, 3, 4), [2021] = new(9, 16, 3, 5) };
        var index = World.TruthIndex.Compute(aggregates.Keys, aggregates, national);
        var expected = new Dictionary<(int, int), double>
        {
            [(110000, 2020)] = 80.5565032064, [(110000, 2021)] = 97.1712432164, [(120000, 2020)] = 16.7279281237,
            [(120000, 2021)] = 17.1826629500, [(130100, 2020)] = 0, [(130100, 2021)] = 12.1103148234,
        };
        foreach (var v in index.Values) Assert.Equal(expected[(v.Unit, v.Year)], v.Index, 8);
        double[] weights = [0.131929, 0.523426, 0.169725, 0.174920];
        for (var j = 0; j < 4; j++) Assert.Equal(weights[j], index.Weights[j], 1e-6); // the README prints six decimals
    }
}
