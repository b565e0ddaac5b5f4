using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Etl.Bench.PatentBench;

/// <summary>What the patent tables of a freshly built warehouse cost a user: bytes of record index per kept record, and the time of a trace that lists records.</summary>
internal static class WarehouseMeasures
{
    public const string BytesPerRecord = "record_index_bytes_per_record";
    public const string TraceSeconds = "trace_records_seconds";

    /// <summary>The city, year and variable the issue's trace target names.</summary>
    public static readonly string[] TraceArguments = ["--city", "深圳", "--year", "2018", "--var", "digital_patent", "--records", "10"];

    /// <summary>Measures <paramref name="db"/>; the trace runs only when the path of <c>etl.dll</c> is given.</summary>
    public static Dictionary<string, double> Of(string db, string etlDll)
    {
        var measures = new Dictionary<string, double>(StringComparer.Ordinal);
        // The bundled SQLite has no dbstat: the record index is copied alone, with its key, into an empty database,
        // whose growth in pages is the index's size.
        var alone = db + ".records-only";
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False;Foreign Keys=False"))
        {
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'patent_records'";
            var create = (string)q.ExecuteScalar()!;
            q.CommandText = $"ATTACH '{alone.Replace("'", "''", StringComparison.Ordinal)}' AS alone";
            q.ExecuteNonQuery();
            double Bytes()
            {
                q.CommandText = "PRAGMA alone.page_count";
                var pages = Convert.ToDouble(q.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                q.CommandText = "PRAGMA alone.page_size";
                return pages * Convert.ToDouble(q.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            var empty = Bytes();
            q.CommandText = create.Replace("CREATE TABLE patent_records", "CREATE TABLE alone.patent_records", StringComparison.Ordinal)
                + "; INSERT INTO alone.patent_records SELECT * FROM main.patent_records;";
            q.ExecuteNonQuery();
            var bytes = Bytes() - empty;
            q.CommandText = "SELECT sum(records) FROM main.patent_records";
            measures[BytesPerRecord] = bytes / Convert.ToDouble(q.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        File.Delete(alone);
        if (etlDll.Length > 0) measures[TraceSeconds] = Trace(db, etlDll);
        return measures;
    }

    /// <summary>Wall seconds of <c>etl trace … --records 10</c> as a user runs it, process start included.</summary>
    private static double Trace(string db, string etlDll)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { etlDll, "trace", "--db", db }.Concat(TraceArguments)) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start) ?? throw new BenchFailure("could not start dotnet " + etlDll);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0 || !stdout.Result.Contains("application_number", StringComparison.Ordinal))
            throw new BenchFailure($"etl trace exited {p.ExitCode} without listing records:\n{stderr.Result}{stdout.Result}");
        return seconds;
    }
}
