using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Etl.Bench.PatentBench;

/// <summary>
/// Keeps the benchmark's input files in the page cache for as long as it is open: each file is mapped and
/// locked into memory (mlock). A warm-up read is not enough on a machine that pages out memory left
/// unread for a minute (a proactive reclaim, as on this project's virtual machines): a stage run of more
/// than a minute would then re-read part of the corpus from disk, and a 10-second parse-only pass would not,
/// which biases the ratio. Where locking is refused or the files would take more than half of the available
/// memory, the files are read once instead, and <see cref="Locked"/> says so.
/// </summary>
internal sealed class ResidentFiles : IDisposable
{
    private readonly List<(MemoryMappedFile File, MemoryMappedViewAccessor View)> _maps = [];

    private ResidentFiles() { }

    /// <summary>Whether the files are locked in memory (else they were only read once).</summary>
    public bool Locked { get; private set; }

    /// <summary>Bytes kept resident.</summary>
    public long Bytes { get; private set; }

    public static ResidentFiles Hold(IReadOnlyList<string> paths)
    {
        var r = new ResidentFiles();
        var total = paths.Sum(p => new FileInfo(p).Length);
        if (OperatingSystem.IsLinux() && total < AvailableMemory() / 2)
        {
            r.Locked = true;
            foreach (var path in paths)
            {
                var length = new FileInfo(path).Length;
                if (length == 0) continue;
                var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                r._maps.Add((file, view));
                var address = view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)view.PointerOffset;
                // mlock faults every page in, so it also is the warm-up read.
                if (mlock(address, (nuint)length) != 0) { r.Locked = false; break; }
                r.Bytes += length;
            }
            if (r.Locked) return r;
            r.Dispose();
            r = new ResidentFiles();
        }
        PatentCorpus.Warm(paths);
        r.Bytes = total;
        return r;
    }

    /// <summary>Unlocks and unmaps the files.</summary>
    public void Dispose()
    {
        foreach (var (file, view) in _maps)
        {
            view.Dispose();
            file.Dispose();
        }
        _maps.Clear();
    }

    /// <summary>The memory the kernel says is available (MemAvailable), or 0 where it does not say.</summary>
    public static long AvailableMemory()
    {
        const string meminfo = "/proc/meminfo";
        if (!File.Exists(meminfo)) return 0;
        foreach (var line in File.ReadLines(meminfo))
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                return long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mlock(nint address, nuint length);
}
