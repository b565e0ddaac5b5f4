using CsvHelper;
using Etl.Patents.Reading;

namespace Etl.Bench.PatentBench;

/// <summary>
/// The floor the stage is measured against: the stage's reader and nothing else. Each file is opened as the
/// stage opens it (encoding sample, gzip decompression, byte-order mark skipped), read by CsvHelper with the
/// options of the stage's export reader, and every field of every record is taken as a byte span; the span
/// lengths are summed so that the work cannot be optimised away. Files go to two workers in file order, one
/// file at a time, as in the stage. With <c>validate</c>, each record's raw bytes are also checked against the
/// file's encoding as the stage checks them: the floor of a stage that lets no corrupt byte through.
/// </summary>
internal static class ParseOnlyPass
{
    public sealed record Result(long Records, long Malformed, long FieldBytes, long Invalid);

    private sealed class Counters
    {
        public long Records;
        public long Malformed;
        public long FieldBytes;
        public long Invalid;
    }

    public static Result Run(IReadOnlyList<string> paths, int threads, bool validate = false)
    {
        var total = new Counters();
        var next = -1;
        void Worker()
        {
            var mine = new Counters();
            for (var i = Interlocked.Increment(ref next); i < paths.Count; i = Interlocked.Increment(ref next)) Read(paths[i], mine, validate);
            lock (total)
            {
                total.Records += mine.Records;
                total.Malformed += mine.Malformed;
                total.FieldBytes += mine.FieldBytes;
                total.Invalid += mine.Invalid;
            }
        }
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(threads, paths.Count))).Select(_ => new Thread(Worker) { IsBackground = true, Name = "parse-only" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return new Result(total.Records, total.Malformed, total.FieldBytes, total.Invalid);
    }

    private static void Read(string path, Counters c, bool validate)
    {
        var encoding = ExportEncoding.Detect(path);
        using var stream = ExportEncoding.Open(path);
        for (var i = 0; i < (encoding?.Preamble ?? 0); i++) stream.ReadByte();
        using var reader = CsvReader.Create(stream, ExportReader.CsvOptions(_ => c.Malformed++), leaveOpen: false);
        if (!reader.Read()) return;
        long records = 0, bytes = 0, invalid = 0;
        var gb18030 = encoding?.Encoding.CodePage == 54936;
        while (reader.Read())
        {
            records++;
            if (validate && !EncodingValidator.IsValid(reader.RawRecord, gb18030)) invalid++;
            var n = reader.FieldCount;
            for (var i = 0; i < n; i++) bytes += reader.GetSpan(i).Length;
        }
        c.Records += records;
        c.FieldBytes += bytes;
        c.Invalid += invalid;
    }
}
