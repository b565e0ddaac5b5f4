using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Etl.Domain;
using Etl.Domain.Staging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Etl.Fetch;

/// <summary>What became of one source.</summary>
public enum FetchStatus
{
    /// <summary>Fetched, and no file was at its path before.</summary>
    New,

    /// <summary>Fetched, and it replaced an earlier fetch of different content.</summary>
    Changed,

    /// <summary>The server said 304, or sent the bytes already held.</summary>
    Unchanged,

    /// <summary>Not fetched; nothing at its path was touched.</summary>
    Failed,
}

/// <summary>The outcome of one source: its status, the attempts made, why it failed, and its provenance record.</summary>
public sealed record FetchOutcome(SourceEntry Source, FetchStatus Status, string Host, int Attempts, string Detail, FetchRecord? Record);

/// <summary>
/// Fetches one source: refuses to replace a file the fetch did not put there, asks conditionally for what it
/// holds, follows redirects (up to a limit, never in a loop), resumes a dropped transfer with a Range request,
/// and moves the bytes into place only after their size, hash (when the manifest gives one) and format are
/// checked. Attempts run inside the host's resilience pipeline.
/// </summary>
internal sealed class SourceFetcher(FetchSettings settings, HttpClient client, HostPipelines pipelines, string rawRoot)
{
    public async Task<FetchOutcome> FetchAsync(SourceEntry source, FetchRecord? previous, CancellationToken cancel)
    {
        Uri url;
        try
        {
            url = source.Resolve(settings.BaseUrl);
        }
        catch (InvalidDataException e)
        {
            return new FetchOutcome(source, FetchStatus.Failed, "", 0, e.Message, null);
        }
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
        FetchOutcome Failed(int attempts, string why) => new(source, FetchStatus.Failed, host, attempts, why, null);

        var target = Path.Combine(rawRoot, source.Path);
        var held = File.Exists(target) ? FileHash.Sha256(target) : null;
        if (held is not null && previous is null)
            return Failed(0, $"{source.Path} is a file placed by hand (no fetch record): move it away to fetch this source");
        if (held is not null && previous!.Sha256 != held)
            return Failed(0, $"{source.Path} changed since it was fetched (SHA-256 {held[..12]}…, fetched as {previous.Sha256[..12]}…): move it away to fetch again");

        var partial = new PartialFile(rawRoot, source.Id);
        var attempts = 0;
        AttemptResult result;
        try
        {
            result = await pipelines.For(host).ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                return await AttemptAsync(url, held is null ? null : previous, partial, token).ConfigureAwait(false);
            }, cancel).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return Failed(attempts, $"the circuit for {host} is open after repeated failures; try again later");
        }
        catch (TimeoutRejectedException)
        {
            return Failed(attempts, $"no success within the total timeout of {settings.TotalTimeout}");
        }
        catch (Exception e) when (e is TransientFetchException or PermanentFetchException or HttpRequestException or IOException)
        {
            return Failed(attempts, e.Message);
        }

        var now = settings.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (result.Status == (int)HttpStatusCode.NotModified)
            return new FetchOutcome(source, FetchStatus.Unchanged, host, attempts, "not modified (304)", previous! with { CheckedUtc = now });
        if (result.Download is not { } d)
            return Failed(attempts, $"HTTP {result.Status}{(result.Transient ? $" after {attempts} attempts" : "")}");

        if (source.Sha256 is { } wanted && FileHash.Sha256(partial.Path) is var got && got != wanted)
        {
            partial.Delete();
            return Failed(attempts, $"the bytes' SHA-256 {got[..12]}… differs from the manifest's {wanted[..12]}…; nothing was kept");
        }
        var format = FileFormats.Sniff(partial.Path);
        var admission = new RawFile(source.Kind, partial.Path, source.Path, d.Bytes, 0, format).Admission();
        if (!SourceManifest.MediaTypes[source.MediaType].Contains(format.Format) || admission is not null)
        {
            partial.Delete();
            return Failed(attempts, $"expected {source.MediaType}, but the bytes are {format.Description} (the server said {d.ContentType ?? "no type"}); nothing was kept");
        }
        var sha = FileHash.Sha256(partial.Path);
        var record = new FetchRecord(source.Path, source.Id, url.AbsoluteUri, d.FinalUrl.AbsoluteUri, d.Status, d.ETag, d.LastModified, d.ContentType, now, now, d.Bytes, sha);
        if (sha == held)
        {
            partial.Delete();
            return new FetchOutcome(source, FetchStatus.Unchanged, host, attempts, "the same bytes as held", previous! with { CheckedUtc = now, ETag = d.ETag, LastModified = d.LastModified });
        }
        partial.MoveTo(target);
        var how = d.Resumed ? "resumed and completed" : "fetched";
        return new FetchOutcome(source, held is null ? FetchStatus.New : FetchStatus.Changed, host, attempts,
            string.Create(CultureInfo.InvariantCulture, $"{how}: {d.Bytes} bytes"), record);
    }

    private async Task<AttemptResult> AttemptAsync(Uri url, FetchRecord? conditional, PartialFile partial, CancellationToken token)
    {
        var current = url;
        var chain = new List<string> { url.AbsoluteUri };
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (conditional?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (conditional?.LastModified is { } modified) request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            if (partial.ResumeValidator(current) is { } validator)
            {
                request.Headers.Range = new RangeHeaderValue(partial.Length, null);
                request.Headers.TryAddWithoutValidation("If-Range", validator);
            }
            using var firstByte = new CancellationTokenSource(settings.FirstByteTimeout, settings.Time);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(token, firstByte.Token);
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (firstByte.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw new TransientFetchException($"no answer from {current.Host} within {settings.FirstByteTimeout.TotalSeconds:F0} s");
            }
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (next.Scheme is not ("http" or "https")) throw new PermanentFetchException($"a redirect to '{next}', which is not http(s)");
                if (chain.Contains(next.AbsoluteUri, StringComparer.Ordinal))
                    throw new PermanentFetchException($"a redirect loop: {string.Join(" -> ", chain)} -> {next.AbsoluteUri}");
                chain.Add(next.AbsoluteUri);
                if (chain.Count - 1 > settings.MaxRedirects) throw new PermanentFetchException($"more than {settings.MaxRedirects} redirects: {string.Join(" -> ", chain)}");
                current = next;
                continue;
            }
            break;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == (int)HttpStatusCode.NotModified) return new AttemptResult(status, null, null);
            if (status is not (200 or 206)) return new AttemptResult(status, RetryAfter(response), null);
            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified?.ToString("r", CultureInfo.InvariantCulture);
            var type = response.Content.Headers.ContentType?.MediaType;
            long offset = 0;
            long? total = response.Content.Headers.ContentLength;
            if (status == 206)
            {
                var range = response.Content.Headers.ContentRange;
                if (range?.From != partial.Length)
                {
                    partial.Delete();
                    throw new TransientFetchException($"the server resumed at byte {range?.From} where {partial.Length} were held; starting again");
                }
                offset = partial.Length;
                total = range.Length;
            }
            long written = 0;
            await using (var file = partial.Open(current, etag, lastModified, append: status == 206))
            {
                await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                using var stall = new CancellationTokenSource(settings.StallTimeout, settings.Time);
                using var reading = CancellationTokenSource.CreateLinkedTokenSource(token, stall.Token);
                var buffer = new byte[1 << 16];
                while (true)
                {
                    int n;
                    try
                    {
                        n = await body.ReadAsync(buffer, reading.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stall.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        throw new TransientFetchException(string.Create(CultureInfo.InvariantCulture,
                            $"the transfer stalled for {settings.StallTimeout.TotalSeconds:F0} s after {offset + written} bytes"));
                    }
                    catch (IOException e)
                    {
                        throw new TransientFetchException(string.Create(CultureInfo.InvariantCulture, $"the connection broke after {offset + written} bytes ({e.Message})"), e);
                    }
                    if (n == 0) break;
                    await file.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
                    written += n;
                    stall.CancelAfter(settings.StallTimeout);
                }
            }
            var size = offset + written;
            if (total is { } declared && size != declared)
                throw new TransientFetchException(string.Create(CultureInfo.InvariantCulture, $"the body ended after {size} of the {declared} bytes declared"));
            return new AttemptResult(status, null, new Download(current, status, etag, lastModified, type, size, status == 206));
        }
    }

    /// <summary>The wait a 429 or 503 asks for, as a delay or a date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - settings.Time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
