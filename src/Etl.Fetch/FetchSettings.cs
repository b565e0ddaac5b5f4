namespace Etl.Fetch;

/// <summary>How a fetch behaves. The defaults suit statistics bureaus' sites; the README lists them.</summary>
public sealed record FetchSettings
{
    /// <summary>Longest wait for an answer's headers (the first byte).</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest pause in the middle of a body before the transfer counts as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest single attempt, body included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest time for one source, every attempt and wait included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Retries after the first attempt, on 5xx, 408, 429, resets, timeouts and stalls.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay; doubled each retry, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay, and longest Retry-After honoured.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether backoff delays are jittered (off in tests, for exact clocks).</summary>
    public bool Jitter { get; init; } = true;

    /// <summary>Redirects followed before the source fails.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Sources fetched at once, over all hosts.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Requests per second to one host.</summary>
    public int RequestsPerSecondPerHost { get; init; } = 4;

    /// <summary>Failure ratio of a host's recent attempts that opens its circuit.</summary>
    public double BreakerFailureRatio { get; init; } = 0.8;

    /// <summary>Attempts to a host before its circuit may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = 20;

    /// <summary>How long an open circuit refuses a host's requests.</summary>
    public TimeSpan BreakerDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Relative addresses in the manifest are resolved against this.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The clock every timeout, delay and rate uses (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler (a test may give its own); redirects are followed by the fetch, not the handler.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
