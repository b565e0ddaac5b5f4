using System.Text;
using Etl.Simulator;

namespace Etl.Testing;

/// <summary>
/// A simulated raw corpus and its truth, written once per test assembly into a temporary folder (default
/// seed, the calibrated world). Test classes share it through an xunit collection fixture.
/// </summary>
public class SimulatedCorpus : IDisposable
{
    private readonly TempDirectory _dir = new("corpus");

    /// <summary>Writes the corpus at <paramref name="scale"/>; without patents when <paramref name="patents"/> is false.</summary>
    protected SimulatedCorpus(double scale, bool patents)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Raw = Path.Combine(_dir.Path, "raw");
        Truth = Path.Combine(_dir.Path, "truth");
        Scale = scale;
        CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(Raw, Truth, SimulatorOptions.DefaultSeed, scale) { WritePatents = patents }, TextWriter.Null);
    }

    /// <summary>The raw folder (yearbook/, bulletins/, patents/).</summary>
    public string Raw { get; }

    /// <summary>The truth folder.</summary>
    public string Truth { get; }

    /// <summary>The patent scale the corpus was written at.</summary>
    public double Scale { get; }

    /// <summary>A truth table, read with CsvHelper.</summary>
    public TruthTable Table(string name) => TruthTable.Read(Path.Combine(Truth, name));

    /// <inheritdoc />
    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
