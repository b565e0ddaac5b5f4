namespace Etl.Simulator;

/// <summary>Settings of one simulated corpus.</summary>
/// <param name="OutputDirectory">The raw folder to write (yearbook/, bulletins/, patents/).</param>
/// <param name="TruthDirectory">Where the truth panel and expected counts go (never inside the raw folder).</param>
/// <param name="Seed">Corpus seed: same seed and scale give byte-identical files.</param>
/// <param name="Scale">Patent volume relative to the national one (1 ≈ 18 million invention applications).</param>
public sealed record SimulatorOptions(string OutputDirectory, string TruthDirectory, ulong Seed, double Scale)
{
    /// <summary>Default corpus seed (the one the calibration targets are stated for).</summary>
    public const ulong DefaultSeed = 20240601;

    /// <summary>Cities the default world keeps in the balanced panel.</summary>
    public int TargetPanelCities { get; init; } = 198;

    /// <summary>Degree of parallelism for writing files.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Write the patent exports (false writes yearbooks, bulletins and truth only; for fast tests).</summary>
    public bool WritePatents { get; init; } = true;
}
