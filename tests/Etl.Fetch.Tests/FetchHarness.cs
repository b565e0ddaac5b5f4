using System.IO.Compression;
using System.Text;
using Etl.Domain.Staging;
using Etl.Simulator.Serving;
using Etl.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Etl.Fetch.Tests;

/// <summary>
/// A folder of sources served by the corpus server on 127.0.0.1 with scripted faults, a raw folder to fetch
/// into, and a fake clock. The clock moves only while the server is idle (no request, no chunk for a moment), a
/// quarter second at a time, so waits and timeouts pass in milliseconds; the fetch's own clock records which of its
/// waits ran out (<see cref="FetchClock"/>).
/// </summary>
internal sealed class FetchHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("fetch");

    public FetchHarness(ScriptedFaults? faults = null)
    {
        Faults = faults ?? new ScriptedFaults();
        Directory.CreateDirectory(Origin);
        Server = new CorpusServer(Origin, Faults, Time);
    }

    public string Origin => _dir.File("origin");

    public string Raw => _dir.File("raw");

    public ScriptedFaults Faults { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The clock as the fetch sees it (the server keeps the bare clock): which of its waits ran out.</summary>
    public WaitRecordingClock FetchClock => _fetchClock ??= new WaitRecordingClock(Time);

    private WaitRecordingClock? _fetchClock;

    public CorpusServer Server { get; }


    public FetchSettings Settings => new()
    {
        BaseUrl = Server.BaseUrl,
        Time = FetchClock,
        Jitter = false,
        MaxConcurrency = 1,
    };

    /// <summary>A page of about 300 KB (several chunks, so a transfer can break midway).</summary>
    public SourceEntry Page(string name = "page.html", string? sha = null)
    {
        var path = Path.Combine(Origin, "bulletins", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var body = string.Concat(Enumerable.Range(0, 6000).Select(i => $"<p>第{i}段：全市地区生产总值1403.24亿元。</p>\n"));
            File.WriteAllText(path, $"<html><head><meta charset=\"utf-8\"><title>珠海市2018年国民经济和社会发展统计公报</title></head><body>{body}</body></html>", new UTF8Encoding(false));
        }
        return new SourceEntry(Path.GetFileNameWithoutExtension(name), SourceKind.Bulletin, "珠海市", 2018, "bulletins/" + name, "text/html", sha, "bulletins/" + name);
    }

    /// <summary>A gzip export.</summary>
    public SourceEntry Export(string name = "export.csv.gz")
    {
        var path = Path.Combine(Origin, "patents", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("申请号,申请日,发明名称,摘要,申请人,申请人地址,IPC分类号,专利类型\n"));
        return new SourceEntry("export", SourceKind.Patents, "", null, "patents/" + name, "application/gzip", null, "patents/" + name);
    }

    public string Target(SourceEntry s) => Path.Combine(Raw, s.Path);

    /// <summary>Files under the raw folder outside the fetch's own folder.</summary>
    public List<string> RawFiles() => !Directory.Exists(Raw) ? [] : Directory.EnumerateFiles(Raw, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Raw, f).Replace('\\', '/')).Where(f => !FetchProvenance.IsFetchFile(f)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Partial downloads left under <c>.fetch/partial</c>.</summary>
    public List<string> Partials() => Directory.Exists(Path.Combine(Raw, ".fetch", "partial"))
        ? Directory.EnumerateFiles(Path.Combine(Raw, ".fetch", "partial")).ToList()
        : [];

    public async Task<FetchSummary> FetchAsync(FetchSettings? settings = null, params SourceEntry[] sources)
    {
        FetchClock.Clear();
        var run = FetchRun.RunAsync(sources, Raw, settings ?? Settings, TextWriter.Null);
        var last = Server.Activity;
        var still = 0;
        while (!run.IsCompleted)
        {
            await Task.Delay(5);
            var now = Server.Activity;
            if (now != last)
            {
                last = now;
                still = 0;
                continue;
            }
            if (++still >= 4) Time.Advance(TimeSpan.FromMilliseconds(250));
        }
        return await run;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
