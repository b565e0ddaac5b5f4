using CsvHelper;
using Etl.Patents.Reading;

namespace Etl.Bench.PatentBench;

/// <summary>
/// The floor the stage is measured against: the stage's reader and nothing else. Each file is opened as the
/// stage opens it (encoding sample, gzip decompression, byte-order mark skipped), read by CsvHelper with the
/// options of the stage's export reader, and every field of every record is taken as a byte span; the span
/// lengths are summed so that the work cannot be optimised away. Files go to two workers in file order, one
/// file at a time, as in the stage.
/// </summary>
internal static class ParseOnlyPass
{
    public sealed record Result(long Records, long Malformed, long FieldBytes);

    private sealed class Counters
    {
        public long Records;
        public long Malformed;
        public long FieldBytes;
    }

    public static Result Run(IReadOnlyList<string> paths, int threads)
    {
        var total = new Counters();
        var next = -1;
        void Worker()
        {
            var mine = new Counters();
            for (var i = Interlocked.Increment(ref next); i < paths.Count; i = Interlocked.Increment(ref next)) Read(paths[i], mine);
            lock (total)
            {
                total.Records += mine.Records;
                total.Malformed += mine.Malformed;
                total.FieldBytes += mine.FieldBytes;
            }
        }
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(threads, paths.Count))).Select(_ => new Thread(Worker) { IsBackground = true, Name = "parse-only" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return new Result(total.Records, total.Malformed, total.FieldBytes);
    }

    private static void Read(string path, Counters c)
    {
        var encoding = ExportEncoding.Detect(path);
        using var stream = ExportEncoding.Open(path);
        for (var i = 0; i < (encoding?.Preamble ?? 0); i++) stream.ReadByte();
        using var reader = CsvReader.Create(stream, ExportReader.CsvOptions(_ => c.Malformed++), leaveOpen: false);
        if (!reader.Read()) return;
        long records = 0, bytes = 0;
        while (reader.Read())
        {
            records++;
            var n = reader.FieldCount;
            for (var i = 0; i < n; i++) bytes += reader.GetSpan(i).Length;
        }
        c.Records += records;
        c.FieldBytes += bytes;
    }

}
