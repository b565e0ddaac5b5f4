using System.Globalization;
using Etl.Domain;
using Etl.Domain.Index;
using Etl.Patents;
using Etl.Patents.Aggregation;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>The patent stage's tables: city-year counts, industries, national figures, the record index.</summary>
internal static class PatentTables
{
    /// <summary>
    /// Writes kept applications into <c>patent_records</c> as the stage folds them: one packed run per unit, year
    /// and export (<see cref="PatentRecordRuns"/>), written when the fold moves on to the next export. An unchanged
    /// export's runs are copied from the previous warehouse instead, while its records are decided as they were
    /// there (<see cref="CarriedRecordIndex"/>).
    /// </summary>
    public sealed class RecordWriter : IKeptRecordSink, IDisposable
    {
        private readonly IReadOnlyList<long> _fileIds;
        private readonly int[] _branchIds;
        private readonly BulkInsert _insert;
        private readonly BulkInsert _duplicates;
        // The runs of the export being folded, by the fold's unit-year slot (KeptRecord.Slot), and the slots touched in
        // the order met; a run's writer goes back to the pool when its export is written, so the room they grew to is
        // reused (the largest export's worth) instead of allocated again for every export.
        private PatentRecordRuns.Writer?[] _runs = new PatentRecordRuns.Writer?[1024];
        private readonly List<(int Unit, int Year, int Slot)> _touched = [];
        private readonly Stack<PatentRecordRuns.Writer> _pool = new();
        private const int PooledRunBytes = 64 * 1024;
        private int[] _branches = new int[64];
        private int[] _industries = new int[64];
        private int _file = -1;
        private readonly KeptByNumber? _watch;
        private readonly SqliteConnection _c;
        private readonly SqliteTransaction _tx;
        // Unchanged exports whose rows the previous warehouse gives, and the check of the export being folded while its
        // records are decided as they were there (null once one is not: its runs are packed from then on).
        private readonly CarriedRecordIndex _carried;
        private CarriedRecordIndex.Check? _check;
        // The unit and year of each slot met, for packing a carried export's earlier records when its check fails.
        private (int Unit, int Year)[] _slotKeys = new (int, int)[1024];

        /// <summary>
        /// A writer; <paramref name="watch"/> names application numbers (stored form) whose kept record is to be kept
        /// at hand for the conflict pass (<see cref="Watched"/>), so it need not scan the index for them.
        /// </summary>
        public RecordWriter(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<long> fileIds, string[] industries, int[] branchIds,
            List<long>? watch = null, CarriedRecordIndex? carried = null)
        {
            _c = c;
            _tx = tx;
            _fileIds = fileIds;
            _carried = carried ?? CarriedRecordIndex.None(fileIds.Count);
            _branchIds = branchIds;
            if (watch is { Count: > 0 }) _watch = new KeptByNumber(watch);
            // A corpus mostly duplicates the same applications again: room for as many as last time, grown once.
            Duplicates = new List<DuplicateRecord>(watch?.Count ?? 0);
            using (var ids = new BulkInsert(c, tx, "patent_record_industries", "industry_id", "industry_code"))
                for (var i = 0; i < industries.Length; i++) ids.Add(i, industries[i]);
            _insert = new BulkInsert(c, tx, "patent_records", "unit_code", "year", "file_id", "records", "digital", "integrated", "real_only", "first_line", "last_line", "packed");
            _duplicates = new BulkInsert(c, tx, "patent_duplicates", "file_id", "line", "app_no", "unit_code", "year", "digital", "integrated", "real_only", "technologies");
        }

        public long Count { get; private set; }

        /// <summary>Unchanged exports whose rows were copied from the previous warehouse.</summary>
        public int ExportsCopied { get; private set; }

        /// <summary>Unchanged exports packed again, because a record was kept or duplicated otherwise than before.</summary>
        public int ExportsRepacked { get; private set; }

        /// <summary>The kept records of the watched numbers that the fold met (null when none were watched).</summary>
        public KeptByNumber? Watched => _watch;

        /// <summary>The duplicates written, in fold order (the conflict pass sorts them in place, <see cref="WriteConflicts"/>): 32 bytes each.</summary>
        public List<DuplicateRecord> Duplicates { get; }

