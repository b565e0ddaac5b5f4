using System.Diagnostics;
using System.Globalization;

namespace Etl.Bench.PatentBench;

/// <summary>
/// What this process has used: its peak resident set and its CPU time. Each variant of the patents benchmark
/// runs in a process of its own, so these figures belong to that variant alone.
/// </summary>
internal static class ProcessUsage
{
    /// <summary>Peak resident set in bytes: VmHWM from /proc (native memory included), else the runtime's peak working set.</summary>
    public static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>User plus system time of every thread of the process so far.</summary>
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average, or NaN where /proc/loadavg is missing.</summary>
    public static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? double.Parse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
    }
}
