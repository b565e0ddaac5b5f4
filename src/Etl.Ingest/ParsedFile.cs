using Etl.Domain.Staging;

namespace Etl.Ingest;

/// <summary>What a parser made of one file: its outcome counts, staged facts and quarantined items.</summary>
public sealed class ParsedFile(FileOutcome outcome)
{
    /// <summary>Counts of the file.</summary>
    public FileOutcome Outcome { get; } = outcome;

    /// <summary>Staged facts in the order they were read.</summary>
    public List<StagedFact> Facts { get; } = [];

    /// <summary>Quarantined rows, values, or the whole file.</summary>
    public List<QuarantineItem> Quarantine { get; } = [];
}
