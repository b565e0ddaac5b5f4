using Etl.Domain.Packing;
namespace Etl.Warehouse;

/// <summary>A kept application as the record index holds it.</summary>
/// <param name="Line">Line of its export the record starts on.</param>
/// <param name="AppNo">Application number as <see cref="PatentNumbers"/> stores it.</param>
/// <param name="Flags">Bit 0 digital, bit 1 integrated, bit 2 real-only.</param>
/// <param name="Technologies">Bit t-1 for KDT technology t.</param>
/// <param name="Branches">Confirmed KDT branch ids (<c>kdt_branches.branch_id</c>).</param>
/// <param name="Industries">Real-economy industries of its codes (<c>patent_record_industries.industry_id</c>).</param>
public sealed record IndexedRecord(long Line, long AppNo, int Flags, int Technologies, IReadOnlyList<int> Branches, IReadOnlyList<int> Industries)
{
    /// <summary>Flag bits.</summary>
    public const int DigitalFlag = 1, IntegratedFlag = 2, RealOnlyFlag = 4;

    public bool Digital => (Flags & DigitalFlag) != 0;

    public bool Integrated => (Flags & IntegratedFlag) != 0;

    public bool RealOnly => (Flags & RealOnlyFlag) != 0;
}

/// <summary>
/// The packed column of <c>patent_records</c>: the kept applications of one unit, year and export in line order,
/// each as unsigned LEB128 varints: the line's distance from the previous record's (the first from the row's
/// <c>first_line</c>), the application number's zigzag distance from the previous one's (the first from 0),
/// <c>flags | technologies &lt;&lt; 3</c>, the number of branches and their ids, the number of industries and their
/// ids. About a dozen bytes a record where a row per record took forty.
/// </summary>
public static class PatentRecordRuns
{
    /// <summary>Builds the packed column of one run; records must come in line order. <see cref="Reset"/> reuses it for another run.</summary>
    public sealed class Writer
    {
        private readonly VarintBuffer _bytes = new();
        private long _line;
        private long _appNo;

        public Writer(long firstLine) => Reset(firstLine);

        /// <summary>Starts a new run at <paramref name="firstLine"/>, keeping the room the last one grew to.</summary>
        public void Reset(long firstLine)
        {
            _bytes.Clear();
            FirstLine = _line = firstLine;
            _appNo = 0;
            Records = Digital = Integrated = RealOnly = 0;
        }

        public long FirstLine { get; private set; }

        public long LastLine => _line;

        public int Records { get; private set; }

        /// <summary>Records per flag: digital, integrated, real-only.</summary>
        public int Digital { get; private set; }

        public int Integrated { get; private set; }

        public int RealOnly { get; private set; }

        public void Add(long line, long appNo, int flags, int technologies, ReadOnlySpan<int> branches, ReadOnlySpan<int> industries)
        {
            if (line < _line) throw new ArgumentException($"records of a run come in line order ({line} after {_line})", nameof(line));
            _bytes.Write(line - _line);
            _bytes.WriteSigned(appNo - _appNo);
            _bytes.Write(flags | (technologies << 3));
            _bytes.Write(branches.Length);
            foreach (var b in branches) _bytes.Write(b);
            _bytes.Write(industries.Length);
            foreach (var i in industries) _bytes.Write(i);
            (_line, _appNo) = (line, appNo);
            Records++;
            if ((flags & IndexedRecord.DigitalFlag) != 0) Digital++;
            if ((flags & IndexedRecord.IntegratedFlag) != 0) Integrated++;
            if ((flags & IndexedRecord.RealOnlyFlag) != 0) RealOnly++;
        }

        public byte[] ToArray() => _bytes.ToArray();

        /// <summary>The packed column without a copy: valid until the next <see cref="Add"/> or <see cref="Reset"/>.</summary>
        public ReadOnlyMemory<byte> Packed => _bytes.Memory;
    }

    /// <summary>The records of a packed column whose row has <paramref name="firstLine"/> and <paramref name="records"/>.</summary>
    /// <summary>(Only the records whose application number <paramref name="only"/> accepts, when given.)</summary>
    public static List<IndexedRecord> Read(byte[] packed, long firstLine, long records, Func<long, bool>? only = null)
    {
        var r = new VarintReader(packed);
        var list = new List<IndexedRecord>((int)Math.Min(records, 1 << 20));
        long line = firstLine, appNo = 0;
        for (var n = 0L; n < records; n++)
        {
            line += r.Read();
            appNo += r.ReadSigned();
            var bits = r.ReadInt();
            if (only is not null && !only(appNo))
            {
                Skip(ref r);
                Skip(ref r);
                continue;
            }
            var branches = Ids(ref r);
            var industries = Ids(ref r);
            list.Add(new IndexedRecord(line, appNo, bits & 7, bits >> 3, branches, industries));
        }
        if (!r.AtEnd) throw new InvalidDataException($"a packed run of {records} records has {packed.Length - r.Position} bytes after its last record");
        return list;
    }

    private static void Skip(ref VarintReader r)
    {
        for (var n = r.ReadInt(); n > 0; n--) r.Read();
    }

    private static int[] Ids(ref VarintReader r)
    {
        var n = r.ReadInt();
        if (n == 0) return [];
        var ids = new int[n];
        for (var k = 0; k < n; k++) ids[k] = r.ReadInt();
        return ids;
    }
}
