namespace Etl.Patents.Aggregation;

/// <summary>A located, kept application as the record index stores it (for lineage).</summary>
/// <param name="File">Index of the export in the stage's file order.</param>
/// <param name="Line">Line the record starts on.</param>
/// <param name="Key">Application number digits (the de-duplication key).</param>
/// <param name="Unit">Unit code.</param>
/// <param name="Year">Application year.</param>
/// <param name="Flags">Class flags (<see cref="RecordBatch.DigitalFlag"/>, ...).</param>
/// <param name="Technologies">KDT technologies, bit t-1 for technology t.</param>
public readonly record struct KeptRecord(int File, long Line, long Key, int Unit, int Year, byte Flags, byte Technologies);

/// <summary>Receives every kept application, in file and line order.</summary>
public interface IKeptRecordSink
{
    /// <summary>One kept application, with the real-economy industries it touches (indices into the stage's industry list) and its confirmed KDT branches (indices into the branch table).</summary>
    void Add(in KeptRecord record, ReadOnlySpan<ushort> industries, ReadOnlySpan<ushort> branches);
}

/// <summary>
/// Folds classified records into city-year counts, strictly in file order and line order, on one thread:
/// an application number seen before is a second publication of the same application and is excluded
/// (<c>duplicate_application</c>); the first record of an application is the one counted, whichever thread
/// read it and when.
/// </summary>
internal sealed class Aggregator
{
    private readonly LongSet _seen;
    private readonly IKeptRecordSink? _sink;

    public Aggregator(string[] industries, long expectedRecords, IKeptRecordSink? sink)
    {
        Result = new PatentAggregates(industries);
        _seen = new LongSet(expectedRecords);
        _sink = sink;
    }

    public PatentAggregates Result { get; }

    /// <summary>Folds a batch of file <paramref name="file"/>; returns (kept, duplicates).</summary>
    public (long Kept, long Duplicates) Add(int file, RecordBatch batch)
    {
        long kept = 0, duplicates = 0;
        var extra = batch.Extra;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!_seen.Add(batch.Key[i])) { duplicates++; continue; }
            kept++;
            int unit = batch.Unit[i], year = batch.Year[i];
            var flags = batch.Flags[i];
            if (!Result.Units.TryGetValue((unit, year), out var c)) Result.Units[(unit, year)] = c = new UnitYearCounts(Result.Industries.Length);
            if (!Result.National.TryGetValue(year, out var n)) Result.National[year] = n = new NationalCounts();
            c.Inventions++;
            n.Located++;
            var p = batch.ExtraStart[i];
            var industries = extra[p];
            var branchStart = p + 1 + industries;
            var branches = extra[branchStart];
            var integrated = (flags & RecordBatch.IntegratedFlag) != 0;
            if ((flags & RecordBatch.DigitalFlag) != 0)
            {
                c.Digital++;
                var tech = batch.Technologies[i];
                for (var t = 0; t < 7; t++) if ((tech & (1 << t)) != 0) c.Technologies[t]++;
            }
            if (integrated) { c.Integrated++; n.Integrated++; }
            if ((flags & RecordBatch.RealOnlyFlag) != 0) { c.RealOnly++; n.RealOnly++; }
            for (var k = 0; k < industries; k++)
            {
                var ind = extra[p + 1 + k];
                if (integrated) c.IndustryIntegrated[ind]++;
                else c.IndustryRealOnly[ind]++;
            }
            if (integrated)
            {
                var d = branchStart + 1 + branches;
                int digitalCount = extra[d], realStart = d + 1 + digitalCount, realCount = extra[realStart];
                for (var a = 0; a < digitalCount; a++)
                {
                    var ds = extra[d + 1 + a];
                    n.DigitalSubclasses.Add(ds);
                    for (var b = 0; b < realCount; b++) c.Pairs.Add((ds << 16) | extra[realStart + 1 + b]);
                }
                for (var b = 0; b < realCount; b++) n.RealSubclasses.Add(extra[realStart + 1 + b]);
            }
            if (_sink is not null)
            {
                var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(extra);
                _sink.Add(new KeptRecord(file, batch.Line[i], batch.Key[i], unit, year, flags, batch.Technologies[i]),
                    all.Slice(p + 1, industries), all.Slice(branchStart + 1, branches));
            }
        }
        return (kept, duplicates);
    }
}
