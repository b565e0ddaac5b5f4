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

    private sealed class FilePlan
    {
        public required string RelativePath { get; init; }
        public required int Year { get; init; }
        public required int Group { get; init; }
        public required PatentLayout Layout { get; init; }
        public required PatentFormats Formats { get; init; }
        public required int Encoding { get; init; }
        public List<Entry> Entries { get; } = [];
    }

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
        Parallel.ForEach(Enumerable.Range(0, files.Count).OrderByDescending(i => files[i].Entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _corpus.Options.Threads },
            i => (truths[i], aggregates[i]) = WriteFile(files[i], Path.Combine(root, files[i].RelativePath), "patents/" + files[i].RelativePath));
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

    /// <summary>Decides every file and every row in it (no content yet), with application serial numbers.</summary>
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
                var gzip = rng.Chance(0.4);
                var vendor = layout.Name;
                var name = $"{year}/{vendor}_{year}_{s_groupNames[g]}.csv{(gzip ? ".gz" : "")}";
                files[(year, g)] = new FilePlan { RelativePath = name, Year = year, Group = g, Layout = layout, Formats = formats, Encoding = encoding };
            }

        var inventionCounter = new Dictionary<int, int>();
        var otherCounter = new Dictionary<int, int>();
        int Serial(Dictionary<int, int> counter, int year)
        {
            var i = counter.GetValueOrDefault(year);
            counter[year] = i + 1;
            return (int)(((long)i * 7919 + 4321L * year) % 10_000_000);
        }

        foreach (var ((year, g), file) in files.OrderBy(kv => kv.Key.Year).ThenBy(kv => kv.Key.Group))
        {
            var rng = Prng.For(_seed, 71, year, g);
            var located = _corpus.Counts.Where(kv => kv.Key.Year == year && GroupOf(kv.Key.Unit) == g).OrderBy(kv => kv.Key.Unit).ToList();
            long n = 0;
            foreach (var ((unit, _), c) in located)
                for (long k = 0; k < c.Total; k++)
                {
                    var serial = Serial(inventionCounter, year);
                    file.Entries.Add(new Entry(unit, year, k, Kind.Located, serial, 1, 0));
                    n++;
                    var dup = Prng.For(_seed, 72, unit, year, k).NextDouble();
                    if (dup < 0.01) file.Entries.Add(new Entry(unit, year, k, Kind.Duplicate, serial, 4, 1));
                    else if (dup < 0.012 && year < PanelYears.Last) files[(year + 1, g)].Entries.Add(new Entry(unit, year, k, Kind.Duplicate, serial, 4, 1));
                }
            var units = located.Select(kv => kv.Key.Unit).ToList();
            if (units.Count == 0) continue;
            void Extra(Kind kind, double share, byte type = 1, int entryYear = 0)
            {
                var count = rng.RoundStochastic(n * share);
                for (long j = 0; j < count; j++)
                {
                    var y = entryYear == 0 ? year : entryYear;
                    var serial = type == 1 ? Serial(inventionCounter, y) : Serial(otherCounter, y * 10 + type);
                    file.Entries.Add(new Entry(rng.Pick(units), y, 1_000_000_000L + file.Entries.Count, kind, serial, type, 0));
                }
            }
            Extra(Kind.Foreign, PatentVolumes.ForeignShare / PatentVolumes.DomesticShare);
            Extra(Kind.Hmt, (1 - PatentVolumes.DomesticShare - PatentVolumes.ForeignShare) / PatentVolumes.DomesticShare);
            Extra(Kind.NonInvention, 0.05, 2);
            Extra(Kind.NonInvention, 0.02, 3);
            Extra(Kind.Unresolvable, 0.003);
            Extra(Kind.Ambiguous, 0.002);
            Extra(Kind.BadDate, 0.0005);
            Extra(Kind.BadNumber, 0.0003);
            Extra(Kind.NoIpc, 0.0003);
            Extra(Kind.Ragged, 0.0005);
            Extra(Kind.StrayQuote, 0.0003);
            if (year == PanelYears.First) Extra(Kind.OutsideWindow, 0.001, 1, year - 1);
            if (year == PanelYears.Last) Extra(Kind.OutsideWindow, 0.001, 1, year + 1);
        }
        foreach (var file in files.Values)
        {
            file.Entries.Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Serial != b.Serial ? a.Serial.CompareTo(b.Serial) : a.Copy.CompareTo(b.Copy));
            if (Prng.For(_seed, 73, file.Year, file.Group).Chance(0.2) && file.Entries.Count > 0)
                file.Entries.Add(new Entry(file.Entries[0].Unit, file.Year, 2_000_000_000L, Kind.Unterminated, Serial(inventionCounter, file.Year), 1, 0));
        }
        return files.OrderBy(kv => kv.Key.Year).ThenBy(kv => kv.Key.Group).Select(kv => kv.Value).ToList();
    }

    private (PatentFileTruth, SortedDictionary<(int, int), UnitYearTruth>) WriteFile(FilePlan plan, string path, string relative)
    {
        var truth = new PatentFileTruth { File = relative };
        var aggregates = new SortedDictionary<(int, int), UnitYearTruth>();
        var encoding = plan.Encoding switch
        {
            0 => (Encoding)new UTF8Encoding(false),
            1 => new UTF8Encoding(true),
            _ => System.Text.Encoding.GetEncoding("GB18030"),
        };
        using var fileStream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(fileStream, CompressionLevel.Fastest) : fileStream;
        using var writer = new StreamWriter(stream, encoding, 1 << 20) { NewLine = "\r\n" };
        var layout = plan.Layout;
        writer.Write(string.Join(",", layout.Columns.Select(c => c.Header)));
        writer.Write("\r\n");
        var line = new StringBuilder(1024);
        var fields = new string[layout.Columns.Length];
        foreach (var e in plan.Entries)
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
            var values = new FieldValues
            {
                [PatentField.AppNo] = plan.Formats.ApplicationNumber(e.Year, kindDigit, e.Serial),
                [PatentField.AppDate] = plan.Formats.Date(date),
                [PatentField.PubNo] = $"CN{100_000_000 + (e.Serial % 90_000_000) + 10_000_000L * (e.Year - 2010)}{(e.Type == 4 ? "B" : e.Type == 2 ? "U" : e.Type == 3 ? "S" : "A")}",
                [PatentField.PubDate] = plan.Formats.Date(date.AddDays(180 + dateRng.Next(400))),
                [PatentField.Title] = text.Title,
                [PatentField.Abstract] = layout.LineBreaksInAbstract ? text.Abstract.Replace("。", "。\n").TrimEnd('\n') : text.Abstract,
                [PatentField.Ipc] = plan.Formats.Ipc(record.Codes, e.Year),
                [PatentField.MainIpc] = plan.Formats.Ipc([record.Codes[0]], e.Year),
                [PatentField.Type] = layout.TypeLabel(e.Type),
                [PatentField.Inventor] = ApplicantNames.Inventors(rng),
            };
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

            var row = layout.Columns.Select(c => values[c.Field]).ToArray();
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
            writer.Write(line.ToString());
            if (e.Kind == Kind.Unterminated) break;
            writer.Write("\r\n");
        }
        return (truth, aggregates);
    }

    /// <summary>Field values of one row, by field.</summary>
    private sealed class FieldValues : System.Collections.IEnumerable
    {
        private readonly string[] _values = new string[Enum.GetValues<PatentField>().Length];

        public string this[PatentField f]
        {
            get => _values[(int)f] ?? "";
            set => _values[(int)f] = value;
        }

        public void Add(PatentField f, string value) => _values[(int)f] = value;

        public System.Collections.IEnumerator GetEnumerator() => _values.GetEnumerator();
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
