using System.Text;
using Etl.Simulator;
using Etl.Testing;

namespace Etl.Simulator.Tests;

/// <summary>One small corpus (default seed) written once for all tests of the collection.</summary>
public sealed class CorpusFixture : IDisposable
{
    /// <summary>Scale small enough for the default test suite; the calibration holds at any scale.</summary>
    public const double Scale = 0.002;

    private readonly TempDirectory _dir = new("sim");

    public CorpusFixture()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Raw = Path.Combine(_dir.Path, "raw");
        Truth = Path.Combine(_dir.Path, "truth");
        Summary = CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(Raw, Truth, SimulatorOptions.DefaultSeed, Scale), TextWriter.Null);
    }

    public string Raw { get; }

    public string Truth { get; }

    public string Summary { get; }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition("corpus")]
public sealed class CorpusCollection : ICollectionFixture<CorpusFixture>;
