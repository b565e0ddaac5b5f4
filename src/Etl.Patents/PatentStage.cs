using System.Diagnostics;
using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Patents.Aggregation;
using Etl.Patents.Geo;
using Etl.Patents.Matching;
using Etl.Patents.Reading;

namespace Etl.Patents;

/// <summary>An export to read: its path, path under the raw root, hash and size.</summary>
public sealed record PatentFile(string FullPath, string Relative, string Sha256, long Bytes);

/// <summary>What the patent stage produced.</summary>
/// <param name="Files">Per export, in file order: outcome (read = loaded + excluded + quarantined).</param>
/// <param name="Quarantine">Every quarantined record, with file and line.</param>
/// <param name="Aggregates">City-year and national counts.</param>
/// <param name="UnparsableCodes">IPC codes that could not be read in records that were kept anyway.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record PatentStageResult(IReadOnlyList<FileOutcome> Files, IReadOnlyList<QuarantineItem> Quarantine, PatentAggregates Aggregates,
    long UnparsableCodes, TimeSpan Elapsed)
{
    /// <summary>Per export, in file order: whether its reading result came from the cache instead of the file.</summary>
    public IReadOnlyList<bool> Replayed { get; init; } = [];

    /// <summary>Exports read from their files (the others were replayed from the cache).</summary>
    public int ExportsRead => Files.Count - Replayed.Count(r => r);
}

/// <summary>
/// Runs the patent stage over a set of exports. Exports are read in parallel, one per worker (decoding,
/// parsing, matching and geocoding happen on the workers); classified records are folded in file order on
/// the calling thread, which keeps de-duplication and the result independent of thread timing; with a sink,
/// the records and each export's outcome are written on one more thread, in the same order
/// (<see cref="SinkThread"/>). Memory is bounded by a cap on batches buffered ahead of the file being folded
/// and on batches waiting to be written, plus the de-duplication index
/// (<see cref="ApplicationKeySet"/>: 1.25 MB per filing year and kind of invention number).
/// </summary>
public sealed class PatentStage
{
    /// <summary>
    /// The reason an export that cannot be read is quarantined under: the whole file (rejected) when nothing of it
    /// was read, else the rest of it, after the records read before the error.
    /// </summary>
    public const string ReadError = "read_error";

    /// <summary>Batches that workers may hold ahead of the file being folded before they wait.</summary>
    public const int MaxBufferedBatches = 256;

    private readonly KdtMatcher _matcher;
    private readonly AddressGeocoder _geocoder;

    /// <summary>Builds the matcher and geocoder from the mappings.</summary>
    public PatentStage(MappingSet mappings, MatchMode mode = MatchMode.IpcAndKeyword)
    {
        _matcher = new KdtMatcher(mappings, mode);
        _geocoder = new AddressGeocoder(mappings);
    }

    /// <summary>The matcher (for tests and lineage).</summary>
    public KdtMatcher Matcher => _matcher;

    /// <summary>
    /// Reads the exports on <paramref name="threads"/> workers; kept records go to <paramref name="sink"/> in order;
    /// each export folded advances <paramref name="progress"/> by its size in bytes. With a <paramref name="cache"/>, an
    /// export whose result it holds is replayed from it instead of read, and every export read is added to it;
    /// de-duplication and the counts are redone over all exports either way, so the result is the same.
    /// With <paramref name="folded"/>, each export's outcome and quarantined rows go to it as soon as the export is
    /// folded, in file order (on the folding thread; with a <paramref name="sink"/>, on the thread that writes its
    /// records, after them), and the result's <see cref="PatentStageResult.Quarantine"/> is
    /// empty: memory then does not grow with the quarantined rows of the whole corpus.
    /// </summary>
    public PatentStageResult Run(IReadOnlyList<PatentFile> files, int threads = 2, IKeptRecordSink? sink = null, IWorkProgress? progress = null,
        ExportResultCache? cache = null, Action<int, FileOutcome, IReadOnlyList<QuarantineItem>>? folded = null)
    {
        var clock = Stopwatch.StartNew();
        var aggregator = new Aggregator(_matcher.Industries);
        // With a sink, the writes (records, each export's outcome) run on a thread of their own, in fold order.
        using var writes = sink is null ? null : new SinkThread();
        var queues = files.Select(_ => new Queue<RecordBatch>()).ToArray();
        var done = new bool[files.Count];
        var results = new ExportReader.FileResult?[files.Count];
        var errors = new Exception?[files.Count];
        var replayed = new bool[files.Count];
        var gate = new object();
        var current = 0;
        var buffered = 0;
        var pool = new Stack<RecordBatch>();
        var next = -1;
        var cancelled = false;

        RecordBatch NewBatch()
        {
            lock (gate)
            {
                if (pool.Count > 0)
                {
                    var b = pool.Pop();
                    b.Clear();
                    return b;
                }
            }
            return new RecordBatch();
        }

        void Worker()
        {
            var reader = new ExportReader(_matcher, _geocoder);
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= files.Count || Volatile.Read(ref cancelled)) return;
                var f = files[i];
                void Emit(RecordBatch batch)
                {
                    lock (gate)
                    {
                        queues[i].Enqueue(batch);
                        buffered++;
                        Monitor.PulseAll(gate);
                        // Files ahead of the one being folded wait when too much is buffered; the file being folded
                        // waits only on its own queue (a replayed export outruns the fold).
                        while (!cancelled && (i != current ? buffered > MaxBufferedBatches : queues[i].Count > MaxBufferedBatches)) Monitor.Wait(gate);
                        if (cancelled) throw new OperationCanceledException("the patent stage stopped on an error in another file");
                    }
                }

                try
                {
                    if (cache?.TryReplay(f, NewBatch, Emit) is { } cached)
                    {
                        results[i] = cached;
                        replayed[i] = true;
                    }
                    else
                    {
                        using var entry = cache?.Begin(f);
                        // A batch is written to the cache before the fold may recycle it.
                        var read = reader.Read(f.FullPath, f.Relative, f.Sha256, f.Bytes, NewBatch, entry is null ? Emit : batch =>
                        {
                            entry.Write(batch);
                            Emit(batch);
                        });
                        // A read that broke off is not remembered: the next build tries the file again.
                        if (!read.BrokeOff) entry?.Commit(read);
                        results[i] = read;
                    }
                }
                catch (Exception e)
                {
                    // Kept for the folding thread, which stops the stage with it (an exception escaping a worker
                    // thread would end the process).
                    errors[i] = e;
                }
                lock (gate)
                {
                    done[i] = true;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(threads, files.Count))).Select(_ => new Thread(Worker) { IsBackground = true, Name = "patent-reader" }).ToList();
        foreach (var w in workers) w.Start();

