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

    /// <summary>
    /// Rejects the whole file as one item: quarantined with <paramref name="reason"/> and a detail for people,
    /// or, when <paramref name="quarantine"/> is false, excluded by the rule of that name.
    /// </summary>
    public ParsedFile Reject(string reason, string detail, bool quarantine = true)
    {
        Outcome.Read = 1;
        Outcome.Loaded = 0;
        Outcome.Excluded.Clear();
        Outcome.Quarantined.Clear();
        Facts.Clear();
        Quarantine.Clear();
        Outcome.Rejection = reason;
        if (quarantine)
        {
            Outcome.Quarantine(reason);
            Quarantine.Add(new QuarantineItem(Outcome.Kind, Outcome.File, "", reason, detail));
        }
        else
        {
            Outcome.Exclude(reason);
            Outcome.Note = detail;
        }
        return this;
    }
}
