using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Etl.Domain.Packing;
using Etl.Domain.Staging;
using Etl.Patents.Reading;

namespace Etl.Patents.Aggregation;

/// <summary>
/// What reading one export gave, kept on disk so that an unchanged export is not read again: its classified
/// records in line order (before de-duplication, which spans exports and is redone on every run), its outcome
/// and its quarantined rows. An entry is keyed by the export's SHA-256 and by <see cref="StageKey"/>, which the
/// caller derives from everything else the result depends on (the stage's code, the mappings, the match mode),
/// and by the export's path; a change to any of them is a different entry. Entries are written to a temporary file and renamed into
/// place, and carry a checksum: an entry that fails it is deleted and its export read again, never folded.
/// </summary>
public sealed partial class ExportResultCache
{
    private const string Magic = "ETLXR03\n";
    private static readonly byte[] MagicBytes = Encoding.ASCII.GetBytes(Magic);

    /// <summary>The cache could not be written, or holds an entry that cannot be decoded: not a fault of the export.</summary>
    public sealed class CacheException(string message, Exception inner) : IOException(message, inner);
    private const string Extension = ".xr";

    /// <summary>A cache of entries for <paramref name="stageKey"/> (letters and digits) in <paramref name="directory"/>.</summary>
    public ExportResultCache(string directory, string stageKey)
    {
        if (!KeyPattern().IsMatch(stageKey)) throw new ArgumentException($"a stage key is 8 to 64 lower-case hex digits, not '{stageKey}'", nameof(stageKey));
        Directory = directory;
        StageKey = stageKey;
    }

    /// <summary>Whether entries are replayed; when false (a full refresh) every export is read, and its entry rewritten.</summary>
    public bool Replay { get; init; } = true;

    /// <summary>
    /// How many distinct runs of industries, branches and subclasses an entry's writer remembers before it starts
    /// afresh (<see cref="Entry"/>); written into each entry, so its reader starts afresh at the same record.
    /// </summary>
    internal int RunTableSize
    {
        get => _runTableSize;
        init => _runTableSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a table holds at least one run");
    }

    private readonly int _runTableSize = DefaultRunTableSize;

    /// <summary>
    /// Under IPC-only matching the largest export of the scale-1 corpus has about 94,000 distinct runs of about 70
    /// values; remembered without a bound, they held about 20 MB on each worker, more for each larger export. A run met
    /// again after a fresh start is written out once more: on that corpus, entries are about 3 % larger than with no
    /// bound (about 8 % with half this size).
    /// </summary>
    internal const int DefaultRunTableSize = 32_768;

    /// <summary>Where the entries are.</summary>
    public string Directory { get; }

    /// <summary>What the entries depend on besides the export's bytes.</summary>
    public string StageKey { get; }

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _discarded = [];

    /// <summary>Entry files this cache read or wrote (what a prune keeps).</summary>
    public IReadOnlyCollection<string> Used
    {
        get
        {
            lock (_used) return [.. _used];
        }
    }

    /// <summary>Entries that failed their checksum or could not be read, with why: deleted, and their exports read again.</summary>
    public IReadOnlyList<string> Discarded
    {
        get
        {
            lock (_discarded) return [.. _discarded];
        }
    }

    /// <summary>
    /// The entry of an export: its bytes, the stage key, and its path under the raw root, since the outcome notes an
    /// extension that contradicts the content (a UTF-8 file named <c>.gbk</c>); a renamed export is read again.
    /// </summary>
    private string PathOf(PatentFile file) =>
        Path.Combine(Directory, $"{file.Sha256}.{StageKey}.{XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(file.Relative)):x16}{Extension}");

    private void MarkUsed(string path)
    {
        lock (_used) _used.Add(Path.GetFileName(path));
    }