        var outcomes = new FileOutcome[files.Count];
        var quarantine = new List<QuarantineItem>();
        long unparsable = 0;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                lock (gate)
                {
                    current = i;
                    Monitor.PulseAll(gate);
                }
                long kept = 0, duplicates = 0;
                while (true)
                {
                    RecordBatch? batch;
                    lock (gate)
                    {
                        while (queues[i].Count == 0 && !done[i]) Monitor.Wait(gate);
                        if (queues[i].Count == 0) break;
                        batch = queues[i].Dequeue();
                        buffered--;
                        Monitor.PulseAll(gate);
                    }
                    var (k, d) = aggregator.Add(i, batch);
                    kept += k;
                    duplicates += d;
                    if (writes is null)
                    {
                        lock (gate) pool.Push(batch);
                        continue;
                    }
                    var file = i;
                    writes.Post(() =>
                    {
                        Aggregator.Emit(file, batch, sink!);
                        lock (gate) pool.Push(batch);
                    });
                }
                // The reader settles a file it cannot read (rejected, or cut short with the records before the error
                // kept), so anything a worker threw is a defect or a cache that cannot be written: it stops the stage.
                if (errors[i] is { } fatal)
                {
                    lock (gate)
                    {
                        cancelled = true;
                        Monitor.PulseAll(gate);
                    }
                    foreach (var w in workers) w.Join();
                    if (fatal is ExportResultCache.CacheException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fatal);
                    throw new InvalidOperationException($"the patent stage failed on {files[i].Relative}: {fatal.Message}", fatal);
                }
                var r = results[i]!;
                results[i] = null;
                r.Outcome.Loaded = kept;
                if (duplicates > 0) r.Outcome.Exclude("duplicate_application", duplicates);
                outcomes[i] = r.Outcome;
                unparsable += r.UnparsableCodes;
                Settle(i, r.Outcome, r.Quarantine);
            }
            writes?.Complete();
        }
        catch
        {
            // Whatever stopped the fold (the sink, the folded callback) must not leave workers waiting on it, nor
            // writes running on into a build that failed.
            writes?.Dispose();
            lock (gate)
            {
                cancelled = true;
                Monitor.PulseAll(gate);
            }
            foreach (var w in workers) w.Join();
            throw;
        }
        foreach (var w in workers) w.Join();
        return new PatentStageResult(outcomes, quarantine, aggregator.Result, unparsable, clock.Elapsed) { Replayed = replayed };

        void Settle(int i, FileOutcome outcome, IReadOnlyList<QuarantineItem> items)
        {
            if (folded is null) quarantine.AddRange(items);
            if (writes is null)
            {
                folded?.Invoke(i, outcome, items);
                progress?.Advance(files[i].Bytes);
                return;
            }
            // With a sink, the outcome follows the export's records on the writes' thread, and the export counts as
            // done once they are written.
            writes.Post(() =>
            {
                folded?.Invoke(i, outcome, items);
                progress?.Advance(files[i].Bytes);
            });
        }
    }
}
