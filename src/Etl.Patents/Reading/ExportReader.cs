using System.Text;
using CsvHelper;
using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Patents.Aggregation;
using Etl.Patents.Geo;
using Etl.Patents.Ipc;
using Etl.Patents.Matching;

namespace Etl.Patents.Reading;

/// <summary>
/// Reads one patent export and settles every record: invention applications of 2010-2024 by located
/// domestic applicants are classified and handed on in batches; every other record is excluded by a named
/// rule or quarantined with its line and reason (see the patent stage README for the rules and their order).
/// </summary>
internal sealed class ExportReader
{
    /// <summary>Longest record accepted; a quote left open would otherwise swallow the rest of the file.</summary>
    public const int MaxRecordBytes = 1 << 20;

    private readonly KdtMatcher _matcher;
    private readonly AddressGeocoder _geocoder;

    public ExportReader(KdtMatcher matcher, AddressGeocoder geocoder)
    {
        _matcher = matcher;
        _geocoder = geocoder;
    }

    /// <summary>
    /// For lineage: the kept records of these lines hand their IPC field and their title and abstract to
    /// <see cref="Observed"/> (a trace explains a record by re-reading it). Null on a build.
    /// </summary>
    public IReadOnlySet<long>? ObserveLines { get; init; }

    /// <summary>What <see cref="ObserveLines"/> asked for: per line, the IPC field(s) and the title and abstract.</summary>
    public Dictionary<long, (string Ipc, string Text)> Observed { get; } = [];

    /// <summary>The file's outcome (loaded and duplicate counts are added by the aggregator) and its quarantined rows.</summary>
    public sealed class FileResult(FileOutcome outcome)
    {
        public FileOutcome Outcome { get; } = outcome;

        public List<QuarantineItem> Quarantine { get; } = [];

        /// <summary>Codes that could not be read, over all records (a record with some readable codes is kept).</summary>
        public long UnparsableCodes { get; set; }

        /// <summary>Records handed on to aggregation (before de-duplication).</summary>
        public long Accepted { get; set; }

        /// <summary>The last physical line (CSV) or row number (workbook) the reader settled: where a read that breaks off stopped.</summary>
        public long LastLine { get; set; }

        /// <summary>
        /// Whether the file could not be read to its end (rejected or cut short by <c>read_error</c>): a later read of
        /// the same bytes may get further, so such a result is not remembered.
        /// </summary>
        public bool BrokeOff => Outcome.Quarantined.ContainsKey(PatentStage.ReadError);
    }

    /// <summary>Failures of the file or its bytes rather than of the code: they settle the file as <see cref="PatentStage.ReadError"/>.</summary>
    internal static bool IsReadError(Exception e) => e is IOException or UnauthorizedAccessException or InvalidDataException or CsvFormatException;

    /// <summary>
    /// A failure of what the records are handed to (a cache that cannot be written, a stage that stopped), carried
    /// past the reader's handlers of read errors, which must not take it for the file's own, and rethrown as it was.
    /// </summary>
    private sealed class HandOnFailed(Exception inner) : Exception(inner.Message, inner);

