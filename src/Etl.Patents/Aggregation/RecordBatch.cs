namespace Etl.Patents.Aggregation;

/// <summary>
/// Located invention applications of one export, classified, in line order, passed from a reading thread
/// to the aggregating thread. Per record: application key, line, unit, year, class flags, technologies,
/// and a run in <see cref="Extra"/>: industries, confirmed KDT branches, then (for integrated records)
/// digital and real subclasses, each list preceded by its length.
/// </summary>
public sealed class RecordBatch
{
    /// <summary>Records per batch.</summary>
    public const int Capacity = 4096;

    /// <summary>Flag: some code in a confirmed KDT branch.</summary>
    public const byte DigitalFlag = 1;

    /// <summary>Flag: digital and a real-economy code.</summary>
    public const byte IntegratedFlag = 2;

    /// <summary>Flag: a real-economy code and no digital one.</summary>
    public const byte RealOnlyFlag = 4;

    public int Count { get; private set; }

    public long[] Key { get; } = new long[Capacity];

    public long[] Line { get; } = new long[Capacity];

    public int[] Unit { get; } = new int[Capacity];

    public short[] Year { get; } = new short[Capacity];

    public byte[] Flags { get; } = new byte[Capacity];

    public byte[] Technologies { get; } = new byte[Capacity];

    /// <summary>
    /// Set by the fold: each record's unit-year slot (<see cref="KeptRecord.Slot"/>), or -1 when the record was a
    /// duplicate, so that the kept records can be handed to a sink after the batch is counted.
    /// </summary>
    public int[] Slot { get; } = new int[Capacity];

    /// <summary>Start of each record's run in <see cref="Extra"/> (one more entry than records).</summary>
    public int[] ExtraStart { get; } = new int[Capacity + 1];

    /// <summary>
    /// Room in <see cref="Extra"/> (values): a batch is full at this many values as well as at <see cref="Capacity"/>
    /// records. IPC-only matching confirms dozens of branches a record, so without this bound a pooled batch's run list
    /// grew to the largest any batch ever needed and stayed there: peak memory then rose with the length of the corpus.
    /// 32K values keep the list under the large-object threshold.
    /// </summary>
    public const int ExtraCapacity = Capacity * 8;

    public List<ushort> Extra { get; } = new(ExtraCapacity);

    public bool IsFull => Count == Capacity || Extra.Count >= ExtraCapacity - ExtraSlack;

    // A record's run rarely exceeds this; one that does grows the list for that batch only (see Clear).
    private const int ExtraSlack = 1024;

    /// <summary>Empties the batch for reuse, giving back any room a record with a very long run took.</summary>
    public void Clear()
    {
        Count = 0;
        Extra.Clear();
        if (Extra.Capacity > ExtraCapacity) Extra.Capacity = ExtraCapacity;
        ExtraStart[0] = 0;
    }

    /// <summary>Appends a record with its industries, confirmed branches and (integrated records) subclasses.</summary>
    public void Add(long key, long line, int unit, int year, byte flags, byte technologies, List<int> industries, List<int> branches,
        List<int> digitalSubclasses, List<int> realSubclasses)
    {
        SetScalars(key, line, unit, year, flags, technologies);
        AddList(industries);
        AddList(branches);
        if ((flags & IntegratedFlag) != 0)
        {
            AddList(digitalSubclasses);
            AddList(realSubclasses);
        }
        Count++;
        ExtraStart[Count] = Extra.Count;
    }

    /// <summary>Appends a record whose run in <see cref="Extra"/> is already laid out (a cached read replays it).</summary>
    public void Add(long key, long line, int unit, int year, byte flags, byte technologies, ReadOnlySpan<ushort> extra)
    {
        SetScalars(key, line, unit, year, flags, technologies);
        Extra.AddRange(extra);
        Count++;
        ExtraStart[Count] = Extra.Count;
    }

    private void SetScalars(long key, long line, int unit, int year, byte flags, byte technologies)
    {
        var i = Count;
        Key[i] = key;
        Line[i] = line;
        Unit[i] = unit;
        Year[i] = (short)year;
        Flags[i] = flags;
        Technologies[i] = technologies;
    }

    private void AddList(List<int> values)
    {
        Extra.Add((ushort)values.Count);
        foreach (var v in values) Extra.Add((ushort)v);
    }
}