        public void Duplicate(in KeptRecord r)
        {
            if (r.File != _file) Enter(r.File);
            if (_check is not null && !_check.Duplicate(r.Line)) PackFrom(r.Line);
            var d = new DuplicateRecord(r.Key, new KeptDetails(_fileIds[r.File], r.Line, r.Unit, (short)r.Year, r.Flags, r.Technologies));
            _duplicates.Add(d.Record.File, d.Record.Line, Number(r.Key), Unit(r.Unit), r.Year, Flag(r.Flags, RecordBatch.DigitalFlag),
                Flag(r.Flags, RecordBatch.IntegratedFlag), Flag(r.Flags, RecordBatch.RealOnlyFlag), r.Technologies);
            Duplicates.Add(d);
        }

        public void Add(in KeptRecord r, ReadOnlySpan<ushort> recordIndustries, ReadOnlySpan<ushort> branches)
        {
            if (r.File != _file) Enter(r.File);
            var number = Stored(r.Key);
            if (_watch is not null && _watch.Contains(number)) _watch.Keep(number, new KeptDetails(_fileIds[r.File], r.Line, r.Unit, (short)r.Year, r.Flags, r.Technologies));
            Count++;
            if (_check is not null)
            {
                if (r.Slot >= _slotKeys.Length) Array.Resize(ref _slotKeys, Math.Max(_slotKeys.Length * 2, r.Slot + 1));
                _slotKeys[r.Slot] = (r.Unit, r.Year);
                if (_check.Keep(r.Line)) return;
                PackFrom(r.Line);
            }
            var run = Run(r.Unit, r.Year, r.Slot, r.Line);
            // IPC-only matching confirms every candidate branch: a record may carry many.
            if (branches.Length > _branches.Length) _branches = new int[branches.Length * 2];
            if (recordIndustries.Length > _industries.Length) _industries = new int[recordIndustries.Length * 2];
            for (var k = 0; k < branches.Length; k++) _branches[k] = _branchIds[branches[k]];
            for (var k = 0; k < recordIndustries.Length; k++) _industries[k] = recordIndustries[k];
            run.Add(r.Line, number, r.Flags, r.Technologies, _branches.AsSpan(0, branches.Length), _industries.AsSpan(0, recordIndustries.Length));
        }

        /// <summary>The run of a unit-year slot in the export being folded, started at <paramref name="line"/> if new.</summary>
        private PatentRecordRuns.Writer Run(int unit, int year, int slot, long line)
        {
            if (slot >= _runs.Length) Array.Resize(ref _runs, Math.Max(_runs.Length * 2, slot + 1));
            var run = _runs[slot];
            if (run is null)
            {
                _runs[slot] = run = _pool.TryPop(out var reused) ? reused : new PatentRecordRuns.Writer(line);
                run.Reset(line);
                _touched.Add((unit, year, slot));
            }
            return run;
        }

        /// <summary>Moves on to export <paramref name="file"/>: writes the runs of the one before, and checks the new one if it can be carried.</summary>
        private void Enter(int file)
        {
            Flush();
            _file = file;
            _check = _carried.For(file) is { } export ? new CarriedRecordIndex.Check(export) : null;
        }

        /// <summary>
        /// The carried export's record at <paramref name="line"/> was decided otherwise than before: its records before it,
        /// decided as before, are packed from the previous rows, and the rest as they come.
        /// </summary>
        private void PackFrom(long line)
        {
            var export = _check!.Export;
            _check = null;
            ExportsRepacked++;
            var slots = new Dictionary<(int, int), int>();
            for (var s = 0; s < _slotKeys.Length; s++)
                if (_slotKeys[s] != default) slots[_slotKeys[s]] = s;
            foreach (var (unit, year, records) in CarriedRecordIndex.Rows(_c, export))
            {
                PatentRecordRuns.Writer? run = null;
                foreach (var x in records)
                {
                    if (x.Line >= line) break;
                    // Every record before the line was met, and kept, in this fold: its unit and year have a slot.
                    run ??= Run(unit, year, slots[(unit, year)], x.Line);
                    run.Add(x.Line, x.AppNo, x.Flags, x.Technologies, [.. x.Branches], [.. x.Industries]);
                }
            }
        }