    /// <summary>
    /// Replays the entry of <paramref name="file"/>: its records go to <paramref name="emit"/> in batches, as reading the
    /// export would have handed them over. Null when there is no valid entry (nothing was emitted then).
    /// </summary>
    internal ExportReader.FileResult? TryReplay(PatentFile file, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        if (!Replay) return null;
        var path = PathOf(file);
        // Entries are read into pooled buffers: a fresh array per entry put hundreds of megabytes of new memory through
        // the collector on a replay of a national corpus.
        byte[] rented;
        ArraySegment<byte> bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            if (stream.Length > Array.MaxLength) throw new IOException($"{stream.Length} bytes, more than an entry can hold");
            var length = (int)stream.Length;
            rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                stream.ReadExactly(rented, 0, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }
            bytes = new ArraySegment<byte>(rented, 0, length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (_discarded) _discarded.Add($"{Path.GetFileName(path)} (for {file.Relative}), which could not be read ({e.Message})");
            return null;
        }
        try
        {
            // The whole entry is checked before any record is emitted: a bad entry must not reach the fold.
            if (!Verifies(bytes))
            {
                Discard(path, $"{Path.GetFileName(path)} (for {file.Relative}) failed its checksum");
                return null;
            }
            var result = Decode(bytes, file, newBatch, emit);
            MarkUsed(path);
            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            // The checksum held, so the bytes are as written, by code under the same stage key: a body that still
            // does not decode is a defect, and some of its records may have been emitted. Fail plainly.
            throw new CacheException($"the cached export result {path} is malformed ({e.Message}); delete the folder {Directory} and build again", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Discard(string path, string why)
    {
        lock (_discarded) _discarded.Add(why);
        File.Delete(path);
    }

    private static bool Verifies(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 8 || !bytes.StartsWith(MagicBytes)) return false;
        return XxHash3.HashToUInt64(bytes[..^8]) == BitConverter.ToUInt64(bytes[^8..]);
    }

    /// <summary>Emits the records section of an entry's body in batches; returns where the section ends.</summary>
    private static int ReplayRecords(ReadOnlySpan<byte> body, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        var r = new VarintReader(body);
        var tableSize = r.ReadInt();
        if (tableSize < 1) throw new InvalidDataException($"a run table of {tableSize} runs");
        var runs = new List<ushort[]>(Math.Min(tableSize, 1024));
        long line = 0;
        RecordBatch? batch = null;
        while (true)
        {
            var count = r.ReadInt();
            if (count == 0) break;
            for (var i = 0; i < count; i++)
            {
                line += r.ReadSigned();
                var key = r.Read();
                var unit = r.ReadInt();
                var year = r.ReadInt();
                var flags = r.ReadByte();
                var technologies = r.ReadByte();
                // A record's industries, branches and subclasses: a run seen before in this entry, or a new one.
                var seen = r.ReadInt();
                if (seen == 0)
                {
                    // The writer started afresh here (Entry.WriteRecords).
                    if (runs.Count == tableSize) runs.Clear();
                    var run = new ushort[r.ReadInt()];
                    for (var k = 0; k < run.Length; k++) run[k] = checked((ushort)r.ReadInt());
                    runs.Add(run);
                }
                else if (seen > runs.Count) throw new InvalidDataException($"a record refers to run {seen} of {runs.Count}");
                batch ??= newBatch();
                batch.Add(key, line, unit, year, flags, technologies, runs[seen == 0 ? runs.Count - 1 : seen - 1]);
                if (batch.IsFull)
                {
                    emit(batch);
                    batch = null;
                }
            }
        }
        if (batch is { Count: > 0 }) emit(batch);
        return r.Position;
    }

    private static ExportReader.FileResult Decode(ArraySegment<byte> bytes, PatentFile file, Func<RecordBatch> newBatch, Action<RecordBatch> emit)
    {
        var body = bytes.AsSpan(Magic.Length, bytes.Count - 8 - Magic.Length);
        var at = ReplayRecords(body, newBatch, emit);
        using var r = new BinaryReader(new MemoryStream(bytes.Array!, bytes.Offset + Magic.Length + at, body.Length - at), Encoding.UTF8);
        var outcome = new FileOutcome(SourceKind.Patents, file.Relative, file.Sha256, file.Bytes)
        {
            Encoding = ReadText(r),
            Note = ReadText(r),
            Read = r.Read7BitEncodedInt64(),
            Rejection = r.ReadBoolean() ? ReadText(r) : null,
        };
        ReadCounts(r, outcome.Excluded);
        ReadCounts(r, outcome.Quarantined);
        var result = new ExportReader.FileResult(outcome) { UnparsableCodes = r.Read7BitEncodedInt64(), Accepted = r.Read7BitEncodedInt64() };
        var items = r.Read7BitEncodedInt();
        for (var i = 0; i < items; i++)
            result.Quarantine.Add(new QuarantineItem(SourceKind.Patents, file.Relative, ReadText(r), ReadText(r), ReadText(r)));
        if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException("bytes after the end of the entry");
        return result;
    }

    private static void ReadCounts(BinaryReader r, SortedDictionary<string, long> into)
    {
        var n = r.Read7BitEncodedInt();
        for (var i = 0; i < n; i++) into[ReadText(r)] = r.Read7BitEncodedInt64();
    }

    /// <summary>
    /// Text as its UTF-16 code units: a quarantined row's detail may quote undecodable bytes as lone surrogates,
    /// which a UTF-8 round trip would replace.
    /// </summary>
    private static string ReadText(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        var units = r.ReadBytes(length * 2);
        if (units.Length != length * 2) throw new EndOfStreamException();
        return new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(units));
    }

    private static void WriteText(BinaryWriter w, string text)
    {
        w.Write7BitEncodedInt(text.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
    }



    /// <summary>Starts the entry of an export being read; <see cref="Entry.Commit"/> puts it in place, disposing without it leaves nothing.</summary>
    internal Entry Begin(PatentFile file)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            return new Entry(this, PathOf(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(e);
        }
    }

    private CacheException WriteFailed(Exception e) =>
        new($"the export-result cache {Directory} could not be written: {e.Message} (--cache names another folder)", e);

    /// <summary>An entry being written, batch by batch, as the export is read.</summary>
    internal sealed class Entry : IDisposable
    {
        private readonly ExportResultCache _owner;
        private readonly string _path;
        private readonly string _temp;
        // The file is unbuffered and the buffer a BufferedStream: a FileStream's own buffer is flushed again by its
        // finalizer, which on a full disk would throw on the finalizer thread and end the process.
        private readonly FileStream _file;
        private readonly BufferedStream _buffered;
        private readonly BinaryWriter _w;
        private readonly XxHash3 _hash = new();
        private readonly HashingStream _hashing;
        private readonly Dictionary<string, int> _runs = new(StringComparer.Ordinal);
        private readonly VarintBuffer _buffer = new();
        private long _line;
        private bool _committed;

        public Entry(ExportResultCache owner, string path)
        {
            _owner = owner;
            _path = path;
            _temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            _file = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            _buffered = new BufferedStream(_file, 1 << 16);
            _hashing = new HashingStream(_buffered, _hash);
            _w = new BinaryWriter(_hashing, Encoding.UTF8, leaveOpen: true);
            _w.Write(Encoding.ASCII.GetBytes(Magic));
            _buffer.Write(owner.RunTableSize);
            _w.Write(_buffer.Span);
        }

        /// <summary>Appends the records of a batch.</summary>
        public void Write(RecordBatch batch)
        {
            try
            {
                WriteRecords(batch);
            }
            catch (IOException e)
            {
                throw _owner.WriteFailed(e);
            }
        }

        /// <summary>Writes the outcome and quarantined rows of a completed read and puts the entry in place.</summary>
        public void Commit(ExportReader.FileResult result)
        {
            try
            {
                WriteEnd(result);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw _owner.WriteFailed(e);
            }
        }

        private void WriteRecords(RecordBatch batch)
        {
            if (batch.Count == 0) return;
            var b = _buffer;
            b.Clear();
            b.Write(batch.Count);
            var extra = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch.Extra);
            var known = _runs.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i < batch.Count; i++)
            {
                b.WriteSigned(batch.Line[i] - _line);
                _line = batch.Line[i];
                b.Write(batch.Key[i]);
                b.Write(batch.Unit[i]);
                b.Write(batch.Year[i]);
                b.WriteByte(batch.Flags[i]);
                b.WriteByte(batch.Technologies[i]);
                // Records share few distinct runs of industries, branches and subclasses (IPC-only matching confirms
                // dozens of branches a record): each run is written once, then referred to by number, until the table
                // of runs is full and starts afresh (RunTableSize).
                var run = extra[batch.ExtraStart[i]..batch.ExtraStart[i + 1]];
                var asText = System.Runtime.InteropServices.MemoryMarshal.Cast<ushort, char>(run);
                if (known.TryGetValue(asText, out var seen)) b.Write(seen + 1);
                else
                {
                    if (_runs.Count == _owner.RunTableSize) _runs.Clear();
                    known[asText] = _runs.Count;
                    b.Write(0);
                    b.Write(run.Length);
                    foreach (var v in run) b.Write(v);
                }
            }
            _w.Write(b.Span);
        }

        private void WriteEnd(ExportReader.FileResult result)
        {
            _w.Write7BitEncodedInt(0);
            var o = result.Outcome;
            WriteText(_w, o.Encoding);
            WriteText(_w, o.Note);
            _w.Write7BitEncodedInt64(o.Read);
            _w.Write(o.Rejection is not null);
            if (o.Rejection is not null) WriteText(_w, o.Rejection);
            WriteCounts(o.Excluded);
            WriteCounts(o.Quarantined);
            _w.Write7BitEncodedInt64(result.UnparsableCodes);
            _w.Write7BitEncodedInt64(result.Accepted);
            _w.Write7BitEncodedInt(result.Quarantine.Count);
            foreach (var q in result.Quarantine)
            {
                WriteText(_w, q.Locator);
                WriteText(_w, q.Reason);
                WriteText(_w, q.Detail);
            }
            _w.Flush();
            Span<byte> sum = stackalloc byte[8];
            BitConverter.TryWriteBytes(sum, _hash.GetCurrentHashAsUInt64());
            _buffered.Write(sum);
            _buffered.Flush();
            _file.Dispose();
            File.Move(_temp, _path, overwrite: true);
            _committed = true;
            _owner.MarkUsed(_path);
        }

        private void WriteCounts(SortedDictionary<string, long> counts)
        {
            _w.Write7BitEncodedInt(counts.Count);
            foreach (var (name, n) in counts)
            {
                WriteText(_w, name);
                _w.Write7BitEncodedInt64(n);
            }
        }

        public void Dispose()
        {
            if (_committed) return;
            // An abandoned entry is not flushed (the write that failed would only fail again): the unbuffered file
            // closes without writing, and the temporary file goes.
            _file.Dispose();
            File.Delete(_temp);
        }
    }

    /// <summary>Passes writes through to a stream and into a running hash.</summary>
    private sealed class HashingStream(Stream inner, XxHash3 hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.Append(buffer);
            inner.Write(buffer);
        }

        public override void WriteByte(byte value) => Write([value]);
    }

    [GeneratedRegex("^[0-9a-f]{8,64}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[0-9a-f]{64}\.[0-9a-f]{8,64}\.[0-9a-f]{16}\.xr$")]
    private static partial Regex EntryPattern();

    /// <summary>
    /// Deletes the entries in <paramref name="directory"/> that none of <paramref name="kept"/> used (exports no longer
    /// in the raw folder, results of older code or mappings); files of any other name are left alone. Returns how
    /// many were deleted.
    /// </summary>
    public static int Prune(string directory, IEnumerable<ExportResultCache> kept)
    {
        if (!System.IO.Directory.Exists(directory)) return 0;
        var keep = kept.SelectMany(k => k.Used).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (!EntryPattern().IsMatch(name) || keep.Contains(name)) continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }
}
