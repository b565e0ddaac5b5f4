using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Etl.Simulator.Serving;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that serves a folder (the simulated corpus) as a statistics bureau's site
/// would: ETag and Last-Modified, conditional requests (304), Range requests (206), one response per connection.
/// It plays the faults of an <see cref="IFaultPlan"/> and waits on the given clock, so a test with a fake clock
/// drives its stalls. For the local fetch demo and the fetch tests; nothing outside the machine is contacted.
/// </summary>
public sealed class CorpusServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly IFaultPlan _faults;
    private readonly TimeProvider _time;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _etags = new(StringComparer.Ordinal);
    private readonly Task _accepting;
    private int _faultsPlayed;

    /// <summary>Starts serving <paramref name="root"/>.</summary>
    public CorpusServer(string root, IFaultPlan? faults = null, TimeProvider? time = null)
    {
        _root = Path.GetFullPath(root);
        _faults = faults ?? new ScriptedFaults();
        _time = time ?? TimeProvider.System;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The server's address; manifest paths are relative to it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests received for <paramref name="path"/> (as the manifest writes it, without the leading slash).</summary>
    public int Requests(string path) => _requests.GetValueOrDefault("/" + path);

    /// <summary>Faults played so far.</summary>
    public int FaultsPlayed => _faultsPlayed;

    /// <summary>Requests answered and chunks sent so far: a test that drives a fake clock advances it only while this stands still.</summary>
    public long Activity => Interlocked.Read(ref _activity);

    private long _activity;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try { await ServeAsync(client).ConfigureAwait(false); }
                    catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                        // The client went away, or the server stops: nothing more to send.
                    }
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream).ConfigureAwait(false);
        if (head is null) return;
        Interlocked.Increment(ref _activity);
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 2 || parts[0] != "GET")
        {
            await WriteAsync(stream, "405 Method Not Allowed", [], []).ConfigureAwait(false);
            return;
        }
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(h => h.Item1, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.OrdinalIgnoreCase);
        var target = parts[1];
        var query = target.Contains('?', StringComparison.Ordinal) ? target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var path = Uri.UnescapeDataString(target.Contains('?', StringComparison.Ordinal) ? target[..target.IndexOf('?', StringComparison.Ordinal)] : target);
        var moved = path.StartsWith("/moved/", StringComparison.Ordinal);
        var filePath = moved ? path["/moved".Length..] : path;
        var fault = moved ? Fault.None : _faults.Next(path, _requests.AddOrUpdate(path, 1, (_, n) => n + 1));
        if (fault.Kind != FaultKind.None) Interlocked.Increment(ref _faultsPlayed);

        switch (fault.Kind)
        {
            case FaultKind.ServiceUnavailable:
                await WriteAsync(stream, "503 Service Unavailable", fault.Delay > TimeSpan.Zero ? [("Retry-After", Seconds(fault.Delay))] : [], []).ConfigureAwait(false);
                return;
            case FaultKind.TooManyRequests:
                await WriteAsync(stream, "429 Too Many Requests", [("Retry-After", Seconds(fault.Delay))], []).ConfigureAwait(false);
                return;
            case FaultKind.RedirectLoop:
                await WriteAsync(stream, "302 Found", [("Location", query == "hop" ? path : path + "?hop")], []).ConfigureAwait(false);
                return;
            case FaultKind.Redirect:
                await WriteAsync(stream, "301 Moved Permanently", [("Location", "/moved" + path)], []).ConfigureAwait(false);
                return;
            case FaultKind.WrongContent:
                await WriteAsync(stream, "200 OK", [("Content-Type", "text/html; charset=utf-8")], Encoding.UTF8.GetBytes("<html><body>请输入验证码</body></html>")).ConfigureAwait(false);
                return;
            case FaultKind.SlowFirstByte:
                await Task.Delay(fault.Delay, _time, _stop.Token).ConfigureAwait(false);
                break;
        }

        var full = Path.GetFullPath(Path.Combine(_root, filePath.TrimStart('/')));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            await WriteAsync(stream, "404 Not Found", [], []).ConfigureAwait(false);
            return;
        }
        var info = new FileInfo(full);
        // The validator follows the content: a file changed in place gets a new one.
        var etag = _etags.GetOrAdd(string.Create(CultureInfo.InvariantCulture, $"{full}|{info.Length}|{info.LastWriteTimeUtc.Ticks}"),
            _ => $"\"{Domain.FileHash.Sha256(full)[..16]}\"");
        var modified = info.LastWriteTimeUtc.ToString("r", CultureInfo.InvariantCulture);
        var common = new List<(string, string)> { ("ETag", etag), ("Last-Modified", modified), ("Accept-Ranges", "bytes"), ("Content-Type", Fetch.SourceManifest.MediaTypeOf(full)) };
        if (headers.TryGetValue("If-None-Match", out var inm) && inm == etag)
        {
            await WriteAsync(stream, "304 Not Modified", common, []).ConfigureAwait(false);
            return;
        }
        long from = 0;
        var status = "200 OK";
        if (headers.TryGetValue("Range", out var range) && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
            && (!headers.TryGetValue("If-Range", out var ifRange) || ifRange == etag || ifRange == modified)
            && long.TryParse(range["bytes=".Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start < info.Length)
        {
            from = start;
            status = "206 Partial Content";
            common.Add(("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{info.Length - 1}/{info.Length}")));
        }
        var length = info.Length - from;
        common.Add(("Content-Length", length.ToString(CultureInfo.InvariantCulture)));
        await stream.WriteAsync(Head(status, common)).ConfigureAwait(false);

        await using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        file.Seek(from, SeekOrigin.Begin);
        var half = fault.Kind is FaultKind.StallMidway or FaultKind.ResetMidBody or FaultKind.TruncateBody ? length / 2 : length;
        await CopyAsync(file, stream, half).ConfigureAwait(false);
        switch (fault.Kind)
        {
            case FaultKind.ResetMidBody:
                client.Client.LingerState = new LingerOption(true, 0); // closing now sends RST
                client.Client.Close();
                return;
            case FaultKind.TruncateBody:
                await stream.FlushAsync().ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
                return;
            case FaultKind.StallMidway:
                await stream.FlushAsync().ConfigureAwait(false);
                await Task.Delay(fault.Delay, _time, _stop.Token).ConfigureAwait(false);
                break;
        }
        await CopyAsync(file, stream, length - half).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
        client.Client.Shutdown(SocketShutdown.Send);
    }

    private async Task CopyAsync(Stream from, Stream to, long count)
    {
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var n = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count))).ConfigureAwait(false);
            if (n == 0) return;
            await to.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            Interlocked.Increment(ref _activity);
            count -= n;
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>(1024);
        var one = new byte[1];
        while (bytes.Count < 65536)
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) return null;
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
                return Encoding.Latin1.GetString(bytes.ToArray(), 0, bytes.Count - 4);
        }
        return null;
    }

    private static byte[] Head(string status, IEnumerable<(string Name, string Value)> headers)
    {
        var sb = new StringBuilder($"HTTP/1.1 {status}\r\n");
        foreach (var (name, value) in headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        sb.Append("Connection: close\r\n\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static async Task WriteAsync(NetworkStream stream, string status, IEnumerable<(string, string)> headers, byte[] body)
    {
        await stream.WriteAsync(Head(status, headers.Append(("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))))).ConfigureAwait(false);
        await stream.WriteAsync(body).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    private static string Seconds(TimeSpan t) => ((int)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
