namespace Etl.Simulator.Writers.Patents;

/// <summary>Located inventions of one unit-year as a correct patent stage counts them.</summary>
internal sealed class UnitYearTruth
{
    public long Inventions { get; set; }
    public long Digital { get; set; }
    public long Integrated { get; set; }
    public long RealOnly { get; set; }
    public long[] Technologies { get; } = new long[7];
    public SortedDictionary<string, (long Integrated, long RealOnly)> Industries { get; } = new(StringComparer.Ordinal);

    public void Add(UnitYearTruth other)
    {
        Inventions += other.Inventions;
        Digital += other.Digital;
        Integrated += other.Integrated;
        RealOnly += other.RealOnly;
        for (var i = 0; i < 7; i++) Technologies[i] += other.Technologies[i];
        foreach (var (k, v) in other.Industries)
        {
            var cur = Industries.GetValueOrDefault(k);
            Industries[k] = (cur.Integrated + v.Integrated, cur.RealOnly + v.RealOnly);
        }
    }
}

/// <summary>What one export file holds: rows read and how each is settled.</summary>
internal sealed class PatentFileTruth
{
    public required string File { get; init; }
    public long Rows { get; set; }
    public long Loaded { get; set; }
    public SortedDictionary<string, long> Excluded { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> Quarantined { get; } = new(StringComparer.Ordinal);

    public void Exclude(string rule) => Excluded[rule] = Excluded.GetValueOrDefault(rule) + 1;

    public void Quarantine(string reason) => Quarantined[reason] = Quarantined.GetValueOrDefault(reason) + 1;
}