    /// <summary>
    /// Reads the export at <paramref name="path"/>, handing kept records to <paramref name="emit"/>. Never throws for a
    /// file that cannot be read: a file that fails before any item is counted is rejected; one that breaks off keeps
    /// what was read and emitted, and the rest is one quarantined item at the line where reading stopped, so the
    /// outcome reconciles with the records already handed on.
    /// </summary>
    public FileResult Read(string path, string relative, string sha256, long bytes, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        var result = new FileResult(new FileOutcome(SourceKind.Patents, relative, sha256, bytes));
        try
        {
            return ReadFile(path, result, newBatch, batch =>
            {
                try
                {
                    emit(batch);
                }
                catch (Exception e)
                {
                    throw new HandOnFailed(e);
                }
            });
        }
        catch (HandOnFailed e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException!);
            throw;
        }
        catch (Exception e) when (IsReadError(e))
        {
            return BreakOff(result, e);
        }
    }

    /// <summary>Settles a text export that failed with <paramref name="error"/> after its line <see cref="FileResult.LastLine"/>.</summary>
    private static FileResult BreakOff(FileResult result, Exception error) =>
        BreakOff(result, $"line {result.LastLine + 1}", $"the file cannot be read beyond line {result.LastLine}", error);

    /// <summary>
    /// Settles a read that failed with <paramref name="error"/>: rejected when nothing was counted yet, else one more
    /// item quarantined at <paramref name="locator"/> (every record before it is already settled and emitted).
    /// </summary>
    internal static FileResult BreakOff(FileResult result, string locator, string what, Exception error)
    {
        var why = $"{what} ({error.GetType().Name}: {error.Message})";
        if (result.Outcome.Read == 0) return Reject(result, PatentStage.ReadError, why);
        result.Outcome.Read++;
        Quarantine(result, locator, PatentStage.ReadError, why);
        return result;
    }

    private FileResult ReadFile(string path, FileResult result, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        var outcome = result.Outcome;
        // The format comes from the bytes: vendors deliver workbooks as often as CSV, under any name.
        var format = FileFormats.Sniff(path).Format;
        if (format is FileFormat.Xlsx or FileFormat.Xls)
            return WorkbookExport.Read(this, path, result, _matcher.Mode == Domain.Classification.MatchMode.IpcAndKeyword, _matcher.CreateSession(), newBatch, emit);
        var encoding = ExportEncoding.Detect(path);
        if (encoding is null) return Reject(result, "encoding_error", "the first 64 KiB are neither valid UTF-8 nor valid GB18030");
        if (encoding.Name == "utf-16")
            return Reject(result, "unsupported_encoding", "UTF-16 text (what Excel saves as 'Unicode text'): save the export as CSV in UTF-8 to read it");
        outcome.Encoding = encoding.ToString() + (ExportEncoding.NameMismatch(path) is { Length: > 0 } mismatch ? $"; {mismatch}" : "");
        var decoder = new FieldDecoder(encoding.Encoding);

        // Some exports start with lines about the search (检索式, 导出时间) before the header: the header is the
        // first of the first lines that names the columns the stage needs; the lines before it are excluded.
        var (headerByte, headerLine, separator) = FindHeader(path, encoding, decoder);
        var pass = new Pass(this, path, result, decoder, separator, newBatch, emit);
        if (headerLine > 0)
        {
            outcome.Read += headerLine;
            outcome.Exclude("preamble_row", headerLine);
        }

        // A quote left open swallows the lines after it into one malformed record; the reader then resumes on
        // the next line that starts a record, so only the broken record is lost (and quarantined).
        var (resumeByte, lineBase) = (headerByte, (long)headerLine);
        var first = true;
        while (true)
        {
            var resume = pass.Run(resumeByte, lineBase, first, out var rejection);
            if (rejection is not null) return rejection;
            first = false;
            if (resume is not { } r) break;
            if (r.LineBase <= lineBase) break; // no progress: stop rather than loop
            (resumeByte, lineBase) = r;
        }
        return result;
    }

    /// <summary>Lines searched for the header.</summary>
    private const int HeaderSearchLines = 20;

    /// <summary>
    /// Byte offset, index and separator of the header line: the first line whose names, split at commas (or at
    /// tabs, for tab-separated exports), map the needed columns; else the first line, split at commas.
    /// </summary>
    private (long Byte, int Line, char Separator) FindHeader(string path, Etl.Domain.Text.DetectedEncoding encoding, FieldDecoder decoder)
    {
        using var s = new BufferedStream(ExportEncoding.Open(path), 1 << 16);
        for (var i = 0; i < encoding.Preamble; i++) s.ReadByte();
        long at = encoding.Preamble;
        var line = new List<byte>(256);
        for (var index = 0; index < HeaderSearchLines; index++)
        {
            var start = at;
            line.Clear();
            int b;
            while ((b = s.ReadByte()) >= 0)
            {
                at++;
                if (b == '\n') break;
                line.Add((byte)b);
            }
            if (line.Count == 0 && b < 0) break;
            string text;
            try
            {
                text = decoder.DecodeString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line));
            }
            catch (DecoderFallbackException)
            {
                continue;
            }
            foreach (var separator in new[] { ',', '\t' })
            {
                var names = text.TrimEnd('\r').Split(separator).Select(n => n.Trim().Trim('"')).ToList();
                if (ExportColumns.From(names).Missing(_matcher.Mode == Domain.Classification.MatchMode.IpcAndKeyword).Count == 0) return (start, index, separator);
            }
        }
        return (encoding.Preamble, 0, ',');
    }

    /// <summary>
    /// How CsvHelper reads an export: raw bytes (no transcoding), no header handling (the header row is
    /// read as a record), line numbers tracked, malformed and ragged records skipped and reported to
    /// <paramref name="onMalformed"/>. The benchmark's parse-only pass uses the same options.
    /// </summary>
    internal static CsvReaderOptions CsvOptions(Action<CsvMalformedRecord> onMalformed, char separator = ',') => new()
    {
        Separator = separator,
        HasHeader = false,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        // Counted against the header by the reader itself: CsvHelper compares with the first record of a run, and
        // a run that resumes after a broken record starts without the header.
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MaxRecordSize = MaxRecordBytes,
        BufferSize = 1 << 20,
        OnMalformedRecord = onMalformed,
    };

    /// <summary>One run of CsvHelper over the file from a byte offset; the header is read on the first run only.</summary>
    private sealed class Pass(ExportReader owner, string path, FileResult result, FieldDecoder decoder, char separator, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        private ExportColumns? _columns;
        private int _fieldCount;
        private readonly KdtMatcher.Session _session = owner._matcher.CreateSession();
        private readonly List<long> _codes = new(8);

        /// <summary>Reads records; returns where to resume after a swallowing unterminated quote, or null at the end.</summary>
        public (long Byte, long LineBase)? Run(long startByte, long lineBase, bool header, out FileResult? rejection)
        {
            rejection = null;
            var outcome = result.Outcome;
            long? swallowed = null;
            // A broken record CsvHelper ended at a line break inside what its quotes left open: until a line that
            // starts a record, what follows is the rest of it, not records of their own.
            long? broken = null;
            result.LastLine = lineBase;
            var opened = ExportEncoding.Open(path);
            Skip(opened, startByte);
            // Physical lines are counted apart from the parser: at the end every non-blank line must lie in a
            // record that was loaded, excluded or quarantined.
            using var stream = new LineTally(opened);
            long spanned = 0;
            var options = CsvOptions(m =>
            {
                var raw = m.RawRecord ?? "";
                var line = lineBase + m.LineNumber;
                var body = raw.TrimEnd('\r', '\n');
                // A broken record whose later lines start records of their own swallowed them (a quote left open,
                // whatever closed it): the pass stops, and reading resumes at the next line that starts a record,
                // so the lines it swallowed are read on their own. (A record may span lines legitimately: a quoted
                // abstract with line breaks.)
                var swallows = body.Contains('\n', StringComparison.Ordinal) && SwallowedRecordLine(System.Text.Encoding.UTF8.GetBytes(body)) is not null;
                if (swallows && swallowed is null) swallowed = line;
                if (swallowed is { } first && line > first) return;
                if (broken is { } open && !StartsRecord(System.Text.Encoding.UTF8.GetBytes(body), _columns![ExportField.ApplicationNumber]))
                {
                    swallowed = open;
                    return;
                }
                outcome.Read++;
                const string reason = "malformed_quotes";
                outcome.Quarantine(reason);
                result.Quarantine.Add(new QuarantineItem(SourceKind.Patents, outcome.File, $"line {line}", reason,
                    $"{m.Reason}{(swallows ? $" over lines {line}-{line + body.Count(c => c == '\n')}, a quote left open; reading resumes at the next line that starts a record" : "")}: {(raw.Length > 160 ? raw[..160] + "…" : raw)}"));
                spanned += LineTally.LinesOf(System.Text.Encoding.UTF8.GetBytes(raw));
                // The lines a swallowing record took are read again from the next line that starts a record.
                result.LastLine = swallows ? line : Math.Max(result.LastLine, line + body.Count(c => c == '\n'));
                if (!swallows) broken = line;
            }, separator);
            using var reader = CsvReader.Create(stream, options, leaveOpen: true);
            if (header)
            {
                if (!reader.Read())
                {
                    rejection = Reject(result, "empty_export", "the file holds no header row");
                    return null;
                }
                var headers = new List<string>();
                try
                {
                    for (var i = 0; i < reader.FieldCount; i++) headers.Add(decoder.DecodeString(reader.GetSpan(i)));
                }
                catch (DecoderFallbackException e)
                {
                    rejection = Reject(result, "encoding_error", $"the header row is not valid: {e.Message}");
                    return null;
                }
                _columns = ExportColumns.From(headers);
                _fieldCount = headers.Count;
                result.LastLine = lineBase + 1;
                outcome.Note = _columns.Describe(headers);
                if (_columns.Missing(owner._matcher.Mode == Domain.Classification.MatchMode.IpcAndKeyword) is { Count: > 0 } missing)
                {
                    rejection = Reject(result, "missing_columns", $"no column for {string.Join(", ", missing)} among: {string.Join(", ", headers)}");
                    return null;
                }
            }
            var batch = newBatch();
            var gb18030 = decoder.IsGb18030;
            while (true)
            {
                try
                {
                    if (!reader.Read()) break;
                }
                catch (CsvHelper.CsvFormatException e)
                {
                    // A record grew past MaxRecordSize. It starts on the line after the last record read: either that
                    // one line is longer than the limit (record_too_long), or a quote left open runs over many lines
                    // (malformed_quotes). Either way, resume at the next line that starts a record.
                    if (batch.Count > 0) emit(batch);
                    // Unless a broken record that swallowed later lines came first (already quarantined): reading
                    // resumes after it, and the long record is met again there.
                    if (swallowed is { } swallowing) return NextRecordStart(swallowing, startByte, lineBase);
                    var bad = result.LastLine + 1;
                    var longLine = LineLength(bad, startByte, lineBase) > MaxRecordBytes;
                    outcome.Read++;
                    Quarantine(result, bad, longLine ? "record_too_long" : "malformed_quotes",
                        longLine ? $"the line is longer than the {MaxRecordBytes / (1 << 20)} MiB a record may have ({e.Message})" : $"{e.Message} (a quote left open)");
                    result.LastLine = bad;
                    return NextRecordStart(bad, startByte, lineBase);
                }
                catch (Exception e) when (IsReadError(e))
                {
                    // The file breaks off (a corrupt gzip block, a truncated copy): what was read counts, the
                    // rest is one quarantined item.
                    if (batch.Count > 0) emit(batch);
                    BreakOff(result, e);
                    return null;
                }
                var line = lineBase + reader.LineNumber;
                if (swallowed is not null) break; // a broken record was met while reading this one: resume after it
                var raw = reader.RawRecord;
                if (broken is { } open)
                {
                    // The rest of a broken record: resume at the next line that starts a record.
                    if (!StartsRecord(raw, _columns![ExportField.ApplicationNumber])) { swallowed = open; break; }
                    broken = null;
                }
                outcome.Read++;
                var continuation = raw.TrimEnd("\r\n"u8).Count((byte)'\n');
                result.LastLine = line + continuation;
                spanned += continuation == 0 ? 1 : LineTally.LinesOf(raw);
                // A record over several lines whose later lines start records of their own swallowed them: a quote
                // left open that a later quote closed. Quarantine it and read those lines as records.
                if (continuation > 0 && SwallowedRecordLine(raw) is { } inner)
                {
                    if (batch.Count > 0) emit(batch);
                    Quarantine(result, line, "malformed_quotes",
                        $"a quote left open swallows lines {line + 1}-{line + continuation}, of which line {line + inner} starts a record; reading resumes there");
                    result.LastLine = line;
                    return NextRecordStart(line, startByte, lineBase);
                }
                if (reader.FieldCount != _fieldCount)
                {
                    Quarantine(result, line, "field_count", $"{reader.FieldCount} fields where the header has {_fieldCount}");
                    continue;
                }
                if (!EncodingValidator.IsValid(raw, gb18030))
                {
                    Quarantine(result, line, "encoding_error",
                        $"the row holds bytes that are not valid {(gb18030 ? "GB18030" : "UTF-8")}, the first at byte {EncodingValidator.FirstInvalid(raw, gb18030)} of the row");
                    continue;
                }
                try
                {
                    var fields = new CsvRecordFields(reader, decoder);
                    if (!owner.Settle(ref fields, _columns!, _session, _codes, line, result, batch)) continue;
                }
                catch (DecoderFallbackException e)
                {
                    Quarantine(result, line, "encoding_error", $"a field is not valid in the file's encoding: {e.Message}");
                    continue;
                }
                if (batch.IsFull)
                {
                    emit(batch);
                    batch = newBatch();
                }
            }
            if (batch.Count > 0) emit(batch);
            if (swallowed is { } early) return NextRecordStart(early, startByte, lineBase);
            if (opened is CountingStream counted && counted.AtEnd && !ExportEncoding.GzipComplete(path, counted.BytesRead))
            {
                // The file breaks off: the last line was cut (and quarantined as malformed); the rest is lost.
                var truncated = $"the gzip stream ends after {counted.BytesRead} bytes, short of the size its trailer states: the file is truncated";
                if (outcome.Read == 0)
                {
                    rejection = Reject(result, PatentStage.ReadError, truncated);
                    return null;
                }
                outcome.Read++;
                Quarantine(result, result.LastLine + 1, PatentStage.ReadError, truncated);
                return null;
            }
            // Every non-blank line of this pass lies in a record (or the header): the count the parser cannot fool.
            var header0 = header ? 1 : 0;
            if (stream.AtEnd && stream.Lines > spanned + header0)
            {
                var missing = stream.Lines - spanned - header0;
                outcome.Read += missing;
                outcome.Quarantine("unaccounted_lines", missing);
                result.Quarantine.Add(new QuarantineItem(SourceKind.Patents, outcome.File, $"lines after {lineBase}", "unaccounted_lines",
                    $"{missing} non-blank lines of the file lie in no record the parser returned"));
            }
            return null;
        }

        /// <summary>The length in bytes of physical line <paramref name="target"/> (counted to a limit past the record cap).</summary>
        private long LineLength(long target, long fromByte, long fromLine)
        {
            using var opened = ExportEncoding.Open(path);
            Skip(opened, fromByte);
            using var s = new BufferedStream(opened, 1 << 16);
            var line = fromLine + 1;
            long length = 0;
            int b;
            while ((b = s.ReadByte()) >= 0)
            {
                if (b == '\n')
                {
                    if (line == target) return length;
                    line++;
                    length = 0;
                    continue;
                }
                if (line == target && ++length > MaxRecordBytes) return length;
            }
            return length;
        }

        /// <summary>
        /// Where to resume after a quote left open on line <paramref name="badLine"/>: the first later line whose
        /// application-number column holds an application number, i.e. a line that starts a record. Lines in
        /// between (the rest of a cut-off abstract, say) belong to the quarantined record. Null when no line does.
        /// </summary>
        private (long Byte, long LineBase)? NextRecordStart(long badLine, long fromByte, long fromLine)
        {
            var column = _columns![ExportField.ApplicationNumber];
            using var opened = ExportEncoding.Open(path);
            Skip(opened, fromByte);
            using var s = new BufferedStream(opened, 1 << 16);
            long at = fromByte, lines = fromLine;
            var current = new List<byte>(512);
            int b;
            while ((b = s.ReadByte()) >= 0)
            {
                at++;
                if (lines >= badLine) current.Add((byte)b);
                if (b != '\n') continue;
                lines++;
                if (lines <= badLine) continue;
                if (StartsRecord(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(current), column))
                    return (at - current.Count, lines - 1);
                current.Clear();
            }
            return null;
        }

        /// <summary>The offset (in lines) of the first continuation line of a record that starts a record of its own, or null.</summary>
        private int? SwallowedRecordLine(ReadOnlySpan<byte> raw)
        {
            var column = _columns![ExportField.ApplicationNumber];
            var offset = 0;
            while (true)
            {
                var nl = raw.IndexOf((byte)'\n');
                if (nl < 0) return null;
                raw = raw[(nl + 1)..];
                offset++;
                if (StartsRecord(raw, column)) return offset;
            }
        }

        private bool StartsRecord(ReadOnlySpan<byte> line, int column)
        {
            if (line.IndexOf((byte)'\n') is var lineEnd && lineEnd >= 0) line = line[..lineEnd];
            for (var i = 0; i < column; i++)
            {
                var comma = line.IndexOf((byte)separator);
                if (comma < 0) return false;
                line = line[(comma + 1)..];
            }
            var end = line.IndexOfAny((byte)separator, (byte)'\r', (byte)'\n');
            var field = end < 0 ? line : line[..end];
            try
            {
                return ApplicationNumber.TryParse(decoder.Decode(field.Trim((byte)'"')), out _, out _, out _);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        private static void Skip(Stream s, long count)
        {
            var buffer = new byte[1 << 16];
            while (count > 0)
            {
                var n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
                if (n == 0) break;
                count -= n;
            }
        }
    }

    /// <summary>
    /// Settles one record, whatever the file it comes from (<typeparamref name="TFields"/>: a CSV row's bytes or a
    /// workbook row's cells); true when it was added to the batch.
    /// </summary>
    internal bool Settle<TFields>(ref TFields fields, ExportColumns columns, KdtMatcher.Session session, List<long> codes,
        long line, FileResult result, RecordBatch batch) where TFields : struct, IRecordFields
    {
        var outcome = result.Outcome;
        var number = fields.Text(columns[ExportField.ApplicationNumber]);
        if (!ApplicationNumber.TryParse(number, out var key, out var kind, out var why))
            return Quarantine(result, fields.Locate(line), "bad_application_number", $"'{number.ToString()}': {why}");

        var type = columns.Has(ExportField.Type) ? PatentKinds.Parse(fields.Text(columns[ExportField.Type])) : PatentKind.Unknown;
        var invention = type == PatentKind.Unknown ? ApplicationNumber.IsInvention(kind) : type == PatentKind.Invention;
        if (!invention) return Exclude(outcome, "not_invention");

        var date = fields.Text(columns[ExportField.ApplicationDate]);
        if (!FilingDate.TryYear(date, out var year)) return Quarantine(result, fields.Locate(line), "bad_date", $"application date '{date.ToString()}'");
        if (!PanelYears.Contains(year)) return Exclude(outcome, "outside_window");

        codes.Clear();
        var unparsable = 0;
        if (columns.Has(ExportField.Ipc))
        {
            IpcNotation.Parse(fields.Text(columns[ExportField.Ipc]), codes, out var bad);
            unparsable += bad;
        }
        if (columns.Has(ExportField.MainIpc))
        {
            // The main code is usually in the list too; a list without it gets it added.
            var before = codes.Count;
            IpcNotation.Parse(fields.Text(columns[ExportField.MainIpc]), codes, out var bad);
            if (before == 0) unparsable += bad;
        }
        Distinct(codes);
        unparsable += session.Prepare(codes);
        result.UnparsableCodes += unparsable;
        if (codes.Count == 0)
            return unparsable > 0 ? Quarantine(result, fields.Locate(line), "unparsable_ipc", "no IPC code in the classification field can be read")
                : Quarantine(result, fields.Locate(line), "no_ipc", "the record has no IPC code");

        var address = fields.Address(columns);
        var place = _geocoder.Geocode(address, year);
        switch (place.Status)
        {
            case GeocodeStatus.Foreign: return Exclude(outcome, "foreign_applicant");
            case GeocodeStatus.HongKongMacaoTaiwan: return Exclude(outcome, "hmt_applicant");
            case GeocodeStatus.Unresolvable: return Quarantine(result, fields.Locate(line), "unresolvable_address", $"address '{address.ToString()}' names no unit of {year}");
            case GeocodeStatus.Ambiguous: return Quarantine(result, fields.Locate(line), "ambiguous_address", $"address '{address.ToString()}' names a place several units of {year} share");
        }

        // Title and abstract are searched one after the other, and only while a candidate branch is unconfirmed;
        // UTF-8 fields are searched as bytes (the record was validated above), GB18030 ones decoded first.
        session.StartText();
        if (session.WantsText && columns.Has(ExportField.Title)) fields.Search(columns[ExportField.Title], session);
        if (session.WantsText && columns.Has(ExportField.Abstract)) fields.Search(columns[ExportField.Abstract], session);
        var c = session.Finish();

        if (ObserveLines is { } wanted && wanted.Contains(line)) Observe(ref fields, columns, line);
        var flags = (byte)((c.Digital ? RecordBatch.DigitalFlag : 0) | (c.Integrated ? RecordBatch.IntegratedFlag : 0) | (c.RealOnly ? RecordBatch.RealOnlyFlag : 0));
        batch.Add(key, line, place.Unit, year, flags, c.Technologies, session.RealIndustries, session.ConfirmedBranches, session.DigitalSubclasses, session.RealSubclasses);
        result.Accepted++;
        return true;
    }

    /// <summary>Keeps a kept record's IPC field(s) and its title and abstract for <see cref="ObserveLines"/>.</summary>
    private void Observe<TFields>(ref TFields fields, ExportColumns columns, long line) where TFields : struct, IRecordFields
    {
        var ipc = new List<string>(2);
        var text = new List<string>(2);
        foreach (var f in new[] { ExportField.Ipc, ExportField.MainIpc })
            if (columns.Has(f)) ipc.Add(fields.Text(columns[f]).ToString());
        foreach (var f in new[] { ExportField.Title, ExportField.Abstract })
            if (columns.Has(f)) text.Add(fields.Text(columns[f]).ToString());
        Observed[line] = (string.Join(";", ipc), string.Join("\n", text));
    }

    private static void Distinct(List<long> codes)
    {
        for (var i = codes.Count - 1; i > 0; i--)
            if (codes.IndexOf(codes[i]) < i) codes.RemoveAt(i);
    }

    private static bool Exclude(FileOutcome outcome, string rule)
    {
        outcome.Exclude(rule);
        return false;
    }

    private static bool Quarantine(FileResult result, long line, string reason, string detail) => Quarantine(result, $"line {line}", reason, detail);

    internal static bool Quarantine(FileResult result, string locator, string reason, string detail)
    {
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Patents, result.Outcome.File, locator, reason, detail));
        return false;
    }

    internal static FileResult Reject(FileResult result, string reason, string detail)
    {
        result.Outcome.Rejection = reason;
        result.Outcome.Read = 1;
        result.Outcome.Quarantine(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Patents, result.Outcome.File, "", reason, detail));
        return result;
    }
}
