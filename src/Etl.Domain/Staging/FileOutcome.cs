namespace Etl.Domain.Staging;

/// <summary>
/// What became of one raw file. The unit of <see cref="Read"/> depends on the source: rows below the table
/// headers of a yearbook sheet, statements found on a bulletin page, records of a patent export. Every item
/// read is loaded, excluded by a named rule, or quarantined with a reason:
/// <c>Read = Loaded + Σ Excluded + Σ Quarantined</c>, checked by <see cref="Reconciles"/>.
/// </summary>
public sealed class FileOutcome
{
    /// <summary>Creates the outcome of <paramref name="file"/> (path relative to the raw root).</summary>
    public FileOutcome(SourceKind kind, string file, string sha256, long bytes)
    {
        Kind = kind;
        File = file;
        Sha256 = sha256;
        Bytes = bytes;
    }

    /// <summary>Source kind.</summary>
    public SourceKind Kind { get; }

    /// <summary>Path relative to the raw root, forward slashes.</summary>
    public string File { get; }

    /// <summary>SHA-256 of the file's bytes (lower-case hex).</summary>
    public string Sha256 { get; }

    /// <summary>File size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Text encoding the file was read in, and how it was determined (e.g. <c>gb18030 (meta)</c>).</summary>
    public string Encoding { get; set; } = "";

    /// <summary>What the file turned out to be about, for reports (e.g. the city and year of a bulletin).</summary>
    public string Note { get; set; } = "";

    /// <summary>Items read (see the class summary for the unit).</summary>
    public long Read { get; set; }

    /// <summary>Items loaded.</summary>
    public long Loaded { get; set; }

    /// <summary>Items excluded, by rule name.</summary>
    public SortedDictionary<string, long> Excluded { get; } = new(StringComparer.Ordinal);

    /// <summary>Items quarantined, by reason.</summary>
    public SortedDictionary<string, long> Quarantined { get; } = new(StringComparer.Ordinal);

    /// <summary>Staged facts (values) emitted.</summary>
    public long Facts { get; set; }

    /// <summary>
    /// Values looked at in loaded rows (yearbooks: the catalogue cells of city rows). Each is staged as a
    /// fact, counted missing, or rejected: <c>ValuesRead = Facts + MissingValues + Σ RejectedValues</c>.
    /// </summary>
    public long ValuesRead { get; set; }

    /// <summary>Values the source marks as missing (blank, …, —): recorded as missing, never as zero.</summary>
    public long MissingValues { get; set; }

    /// <summary>Values rejected one by one (the row itself is loaded), by reason.</summary>
    public SortedDictionary<string, long> RejectedValues { get; } = new(StringComparer.Ordinal);

    /// <summary>Null when the file was read; otherwise why it was rejected as a whole.</summary>
    public string? Rejection { get; set; }

    /// <summary>Counts one excluded item under <paramref name="rule"/>.</summary>
    public void Exclude(string rule, long count = 1) => Excluded[rule] = Excluded.GetValueOrDefault(rule) + count;

    /// <summary>Counts one quarantined item under <paramref name="reason"/>.</summary>
    public void Quarantine(string reason, long count = 1) => Quarantined[reason] = Quarantined.GetValueOrDefault(reason) + count;

    /// <summary>Counts one value rejected under <paramref name="reason"/>.</summary>
    public void RejectValue(string reason) => RejectedValues[reason] = RejectedValues.GetValueOrDefault(reason) + 1;

    /// <summary>Whether every item read and every value looked at is accounted for.</summary>
    public bool Reconciles =>
        Read == Loaded + Excluded.Values.Sum() + Quarantined.Values.Sum()
        && (ValuesRead == 0 || ValuesRead == Facts + MissingValues + RejectedValues.Values.Sum());
}
