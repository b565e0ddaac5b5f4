using Etl.Estimation.Design;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;
using Etl.Testing;

namespace Etl.Estimation.Tests.Fixtures;

/// <summary>The fixture panel written once into a temporary warehouse, with helpers to build model designs on it.</summary>
public sealed class FixtureDatabase : IDisposable
{
    private readonly TempDirectory _dir = new("est-fixture");

    public FixtureDatabase()
    {
        Path = _dir.File("warehouse.db");
        PanelFixture.Write(Path, PanelFixture.Rows());
        Panel = PanelReader.Read(Path);
    }

    /// <summary>The warehouse file.</summary>
    public string Path { get; }

    internal PanelTable Panel { get; }

    /// <summary>A two-way (or other) clustered model on the fixture panel.</summary>
    internal ModelDesign Design(string outcome, string[] regressors, string[]? fixedEffects = null, SampleFilter? sample = null) =>
        DesignBuilder.Build(Panel, new ModelSpec("m", "t", "(1)", TermParser.Parse(outcome), regressors.Select(TermParser.Parse).ToList(),
            fixedEffects ?? ["city_code", "year"], "city_code", Engine.VcovKind.Cluster, sample ?? SampleFilter.All, "{}"));

    internal static SampleFilter Where(string column, params string[] values) => new([new FilterCondition(column, values, null, null)]);

    public void Dispose() => _dir.Dispose();
}
