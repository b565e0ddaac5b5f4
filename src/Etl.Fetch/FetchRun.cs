using System.Globalization;
using System.Text;
using Etl.Domain.Staging;

namespace Etl.Fetch;

/// <summary>The outcomes of a fetch, in manifest order, and the report printed at its end.</summary>
public sealed record FetchSummary(IReadOnlyList<FetchOutcome> Outcomes)
{
    /// <summary>Sources that failed.</summary>
    public int Failed => Outcomes.Count(o => o.Status == FetchStatus.Failed);

    /// <summary>Attempts made, over every source.</summary>
    public int Attempts => Outcomes.Sum(o => o.Attempts);

    private static string Counts(IEnumerable<FetchOutcome> outcomes)
    {
        var list = outcomes.ToList();
        int Of(FetchStatus s) => list.Count(o => o.Status == s);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Of(FetchStatus.New),5} new {Of(FetchStatus.Changed),5} changed {Of(FetchStatus.Unchanged),5} unchanged {Of(FetchStatus.Failed),5} failed {list.Sum(o => o.Attempts),6} attempts");
    }

    /// <summary>The report: counts per kind and per host, then each failure with its reason.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"fetched {Outcomes.Count} sources:").AppendLine();
        foreach (var g in Outcomes.GroupBy(o => SourceKinds.Name(o.Source.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"  {g.Key,-24} {Counts(g)}").AppendLine();
        foreach (var g in Outcomes.GroupBy(o => o.Host).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"  {(g.Key.Length == 0 ? "(no host)" : g.Key),-24} {Counts(g)}").AppendLine();
        foreach (var o in Outcomes.Where(o => o.Status == FetchStatus.Failed))
            sb.Append(CultureInfo.InvariantCulture, $"  failed {o.Source.Id} ({o.Source.Url}): {o.Detail}").AppendLine();
        return sb.ToString().TrimEnd();
    }
}

/// <summary>
/// Runs a fetch: every source of the manifest, a bounded number at once, each through its host's resilience
/// pipeline. Each file fetched is journalled as it lands, so a fetch killed midway keeps its provenance; at the
/// end the records are written to <c>.fetch/provenance.json</c>. Sources that fail leave their paths as they were.
/// </summary>
public static class FetchRun
{
    /// <summary>Fetches <paramref name="sources"/> into <paramref name="rawRoot"/>.</summary>
    public static async Task<FetchSummary> RunAsync(IReadOnlyList<SourceEntry> sources, string rawRoot, FetchSettings settings, TextWriter log,
        CancellationToken cancel = default)
    {
        Directory.CreateDirectory(rawRoot);
        var records = FetchProvenance.Read(rawRoot);
        var handler = settings.Handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = settings.FirstByteTimeout,
        };
        using var client = new HttpClient(handler, disposeHandler: settings.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("etl-fetch/1.0");
        using var pipelines = new HostPipelines(settings);
        var fetcher = new SourceFetcher(settings, client, pipelines, rawRoot);
        var outcomes = new FetchOutcome[sources.Count];
        var gate = new object();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxConcurrency), CancellationToken = cancel },
            async (i, token) =>
            {
                FetchRecord? previous;
                lock (gate) previous = records.GetValueOrDefault(sources[i].Path);
                var outcome = await fetcher.FetchAsync(sources[i], previous, token).ConfigureAwait(false);
                outcomes[i] = outcome;
                lock (gate)
                {
                    if (outcome.Record is { } r)
                    {
                        records[r.Path] = r;
                        FetchProvenance.Append(rawRoot, r);
                    }
                    done++;
                    if (outcome.Status == FetchStatus.Failed) log.WriteLine($"  failed {outcome.Source.Id}: {outcome.Detail}");
                    else if (done % 500 == 0) log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} of {sources.Count} sources"));
                }
            }).ConfigureAwait(false);
        FetchProvenance.Write(rawRoot, records.Values);
        return new FetchSummary(outcomes);
    }
}
