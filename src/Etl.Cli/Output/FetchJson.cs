using Etl.Domain.Staging;
using Etl.Fetch;

namespace Etl.Cli.Output;

/// <summary>The payload of <c>etl fetch --json</c> (schema etl.fetch/1, documented in JSON.md).</summary>
internal static class FetchJson
{
    public static object Of(string raw, FetchSummary s) => new
    {
        Raw = raw,
        Sources = s.Outcomes.Count,
        New = Count(s, FetchStatus.New),
        Changed = Count(s, FetchStatus.Changed),
        Unchanged = Count(s, FetchStatus.Unchanged),
        s.Failed,
        s.Attempts,
        Outcomes = s.Outcomes.Select(o => new
        {
            o.Source.Id,
            Kind = SourceKinds.Name(o.Source.Kind),
            o.Source.Url,
            o.Source.Path,
            Status = o.Status.ToString().ToLowerInvariant(),
            o.Host,
            o.Attempts,
            o.Detail,
            FinalUrl = o.Record?.FinalUrl,
            Bytes = o.Record?.Bytes,
            Sha256 = o.Record?.Sha256,
        }).ToList(),
    };

    private static int Count(FetchSummary s, FetchStatus status) => s.Outcomes.Count(o => o.Status == status);
}