        /// <summary>Writes the runs of the export just folded, in key order.</summary>
        private void Flush()
        {
            if (_check is not null)
            {
                if (_check.Complete())
                {
                    CarriedRecordIndex.Copy(_c, _tx, _check.Export, _fileIds[_file]);
                    _check = null;
                    ExportsCopied++;
                    return;
                }
                // Cut short: its records up to the last one met, all decided as before, come from the previous rows.
                PackFrom(_check.LastLine + 1);
            }
            _touched.Sort();
            foreach (var (unit, year, slot) in _touched)
            {
                var run = _runs[slot]!;
                _insert.Add(unit.ToString("D6", CultureInfo.InvariantCulture), year, _fileIds[_file], run.Records, run.Digital, run.Integrated, run.RealOnly,
                    run.FirstLine, run.LastLine, run.Packed);
                _runs[slot] = null;
                // Only writers of small runs go back to the pool: a writer keeps the room it grew to, and pooled
                // writers of large runs would hold the largest runs' room for every unit-year of later exports.
                if (run.Packed.Length <= PooledRunBytes) _pool.Push(run);
            }
            _touched.Clear();
        }

        /// <summary>Writes the runs of the last export, once the stage has folded every export.</summary>
        public void Finish() => Flush();

        /// <summary>
        /// Releases the statements without writing what is pending: after a failed stage there is nothing to complete,
        /// and a carried export's check would report the stage's failure as its own.
        /// </summary>
        public void Dispose()
        {
            _insert.Dispose();
            _duplicates.Dispose();
        }
    }

    /// <summary>An application key (<see cref="Etl.Patents.Reading.ApplicationNumber"/>) as the tables write the number: its digits.</summary>
    private static string Number(long key) =>
        key >= 1_000_000_000_000L ? (key - 1_000_000_000_000L).ToString("D8", CultureInfo.InvariantCulture) : key.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>An application key as the record index stores it (<see cref="PatentNumbers"/>): the digits' integer, so an eight-digit number keeps its value below 10^8.</summary>
    private static long Stored(long key) => key >= 1_000_000_000_000L ? key - 1_000_000_000_000L : key;

    /// <summary>A unit code as the tables write it: six digits.</summary>
    private static string Unit(int unit) => unit.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>One class flag of a record as the tables write it: 1 or 0.</summary>
    private static int Flag(int flags, int flag) => (flags & flag) != 0 ? 1 : 0;

    /// <summary>
    /// The application numbers (stored form) the previous warehouse recorded as duplicated: a changed corpus mostly
    /// duplicates the same applications again, so the fold keeps their kept records at hand (<see cref="RecordWriter"/>).
    /// Empty without a previous warehouse.
    /// </summary>
    public static List<long> PreviouslyDuplicated(SqliteConnection c, bool hasOld) =>
        hasOld ? [.. Sql.Query(c, "SELECT app_no FROM old.patent_duplicates").Select(r => ParseNumber(r.GetString(0)))] : [];

