using System.IO.Compression;
using System.Text;
using Etl.Domain;
using Etl.Simulator.Text;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Patents;

/// <summary>
/// Writes the patent-application exports: one file per filing year and group of provinces, in vendor
/// layouts with Chinese or English headers in varying order, UTF-8 (with or without BOM) or GB18030, some
/// gzip-compressed; invention applications mixed with utility models and designs, foreign and Hong Kong,
/// Macao and Taiwan applicants, second publications of the same application, and a few malformed rows.
/// Rows are ordered by application number, so cities are interleaved as in a real export.
/// </summary>
internal sealed class PatentWriter
{
    /// <summary>Province groups the exports are split by (first two digits of the code).</summary>
    private static readonly int[][] s_groups =
    [
        [11, 12, 13, 14, 15, 21, 22, 23, 37, 41],
        [31, 32, 33, 34, 35, 36],
        [42, 43, 44, 45, 46],
        [50, 51, 52, 53, 54, 61, 62, 63, 64, 65],
    ];

    private static readonly string[] s_groupNames = ["north", "east", "south", "west"];

    private enum Kind : byte { Located, Duplicate, Foreign, Hmt, NonInvention, OutsideWindow, Unresolvable, Ambiguous, BadDate, BadNumber, NoIpc, Ragged, StrayQuote, Unterminated }

    private readonly record struct Entry(int Unit, int Year, long K, Kind Kind, int Serial, byte Type, byte Copy);

    private readonly SimulatedCorpus _corpus;
    private readonly ulong _seed;
    private readonly AddressComposer _addresses;

    public PatentWriter(SimulatedCorpus corpus)
    {
        _corpus = corpus;
        _seed = corpus.Options.Seed;
        _addresses = new AddressComposer(corpus.World.Mappings);
    }

