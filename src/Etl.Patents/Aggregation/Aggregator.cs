namespace Etl.Patents.Aggregation;

/// <summary>A located, kept application as the record index stores it (for lineage).</summary>
/// <param name="File">Index of the export in the stage's file order.</param>
/// <param name="Line">Line the record starts on.</param>
/// <param name="Key">Application number digits (the de-duplication key).</param>
/// <param name="Unit">Unit code.</param>
/// <param name="Year">Application year.</param>
/// <param name="Flags">Class flags (<see cref="RecordBatch.DigitalFlag"/>, ...).</param>
/// <param name="Technologies">KDT technologies, bit t-1 for technology t.</param>
/// <param name="Slot">
/// The record's unit and year as a small dense number, the same for the same unit and year throughout one run of the
/// stage, so that a sink can keep per-unit-year state in an array instead of a dictionary; -1 for a duplicate, which
/// is not counted.
/// </param>
public readonly record struct KeptRecord(int File, long Line, long Key, int Unit, int Year, byte Flags, byte Technologies, int Slot);

/// <summary>Receives every kept application, in file and line order, all on one thread (not the caller's: see <see cref="SinkThread"/>).</summary>
public interface IKeptRecordSink
{
    /// <summary>One kept application, with the real-economy industries it touches (indices into the stage's industry list) and its confirmed KDT branches (indices into the branch table).</summary>
    void Add(in KeptRecord record, ReadOnlySpan<ushort> industries, ReadOnlySpan<ushort> branches);

    /// <summary>A later record of an application already kept (excluded as <c>duplicate_application</c>), so its content can be compared.</summary>
    void Duplicate(in KeptRecord record)
    {
    }
}

/// <summary>
/// Folds classified records into city-year counts, strictly in file order and line order, on one thread:
/// an application number seen before is a second publication of the same application and is excluded
/// (<c>duplicate_application</c>); the first record of an application is the one counted, whichever thread
/// read it and when. Each record's outcome is marked in the batch (<see cref="RecordBatch.Slot"/>), for
/// <see cref="Emit"/>.
/// </summary>
internal sealed class Aggregator
{
    private readonly ApplicationKeySet _seen = new();
    private readonly string[] _industries;

    // Dense tables: unit code -> index, then (index, year) -> counts; a city-year lookup is two array reads.
    private readonly int[] _unitIndex = new int[1_000_000];
    private readonly List<int> _units = [];
    private UnitYearCounts?[] _counts = new UnitYearCounts?[64 * Domain.PanelYears.Count];
    private readonly NationalCounts?[] _national = new NationalCounts?[Domain.PanelYears.Count];

    public Aggregator(string[] industries)
    {
        _industries = industries;
        Array.Fill(_unitIndex, -1);
    }

    /// <summary>The counts, keyed by unit and year.</summary>
    public PatentAggregates Result
    {
        get
        {
            var result = new PatentAggregates(_industries);
            for (var u = 0; u < _units.Count; u++)
                for (var t = 0; t < Domain.PanelYears.Count; t++)
                    if (_counts[u * Domain.PanelYears.Count + t] is { } c) result.Units[(_units[u], Domain.PanelYears.First + t)] = c;
            for (var t = 0; t < Domain.PanelYears.Count; t++)
                if (_national[t] is { } n) result.National[Domain.PanelYears.First + t] = n;
            return result;
        }
    }

    /// <summary>The dense slot of a unit and year (see <see cref="KeptRecord.Slot"/>).</summary>
    private int Slot(int unit, int year)
    {
        var u = _unitIndex[unit];
        if (u < 0)
        {
            _unitIndex[unit] = u = _units.Count;
            _units.Add(unit);
            if ((u + 1) * Domain.PanelYears.Count > _counts.Length) Array.Resize(ref _counts, _counts.Length * 2);
        }
        return u * Domain.PanelYears.Count + (year - Domain.PanelYears.First);
    }

    /// <summary>Folds a batch of file <paramref name="file"/>; returns (kept, duplicates).</summary>
    public (long Kept, long Duplicates) Add(int file, RecordBatch batch)
    {
        long kept = 0, duplicates = 0;
        var extra = batch.Extra;
        for (var i = 0; i < batch.Count; i++)
        {
            if (!_seen.Add(batch.Key[i]))
            {
                duplicates++;
                batch.Slot[i] = -1;
                continue;
            }
            kept++;
            int unit = batch.Unit[i], year = batch.Year[i];
            var flags = batch.Flags[i];
            var slot = batch.Slot[i] = Slot(unit, year);
            var c = _counts[slot] ??= new UnitYearCounts(_industries.Length);
            var n = _national[year - Domain.PanelYears.First] ??= new NationalCounts();
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
                    for (var b = 0; b < realCount; b++) c.Pairs.Add(UnitYearCounts.Pair(ds, extra[realStart + 1 + b]));
                }
                for (var b = 0; b < realCount; b++) n.RealSubclasses.Add(extra[realStart + 1 + b]);
            }
        }
        return (kept, duplicates);
    }

    /// <summary>Hands the records of a batch of file <paramref name="file"/> that <see cref="Add"/> counted to <paramref name="sink"/>, in line order.</summary>
    public static void Emit(int file, RecordBatch batch, IKeptRecordSink sink)
    {
        var extra = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch.Extra);
        for (var i = 0; i < batch.Count; i++)
        {
            var record = new KeptRecord(file, batch.Line[i], batch.Key[i], batch.Unit[i], batch.Year[i], batch.Flags[i], batch.Technologies[i], batch.Slot[i]);
            if (record.Slot < 0)
            {
                sink.Duplicate(record);
                continue;
            }
            var p = batch.ExtraStart[i];
            var industries = extra[p];
            var branchStart = p + 1 + industries;
            sink.Add(record, extra.Slice(p + 1, industries), extra.Slice(branchStart + 1, extra[branchStart]));
        }
    }
}
