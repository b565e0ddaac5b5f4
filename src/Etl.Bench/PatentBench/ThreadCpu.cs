using System.Globalization;

namespace Etl.Bench.PatentBench;

/// <summary>
/// CPU time per thread of this process, grouped by thread name, so that a report can say whether the
/// stage's time goes to its reader threads or to the calling thread that folds their batches. A worker's
/// entry in /proc disappears when it ends, so the threads are sampled while the work runs (five times a
/// second, which costs nothing measurable) and each thread's last reading is kept.
/// </summary>
internal sealed class ThreadCpu : IDisposable
{
    private readonly Dictionary<int, (string Name, long Ticks)> _last = [];
    private readonly Thread _sampler;
    private readonly ManualResetEventSlim _stop = new();

    private ThreadCpu()
    {
        _sampler = new Thread(() =>
        {
            do Sample(); while (!_stop.Wait(200));
        }) { IsBackground = true, Name = "cpu-sampler" };
        _sampler.Start();
    }

    /// <summary>Starts sampling, or returns null where /proc is missing.</summary>
    public static ThreadCpu? Start() => Directory.Exists("/proc/self/task") ? new ThreadCpu() : null;

    /// <summary>CPU seconds per thread name (the calling thread of the process is named "main"), largest first.</summary>
    public IReadOnlyList<(string Name, double Seconds)> Stop()
    {
        _stop.Set();
        _sampler.Join();
        Sample();
        lock (_last)
            return _last.Where(kv => kv.Value.Name != "cpu-sampler").GroupBy(kv => kv.Key == Environment.ProcessId ? "main" : kv.Value.Name)
                .Select(g => (g.Key, g.Sum(kv => kv.Value.Ticks) / 100.0)).OrderByDescending(x => x.Item2).ToList();
    }

    public void Dispose() => _stop.Dispose();

    private void Sample()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended between listing and reading
            }
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open) continue;
            // Fields after the name: state is the 3rd field of the line, utime the 14th and stime the 15th.
            var rest = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
            lock (_last) _last[tid] = (stat[(open + 1)..close], ticks);
        }
    }
}