    public (List<PatentFileTruth> Files, SortedDictionary<(int Unit, int Year), UnitYearTruth> Aggregates) WriteAll(string rawDirectory)
    {
        var files = PlanFiles();
        var root = Path.Combine(rawDirectory, "patents");
        foreach (var f in files) Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, f.RelativePath))!);
        var truths = new PatentFileTruth[files.Count];
        var aggregates = new SortedDictionary<(int, int), UnitYearTruth>[files.Count];
        var previous = files.ToDictionary(f => f, f => files.FirstOrDefault(p => p.Year == f.Year - 1 && p.Group == f.Group));
        Parallel.ForEach(Enumerable.Range(0, files.Count).OrderByDescending(i => files[i].EstimatedRows),
            new ParallelOptions { MaxDegreeOfParallelism = _corpus.Options.Threads },
            i => (truths[i], aggregates[i]) = WriteFile(files[i], Entries(files[i], previous[files[i]]), Path.Combine(root, files[i].RelativePath), "patents/" + files[i].RelativePath));
        var total = new SortedDictionary<(int, int), UnitYearTruth>();
        foreach (var a in aggregates)
            foreach (var (key, v) in a)
            {
                if (!total.TryGetValue(key, out var t)) total[key] = t = new UnitYearTruth();
                t.Add(v);
            }
        return ([.. truths], total);
    }

    private static int GroupOf(int code)
    {
        var p = code / 10000;
        for (var g = 0; g < s_groups.Length; g++) if (s_groups[g].Contains(p)) return g;
        throw new ArgumentOutOfRangeException(nameof(code));
    }

    /// <summary>
    /// One export: its layout and formats, and where its application serials start. Rows are not kept here:
    /// <see cref="Entries"/> regenerates them when the file is written, so memory holds one file's rows at a
    /// time whatever the scale.
    /// </summary>
    private sealed class FilePlan
    {
        public required string RelativePath { get; set; }
        public required int Year { get; init; }
        public required int Group { get; init; }
        public required PatentLayout Layout { get; init; }
        public required PatentFormats Formats { get; init; }
        public required int Encoding { get; init; }

        /// <summary>Downloaded as a workbook (.xlsx) rather than as delimited text: no quoting defects, no cut-off row.</summary>
        public bool Xlsx => RelativePath.EndsWith(".xlsx", StringComparison.Ordinal);

        /// <summary>Units of the group filing in the year, in code order, with their located applications.</summary>
        public List<(int Unit, CategoryCounts Counts)> Located { get; } = [];

        public long LocatedCount { get; set; }

        /// <summary>First invention serial of the year taken by this file's located rows (then its extra rows).</summary>
        public int SerialStart { get; set; }

        /// <summary>First serial of the year before or after the window taken by this file's out-of-window rows.</summary>
        public int OutsideSerialStart { get; set; }

        /// <summary>First serial of each non-invention counter (year · 10 + type) taken by this file's rows.</summary>
        public Dictionary<int, long> OtherSerialStart { get; } = [];

        /// <summary>Serial of the row cut off inside a quoted field, or -1 when the file has none.</summary>
        public int UnterminatedSerial { get; set; } = -1;

        /// <summary>Rows the file will hold, for scheduling the largest files first.</summary>
        public long EstimatedRows { get; set; }
    }

    /// <summary>Located records above which an export planned as a workbook is written as delimited text instead.</summary>
    private const long MaxWorkbookRecords = 50_000;

    /// <summary>Serial number of the <paramref name="i"/>-th application of <paramref name="year"/> (a fixed permutation).</summary>
    private static int Serial(long i, int year) => (int)((i * 7919 + 4321L * year) % 10_000_000);

    /// <summary>Decides every file (no rows yet) and the serial ranges that keep application numbers unique.</summary>
    private List<FilePlan> PlanFiles()
    {
        var files = new Dictionary<(int Year, int Group), FilePlan>();
        for (var year = PanelYears.First; year <= PanelYears.Last; year++)
            for (var g = 0; g < s_groups.Length; g++)
            {
                var rng = Prng.For(_seed, 70, year, g);
                var layout = PatentLayout.All[rng.Next(PatentLayout.All.Length)];
                var formats = new PatentFormats(rng.Next(PatentFormats.IpcNotations), rng.Next(5), rng.Next(4));
                var encoding = rng.PickWeighted([0.5, 0.2, 0.3]);
                var container = rng.PickWeighted([0.35, 0.5, 0.15]) switch { 0 => ".csv.gz", 1 => ".csv", _ => ".xlsx" };
                var name = $"{year}/{layout.Name}_{year}_{s_groupNames[g]}{container}";
                files[(year, g)] = new FilePlan { RelativePath = name, Year = year, Group = g, Layout = layout, Formats = formats, Encoding = encoding };
            }
        foreach (var ((unit, year), c) in _corpus.Counts.OrderBy(kv => kv.Key.Unit))
        {
            var f = files[(year, GroupOf(unit))];
            f.Located.Add((unit, c));
            f.LocatedCount += c.Total;
        }
        // Platforms cap a workbook download (and a sheet holds 1,048,576 rows): larger exports come as text.
        foreach (var f in files.Values.Where(f => f.Xlsx && f.LocatedCount > MaxWorkbookRecords))
            f.RelativePath = f.RelativePath[..^".xlsx".Length] + ".csv";

        // Serials are consumed per year in file order: located rows, then extra rows, as the rows are written.
        var counter = new Dictionary<int, long>();
        var otherCounter = new Dictionary<int, long>();
        foreach (var f in files.Values.OrderBy(f => f.Year).ThenBy(f => f.Group))
        {
            f.SerialStart = (int)counter.GetValueOrDefault(f.Year);
            var (inventionExtras, outside, others) = CountExtras(f);
            counter[f.Year] = counter.GetValueOrDefault(f.Year) + f.LocatedCount + inventionExtras;
            foreach (var (key, n) in others)
            {
                f.OtherSerialStart[key] = otherCounter.GetValueOrDefault(key);
                otherCounter[key] = otherCounter.GetValueOrDefault(key) + n;
            }
            if (outside.Year != 0)
            {
                f.OutsideSerialStart = (int)counter.GetValueOrDefault(outside.Year);
                counter[outside.Year] = counter.GetValueOrDefault(outside.Year) + outside.Count;
            }
            f.EstimatedRows = f.LocatedCount + inventionExtras + outside.Count;
        }
        foreach (var f in files.Values.OrderBy(f => f.Year).ThenBy(f => f.Group))
        {
            var rows = f.EstimatedRows + (f.Year > PanelYears.First ? DuplicatesInto(f, files[(f.Year - 1, f.Group)]).Count() : 0);
            if (Prng.For(_seed, 73, f.Year, f.Group).Chance(0.2) && rows > 0 && !f.Xlsx)
            {
                f.UnterminatedSerial = Serial(counter[f.Year], f.Year);
                counter[f.Year]++;
            }
        }
        return files.OrderBy(kv => kv.Key.Year).ThenBy(kv => kv.Key.Group).Select(kv => kv.Value).ToList();
    }

    /// <summary>The kinds and shares of extra rows, in the order they are drawn.</summary>
    private static readonly (Kind Kind, double Share, byte Type)[] s_extras =
    [
        (Kind.Foreign, PatentVolumes.ForeignShare / PatentVolumes.DomesticShare, 1),
        (Kind.Hmt, (1 - PatentVolumes.DomesticShare - PatentVolumes.ForeignShare) / PatentVolumes.DomesticShare, 1),
        (Kind.NonInvention, 0.05, 2),
        (Kind.NonInvention, 0.02, 3),
        (Kind.Unresolvable, 0.003, 1),
        (Kind.Ambiguous, 0.002, 1),
        (Kind.BadDate, 0.0005, 1),
        (Kind.BadNumber, 0.0003, 1),
        (Kind.NoIpc, 0.0003, 1),
        (Kind.Ragged, 0.0005, 1),
        (Kind.StrayQuote, 0.0003, 1),
    ];

    /// <summary>
    /// Draws the extra rows of a file (foreign and other applicants, non-inventions, defects) with the file's
    /// own generator, so that counting them and writing them give the same rows.
    /// </summary>
    private IEnumerable<(Kind Kind, int Unit, int Year, byte Type, long Index)> Extras(FilePlan f)
    {
        if (f.Located.Count == 0) yield break;
        var rng = Prng.For(_seed, 71, f.Year, f.Group);
        var n = f.LocatedCount;
        long index = 0;
        var draws = s_extras.ToList();
        if (f.Year == PanelYears.First) draws.Add((Kind.OutsideWindow, 0.001, 1));
        if (f.Year == PanelYears.Last) draws.Add((Kind.OutsideWindow, 0.001, 1));
        foreach (var (kind, share, type) in draws)
        {
            var count = rng.RoundStochastic(n * share);
            // A workbook has no quoting to break and no field count to get wrong.
            if (f.Xlsx && kind is Kind.Ragged or Kind.StrayQuote) continue;
            var year = kind != Kind.OutsideWindow ? f.Year : f.Year == PanelYears.First ? f.Year - 1 : f.Year + 1;
            for (long j = 0; j < count; j++) yield return (kind, rng.Pick(f.Located).Unit, year, type, index++);
        }
    }

    private (long Inventions, (int Year, long Count) Outside, Dictionary<int, long> Others) CountExtras(FilePlan f)
    {
        long inventions = 0, outside = 0;
        var outsideYear = 0;
        var others = new Dictionary<int, long>(f.OtherSerialStart);
        foreach (var e in Extras(f))
        {
            if (e.Kind == Kind.OutsideWindow) { outside++; outsideYear = e.Year; }
            else if (e.Type == 1) inventions++;
            else others[e.Year * 10 + e.Type] = others.GetValueOrDefault(e.Year * 10 + e.Type) + 1;
        }
        return (inventions, (outsideYear, outside), others);
    }

    /// <summary>Second publications filed in the previous year's export of the same provinces (0.2% of its applications).</summary>
    private IEnumerable<Entry> DuplicatesInto(FilePlan f, FilePlan previous)
    {
        long i = 0;
        foreach (var (unit, c) in previous.Located)
            for (long k = 0; k < c.Total; k++, i++)
            {
                var dup = Prng.For(_seed, 72, unit, previous.Year, k).NextDouble();
                if (dup is >= 0.01 and < 0.012) yield return new Entry(unit, previous.Year, k, Kind.Duplicate, Serial(previous.SerialStart + i, previous.Year), 4, 1);
            }
    }

    /// <summary>The rows of a file, in the order of the export (application number, then publication).</summary>
    private List<Entry> Entries(FilePlan f, FilePlan? previous)
    {
        var entries = new List<Entry>();
        long i = 0;
        foreach (var (unit, c) in f.Located)
            for (long k = 0; k < c.Total; k++, i++)
            {
                var serial = Serial(f.SerialStart + i, f.Year);
                entries.Add(new Entry(unit, f.Year, k, Kind.Located, serial, 1, 0));
                if (Prng.For(_seed, 72, unit, f.Year, k).NextDouble() < 0.01) entries.Add(new Entry(unit, f.Year, k, Kind.Duplicate, serial, 4, 1));
            }
        if (previous is not null) entries.AddRange(DuplicatesInto(f, previous));
        var invention = f.SerialStart + f.LocatedCount;
        var outside = (long)f.OutsideSerialStart;
        var others = new Dictionary<int, long>(f.OtherSerialStart);
        foreach (var e in Extras(f))
        {
            int serial;
            if (e.Kind == Kind.OutsideWindow) serial = Serial(outside++, e.Year);
            else if (e.Type == 1) serial = Serial(invention++, e.Year);
            else
            {
                var key = e.Year * 10 + e.Type;
                var at = others.GetValueOrDefault(key);
                others[key] = at + 1;
                serial = Serial(at, key);
            }
            entries.Add(new Entry(e.Unit, e.Year, 1_000_000_000L + e.Index, e.Kind, serial, e.Type, 0));
        }
        entries.Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Serial != b.Serial ? a.Serial.CompareTo(b.Serial) : a.Copy.CompareTo(b.Copy));
        if (f.UnterminatedSerial >= 0) entries.Add(new Entry(entries[0].Unit, f.Year, 2_000_000_000L, Kind.Unterminated, f.UnterminatedSerial, 1, 0));
        return entries;
    }

    private (PatentFileTruth, SortedDictionary<(int, int), UnitYearTruth>) WriteFile(FilePlan plan, List<Entry> entries, string path, string relative)
    {
        var truth = new PatentFileTruth { File = relative };
        var aggregates = new SortedDictionary<(int, int), UnitYearTruth>();
        var encoding = plan.Encoding switch
        {
            0 => (Encoding)new UTF8Encoding(false),
            1 => new UTF8Encoding(true),
            _ => Etl.Domain.Text.ChineseEncodings.Gb18030,
        };
        var layout = plan.Layout;
        using var fileStream = plan.Xlsx ? null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using Stream? stream = fileStream is null ? null : path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(fileStream, CompressionLevel.Fastest) : fileStream;
        using var writer = stream is null ? null : new StreamWriter(stream, encoding, 1 << 20) { NewLine = "\r\n" };
        using var workbook = plan.Xlsx ? new XlsxExportWriter(path, layout.Columns.Select(c => c.Header).ToList()) : null;
        if (writer is not null)
        {
            writer.Write(string.Join(",", layout.Columns.Select(c => c.Header)));
            writer.Write("\r\n");
        }
        var line = new StringBuilder(1024);
        var row = new string[layout.Columns.Length];
        var values = new FieldValues();
        foreach (var e in entries)
        {
            truth.Rows++;
            // Content depends on the application only, so a second publication repeats it.
            var rng = Prng.For(_seed, 80, e.Unit, e.Year, e.K);
            var category = e.Kind == Kind.Located || e.Kind == Kind.Duplicate
                ? _corpus.Counts[(e.Unit, e.Year)].CategoryOf(e.K)
                : (RecordCategory)rng.Next(4);
            var planYear = Math.Clamp(e.Year, PanelYears.First, PanelYears.Last);
            var record = _corpus.Planner.Plan(e.Unit, planYear, e.K, category);
            var text = _corpus.Text.Compose(Prng.For(_seed, 81, e.Unit, e.Year, e.K), new TextRequest(record.Task, record.Keyword, record.KeywordInTitle, record.Device));
            var dateRng = Prng.For(_seed, 82, e.Unit, e.Year, e.K);
            var date = new DateOnly(e.Year, 1, 1).AddDays(dateRng.Next(DateTime.IsLeapYear(e.Year) ? 366 : 365));
            var kindDigit = e.Type == 4 ? 1 : e.Type;
            if (e.Kind == Kind.Foreign && rng.Chance(0.3)) kindDigit = 8;
            // One set of values per file, cleared for each row: a new one per row was a tenth of the allocation.
            values.Clear();
            values[PatentField.AppNo] = plan.Formats.ApplicationNumber(e.Year, kindDigit, e.Serial);
            values[PatentField.AppDate] = plan.Formats.Date(date);
            values[PatentField.PubNo] = $"CN{100_000_000 + (e.Serial % 90_000_000) + 10_000_000L * (e.Year - 2010)}{(e.Type == 4 ? "B" : e.Type == 2 ? "U" : e.Type == 3 ? "S" : "A")}";
            values[PatentField.PubDate] = plan.Formats.Date(date.AddDays(180 + dateRng.Next(400)));
            values[PatentField.Title] = text.Title;
            values[PatentField.Abstract] = layout.LineBreaksInAbstract ? text.Abstract.Replace("。", "。\n").TrimEnd('\n') : text.Abstract;
            values[PatentField.Ipc] = plan.Formats.Ipc(record.Codes, e.Year);
            values[PatentField.MainIpc] = plan.Formats.Ipc([record.Codes[0]], e.Year);
            values[PatentField.Type] = layout.TypeLabel(e.Type);
            values[PatentField.Inventor] = ApplicantNames.Inventors(rng);
            var unitCity = _corpus.World.Mappings.Cities.Find(new CityCode(e.Unit));
            var shortName = unitCity?.ShortName ?? "";
            values[PatentField.Applicant] = ApplicantNames.Domestic(rng, shortName);
            values[PatentField.Address] = _addresses.Located(rng, e.Unit, planYear);
            values[PatentField.ProvinceCode] = (e.Unit / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);

            switch (e.Kind)
            {
                case Kind.Located:
                    truth.Loaded++;
                    Accumulate(aggregates, e, record);
                    break;
                case Kind.Duplicate: truth.Exclude("duplicate_application"); break;
                case Kind.NonInvention: truth.Exclude("not_invention"); break;
                case Kind.OutsideWindow: truth.Exclude("outside_window"); break;
                case Kind.Foreign:
                    values[PatentField.Applicant] = ApplicantNames.Foreign(rng);
                    values[PatentField.Address] = _addresses.Foreign(rng);
                    values[PatentField.ProvinceCode] = "";
                    truth.Exclude("foreign_applicant");
                    break;
                case Kind.Hmt:
                    values[PatentField.Address] = _addresses.HongKongMacaoTaiwan(rng);
                    values[PatentField.ProvinceCode] = "";
                    truth.Exclude("hmt_applicant");
                    break;
                case Kind.Unresolvable:
                    values[PatentField.Address] = _addresses.Unresolvable(rng);
                    truth.Quarantine("unresolvable_address");
                    break;
                case Kind.Ambiguous:
                    values[PatentField.Address] = _addresses.Ambiguous(rng, planYear);
                    truth.Quarantine("ambiguous_address");
                    break;
                case Kind.BadDate:
                    values[PatentField.AppDate] = rng.Pick(["2018-13-45", "N/A", "", "00000000"]);
                    truth.Quarantine("bad_date");
                    break;
                case Kind.BadNumber:
                    values[PatentField.AppNo] = rng.Pick(["", "待定", "CN20181X", "--"]);
                    truth.Quarantine("bad_application_number");
                    break;
                case Kind.NoIpc:
                    values[PatentField.Ipc] = "";
                    values[PatentField.MainIpc] = "";
                    truth.Quarantine("no_ipc");
                    break;
                case Kind.Ragged:
                case Kind.StrayQuote:
                case Kind.Unterminated:
                    truth.Quarantine(e.Kind == Kind.Ragged ? "field_count" : "malformed_quotes");
                    break;
            }

            for (var c = 0; c < row.Length; c++) row[c] = values[layout.Columns[c].Field];
            if (workbook is not null)
            {
                workbook.WriteRow(row);
                continue;
            }
            line.Clear();
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append(',');
                var field = layout.Columns[c].Field;
                var textField = field is PatentField.Title or PatentField.Abstract or PatentField.Applicant or PatentField.Address;
                if (e.Kind == Kind.StrayQuote && field == PatentField.Applicant)
                {
                    // A quote inside an unquoted field: 华"创科技有限公司.
                    var name = row[c].Replace(",", "，", StringComparison.Ordinal);
                    line.Append(name[..1]).Append('"').Append(name[1..]);
                }
                else if (e.Kind == Kind.Unterminated && c == row.Length - 1)
                {
                    // The export was cut off inside a quoted field.
                    line.Append('"').Append(row[c].Replace("\"", "", StringComparison.Ordinal)).Append(text.Abstract);
                }
                else AppendField(line, row[c], layout.QuoteAllText && textField);
            }
            if (e.Kind == Kind.Ragged)
            {
                if (rng.Chance(0.5)) line.Append(",备注,其他");
                else
                {
                    line.Clear();
                    for (var c = 0; c < row.Length - 1; c++)
                    {
                        if (c > 0) line.Append(',');
                        AppendField(line, row[c], false);
                    }
                }
            }
            writer!.Write(line);
            if (e.Kind == Kind.Unterminated) break;
            writer.Write("\r\n");
        }
        return (truth, aggregates);
    }

    /// <summary>Field values of one row, by field.</summary>
    private sealed class FieldValues
    {
        private static readonly int s_fieldCount = Enum.GetValues<PatentField>().Length;

        private readonly string[] _values = new string[s_fieldCount];

        public string this[PatentField f]
        {
            get => _values[(int)f] ?? "";
            set => _values[(int)f] = value;
        }

        public void Clear() => Array.Clear(_values);
    }

    private static void AppendField(StringBuilder line, string value, bool quote)
    {
        if (quote || value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else line.Append(value);
    }

    private static void Accumulate(SortedDictionary<(int, int), UnitYearTruth> aggregates, Entry e, PlannedRecord r)
    {
        if (!aggregates.TryGetValue((e.Unit, e.Year), out var t)) aggregates[(e.Unit, e.Year)] = t = new UnitYearTruth();
        t.Inventions++;
        if (r.Category is RecordCategory.Integrated or RecordCategory.Digital)
        {
            t.Digital++;
            for (var i = 0; i < 7; i++) if ((r.TechnologyMask & (1 << i)) != 0) t.Technologies[i]++;
        }
        if (r.Category == RecordCategory.Integrated) t.Integrated++;
        if (r.Category == RecordCategory.RealOnly) t.RealOnly++;
        foreach (var industry in r.Industries)
        {
            var cur = t.Industries.GetValueOrDefault(industry);
            t.Industries[industry] = r.Category == RecordCategory.Integrated ? (cur.Integrated + 1, cur.RealOnly) : (cur.Integrated, cur.RealOnly + 1);
        }
    }
}
