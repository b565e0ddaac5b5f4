using Etl.Estimation.Engine;
using Etl.Testing;

namespace Etl.Estimation.Tests;

/// <summary>The warehouse is the only contract between the ETL and the estimation.</summary>
public class ArchitectureTests
{
    /// <summary>The only project assemblies the estimation may depend on, directly or transitively.</summary>
    private static readonly string[] s_allowed = ["Etl.Estimation", "Etl.Domain"];

    [Fact]
    public void Estimation_references_no_ingestion_patent_or_pipeline_code()
    {
        foreach (var (from, to) in ProjectReferences.Compiled(typeof(FixedEffectsRegression).Assembly))
            Assert.True(s_allowed.Contains(to), $"{from} references {to}; estimation may only read the warehouse");
    }

    [Fact]
    public void The_project_file_references_no_other_project() =>
        Assert.All(ProjectReferences.Declared("Etl.Estimation"), r => Assert.Contains(r, s_allowed));
}