    private static long ParseNumber(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The rule that settles duplicates, as the conflicts table and the README state it.</summary>
    public const string DuplicateRule = "the first record in export order (exports in path order, records in line order) is counted";

    /// <summary>A duplicate as the conflict pass reads it: its application key (<see cref="Etl.Patents.Reading.ApplicationNumber"/>) and its own record, in 32 bytes.</summary>
    public readonly record struct DuplicateRecord(long Key, KeptDetails Record);

    /// <summary>
    /// Compares every duplicate the fold wrote (<paramref name="written"/>, sorted here in place) with the record kept for
    /// its application and writes those whose content differs into <c>patent_conflicts</c>, in the duplicates table's
    /// order (file id, line). The kept records are the ones the fold kept at hand (<paramref name="atHand"/>); the others
    /// come from one scan of the record index that decodes the packed runs on <paramref name="threads"/> threads and keeps
    /// only the numbers still wanted (no scan when none are). Each duplicate costs 32 bytes, and each number wanted 32
    /// more (<see cref="KeptByNumber"/>), where hash maps of numbers to records with their unit codes as strings and a
    /// sorted copy of the duplicates cost about 300 bytes a duplicate, which raised the build's memory by about 30 MB here
    /// at scale 1 (the build's peak comes later, in the variant's pass).
    /// </summary>
    public static long WriteConflicts(SqliteConnection c, SqliteTransaction tx, int threads, List<DuplicateRecord> written, KeptByNumber? atHand = null)
    {
        if (written.Count == 0) return 0;
        written.Sort((a, b) => a.Record.File != b.Record.File ? a.Record.File.CompareTo(b.Record.File) : a.Record.Line.CompareTo(b.Record.Line));
        // The record index and the kept records at hand know a number by its stored form.
        var scanned = new KeptByNumber([.. written.Select(d => Stored(d.Key)).Where(n => atHand?.TryGet(n, out _) != true)]);
        if (scanned.Count > 0) ScanForKept(c, threads, scanned);
        long conflicts = 0;
        using var ins = new BulkInsert(c, tx, "patent_conflicts", "app_no", "kept_file_id", "kept_line", "other_file_id", "other_line", "kept_unit", "kept_year", "differs", "rule");
        var differs = new List<string>();
        foreach (var (key, d) in written)
        {
            var number = Stored(key);
            if (!(atHand?.TryGet(number, out var k) == true || scanned.TryGet(number, out k))) continue;
            differs.Clear();
            if (k.Unit != d.Unit) differs.Add($"unit {Unit(k.Unit)} vs {Unit(d.Unit)}");
            if (k.Year != d.Year) differs.Add(string.Create(CultureInfo.InvariantCulture, $"year {k.Year} vs {d.Year}"));
            foreach (var (flag, name) in s_flagNames)
                if (Flag(k.Flags, flag) != Flag(d.Flags, flag)) differs.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {Flag(k.Flags, flag)} vs {Flag(d.Flags, flag)}"));
            if (k.Technologies != d.Technologies) differs.Add(string.Create(CultureInfo.InvariantCulture, $"technologies {k.Technologies} vs {d.Technologies}"));
            if (differs.Count == 0) continue;
            ins.Add(Number(key), k.File, k.Line, d.File, d.Line, Unit(k.Unit), (int)k.Year, string.Join("; ", differs), DuplicateRule);
            conflicts++;
        }
        return conflicts;
    }

    /// <summary>The class flags in the order a conflict names them, with their names in the tables.</summary>
    private static readonly (int Flag, string Name)[] s_flagNames =
        [(IndexedRecord.DigitalFlag, "digital"), (IndexedRecord.IntegratedFlag, "integrated"), (IndexedRecord.RealOnlyFlag, "real_only")];

    /// <summary>Finds the kept records of the <paramref name="wanted"/> numbers by decoding every packed run of the record index.</summary>
    private static void ScanForKept(SqliteConnection c, int threads, KeptByNumber wanted)
    {
        var rows = Sql.Query(c, "SELECT unit_code, year, file_id, first_line, records, packed FROM patent_records")
            .Select(row => (Unit: row.GetString(0), Year: row.GetInt32(1), File: row.GetInt64(2), FirstLine: row.GetInt64(3), Records: row.GetInt64(4), Packed: (byte[])row.GetValue(5)));
        // The partitioner fetches rows under its lock, so one thread at a time reads the reader; rows are decoded on all.
        // Each number is kept once in the index, so no two threads fill in the same one.
        try
        {
            Parallel.ForEach(rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, row =>
            {
                var unit = int.Parse(row.Unit, NumberStyles.None, CultureInfo.InvariantCulture);
                foreach (var r in PatentRecordRuns.Read(row.Packed, row.FirstLine, row.Records, wanted.Contains))
                    wanted.Keep(r.AppNo, new KeptDetails(row.File, r.Line, unit, (short)row.Year, (byte)r.Flags, (byte)r.Technologies));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A damaged index or a failing disk reaches the build's own error handling as itself, not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    public static void WriteAggregates(SqliteConnection c, SqliteTransaction tx, PatentAggregates a)
    {
        using (var ins = new BulkInsert(c, tx, "patent_unit_year", "unit_code", "year", "inventions", "digital", "integrated", "real_only", "network_edges",
                   "tech_ai", "tech_chips", "tech_quantum", "tech_iot", "tech_blockchain", "tech_industrial_internet", "tech_metaverse"))
            foreach (var ((unit, year), u) in a.Units)
                ins.Add([unit.ToString("D6", CultureInfo.InvariantCulture), year, u.Inventions, u.Digital, u.Integrated, u.RealOnly, u.NetworkEdges, .. u.Technologies.Cast<object?>()]);
        using (var ins = new BulkInsert(c, tx, "patent_industries", "unit_code", "year", "industry_code", "integrated", "real_only"))
            foreach (var ((unit, year), u) in a.Units)
                for (var i = 0; i < a.Industries.Length; i++)
                    if (u.IndustryIntegrated[i] + u.IndustryRealOnly[i] > 0)
                        ins.Add(unit.ToString("D6", CultureInfo.InvariantCulture), year, a.Industries[i], u.IndustryIntegrated[i], u.IndustryRealOnly[i]);
        using (var ins = new BulkInsert(c, tx, "patent_national", "year", "located", "integrated", "real_only", "digital_subclasses", "real_subclasses"))
            foreach (var (year, n) in a.National) ins.Add(year, n.Located, n.Integrated, n.RealOnly, n.DigitalSubclassCount, n.RealSubclassCount);
    }

    /// <summary>Copies every patent table from the previous warehouse, re-keying file ids by path.</summary>
    public static void Copy(SqliteConnection c, SqliteTransaction tx) => Sql.Execute(c, """
        INSERT INTO patent_unit_year SELECT * FROM old.patent_unit_year;
        INSERT INTO patent_industries SELECT * FROM old.patent_industries;
        INSERT INTO patent_national SELECT * FROM old.patent_national;
        INSERT INTO patent_settings SELECT * FROM old.patent_settings;
        INSERT INTO patent_records SELECT r.unit_code, r.year, n.file_id, r.records, r.digital, r.integrated, r.real_only, r.first_line, r.last_line, r.packed
          FROM old.patent_records r JOIN old.source_files o ON o.file_id = r.file_id JOIN main.source_files n ON n.path = o.path;
        INSERT INTO patent_record_industries SELECT * FROM old.patent_record_industries;
        INSERT INTO patent_duplicates SELECT n.file_id, d.line, d.app_no, d.unit_code, d.year, d.digital, d.integrated, d.real_only, d.technologies
          FROM old.patent_duplicates d JOIN old.source_files o ON o.file_id = d.file_id JOIN main.source_files n ON n.path = o.path;
        INSERT INTO patent_conflicts SELECT d.app_no, nk.file_id, d.kept_line, no.file_id, d.other_line, d.kept_unit, d.kept_year, d.differs, d.rule
          FROM old.patent_conflicts d
          JOIN old.source_files ok ON ok.file_id = d.kept_file_id JOIN main.source_files nk ON nk.path = ok.path
          JOIN old.source_files oo ON oo.file_id = d.other_file_id JOIN main.source_files no ON no.path = oo.path;
        """, tx);

    /// <summary>The index inputs read back from the tables (the same integers the stage counted).</summary>
    public static (Dictionary<(CityCode, int), UnitYearAggregate> Units, Dictionary<int, NationalYear> National, Dictionary<(CityCode, int), long> Digital) Read(SqliteConnection c) =>
        Read(c, "patent_industries", "patent_unit_year", "patent_national", "1 = 1", null);

    /// <summary>The index inputs of a panel variant, from its <c>variant_patent_*</c> rows.</summary>
    public static (Dictionary<(CityCode, int), UnitYearAggregate> Units, Dictionary<int, NationalYear> National, Dictionary<(CityCode, int), long> Digital) ReadVariant(SqliteConnection c, string variant) =>
        Read(c, "variant_patent_industries", "variant_patent_unit_year", "variant_patent_national", "variant = $v", variant);

    private static (Dictionary<(CityCode, int), UnitYearAggregate> Units, Dictionary<int, NationalYear> National, Dictionary<(CityCode, int), long> Digital) Read(
        SqliteConnection c, string industries, string unitYears, string nationals, string where, string? variant)
    {
        var p = ("$v", (object?)variant);
        var touches = new Dictionary<(string, int), SortedDictionary<string, long>>();
        foreach (var r in Sql.Query(c, $"SELECT unit_code, year, industry_code, integrated FROM {industries} WHERE integrated > 0 AND {where} ORDER BY unit_code, year, industry_code", p))
        {
            var key = (r.GetString(0), r.GetInt32(1));
            if (!touches.TryGetValue(key, out var d)) touches[key] = d = new SortedDictionary<string, long>(StringComparer.Ordinal);
            d[r.GetString(2)] = r.GetInt64(3);
        }
        var units = new Dictionary<(CityCode, int), UnitYearAggregate>();
        var digital = new Dictionary<(CityCode, int), long>();
        foreach (var r in Sql.Query(c, $"SELECT unit_code, year, integrated, real_only, network_edges, digital FROM {unitYears} WHERE {where} ORDER BY unit_code, year", p))
        {
            var code = CityCode.Parse(r.GetString(0));
            var year = r.GetInt32(1);
            units[(code, year)] = new UnitYearAggregate(code, year, r.GetInt64(2), r.GetInt64(3),
                touches.GetValueOrDefault((r.GetString(0), year)) ?? new SortedDictionary<string, long>(StringComparer.Ordinal), r.GetInt64(4));
            digital[(code, year)] = r.GetInt64(5);
        }
        var national = PanelYears.All.ToDictionary(y => y, y => new NationalYear(y, 0, 0, 0, 0));
        foreach (var r in Sql.Query(c, $"SELECT year, integrated, real_only, digital_subclasses, real_subclasses FROM {nationals} WHERE {where}", p))
            national[r.GetInt32(0)] = new NationalYear(r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.GetInt32(4));
        return (units, national, digital);
    }

    /// <summary>Writes a variant's patent counts into the <c>variant_patent_*</c> tables.</summary>
    public static void WriteVariantAggregates(SqliteConnection c, SqliteTransaction tx, string variant, PatentAggregates a)
    {
        using (var ins = new BulkInsert(c, tx, "variant_patent_unit_year", "variant", "unit_code", "year", "digital", "integrated", "real_only", "network_edges"))
            foreach (var ((unit, year), u) in a.Units)
                ins.Add(variant, unit.ToString("D6", CultureInfo.InvariantCulture), year, u.Digital, u.Integrated, u.RealOnly, u.NetworkEdges);
        using (var ins = new BulkInsert(c, tx, "variant_patent_industries", "variant", "unit_code", "year", "industry_code", "integrated"))
            foreach (var ((unit, year), u) in a.Units)
                for (var i = 0; i < a.Industries.Length; i++)
                    if (u.IndustryIntegrated[i] > 0) ins.Add(variant, unit.ToString("D6", CultureInfo.InvariantCulture), year, a.Industries[i], u.IndustryIntegrated[i]);
        using (var ins = new BulkInsert(c, tx, "variant_patent_national", "variant", "year", "integrated", "real_only", "digital_subclasses", "real_subclasses"))
            foreach (var (year, n) in a.National) ins.Add(variant, year, n.Integrated, n.RealOnly, n.DigitalSubclassCount, n.RealSubclassCount);
    }

    /// <summary>Copies a variant's patent counts from the previous warehouse.</summary>
    public static void CopyVariant(SqliteConnection c, SqliteTransaction tx, string variant)
    {
        foreach (var table in new[] { "variant_patent_unit_year", "variant_patent_industries", "variant_patent_national" })
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO main.{table} SELECT * FROM old.{table} WHERE variant = $v";
            cmd.Parameters.AddWithValue("$v", variant);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The integration index over every prefecture-level unit-year of the universe.</summary>
    public static IndexResult ComputeIndex(Domain.Mappings.MappingSet m, Dictionary<(CityCode, int), UnitYearAggregate> units, Dictionary<int, NationalYear> national,
        IndexParameters parameters) =>
        IntegrationIndex.Compute(m.Cities.All.SelectMany(x => PanelYears.All.Where(x.ValidIn).Select(y => (x.Code, y))), units, national, parameters);

    /// <summary>Computes and writes the integration index over every prefecture-level unit-year.</summary>
    public static IndexResult WriteIndex(SqliteConnection c, SqliteTransaction tx, Domain.Mappings.MappingSet m,
        Dictionary<(CityCode, int), UnitYearAggregate> units, Dictionary<int, NationalYear> national, IndexParameters parameters)
    {
        var index = ComputeIndex(m, units, national, parameters);
        using (var ins = new BulkInsert(c, tx, "index_runs", "run_id", "parameters", "unit_years", "definition"))
            ins.Add(1, parameters.ToString(), index.Values.Count, "src/Etl.Domain/Index/README.md: time ln(1+K), industry entropy, region location quotient, network density; min-max, entropy weights, x100");
        using (var ins = new BulkInsert(c, tx, "index_weights", "dimension", "min", "max", "entropy", "weight"))
            for (var j = 0; j < 4; j++) ins.Add(IndexResult.Dimensions[j], index.Min[j], index.Max[j], index.Entropy[j], index.Weights[j]);
        using (var ins = new BulkInsert(c, tx, "index_values", "unit_code", "year", "time", "industry", "region", "network", "time_norm", "industry_norm", "region_norm", "network_norm", "dig_real"))
            foreach (var v in index.Values)
                ins.Add(v.Unit.ToString(), v.Year, v.Raw[0], v.Raw[1], v.Raw[2], v.Raw[3], v.Normalised[0], v.Normalised[1], v.Normalised[2], v.Normalised[3], v.Index);
        return index;
    }
}
