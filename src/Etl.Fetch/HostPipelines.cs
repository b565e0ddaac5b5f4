using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Etl.Fetch;

/// <summary>What one attempt ended with, when it ended without an exception.</summary>
/// <param name="Status">The HTTP status of the final answer (after redirects).</param>
/// <param name="RetryAfter">The wait the server asked for (429, 503), if any.</param>
/// <param name="Download">The bytes, when the attempt brought them (200, 206).</param>
internal sealed record AttemptResult(int Status, TimeSpan? RetryAfter, Download? Download)
{
    /// <summary>An answer that another attempt may improve: 5xx, 408, 429.</summary>
    public bool Transient => Status is >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests;
}

/// <summary>A failure another attempt may cure: a reset, a stall, a truncated body, no answer in time.</summary>
internal sealed class TransientFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A failure no retry cures: a redirect loop, an address that does not resolve to http(s).</summary>
internal sealed class PermanentFetchException(string message) : Exception(message);

/// <summary>
/// One Polly pipeline per host, built with the pipeline builder's options records: a total timeout, retries with
/// exponential backoff (and jitter) that honour Retry-After, a circuit breaker, a token-bucket rate limit whose
/// tokens the injected clock replenishes, and a timeout per attempt. Every wait runs on
/// <see cref="FetchSettings.Time"/>, so tests drive a fake clock and never sleep.
/// </summary>
internal sealed class HostPipelines(FetchSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, (ResiliencePipeline<AttemptResult> Pipeline, TokenBucketRateLimiter Limiter, ITimer Refill)> _hosts =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The pipeline of <paramref name="host"/>.</summary>
    public ResiliencePipeline<AttemptResult> For(string host) => _hosts.GetOrAdd(host, _ => Build()).Pipeline;

    private static readonly PredicateBuilder<AttemptResult> s_transient = new PredicateBuilder<AttemptResult>()
        .HandleResult(r => r.Transient)
        .Handle<TransientFetchException>()
        .Handle<HttpRequestException>()
        .Handle<IOException>()
        .Handle<TimeoutRejectedException>();

    private (ResiliencePipeline<AttemptResult>, TokenBucketRateLimiter, ITimer) Build()
    {
        var perSecond = Math.Max(1, settings.RequestsPerSecondPerHost);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var refill = settings.Time.CreateTimer(_ => limiter.TryReplenish(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var pipeline = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = settings.Time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.TotalTimeout })
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                ShouldHandle = s_transient,
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = settings.Jitter,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                // A server that says when to come back is believed, up to the longest delay.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } wait
                    ? (TimeSpan?)(wait > settings.MaxDelay ? settings.MaxDelay : wait)
                    : null),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                ShouldHandle = s_transient,
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = Math.Max(2, settings.BreakerMinimumThroughput),
                SamplingDuration = TimeSpan.FromMinutes(2),
                BreakDuration = settings.BreakerDuration,
            })
            .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken) })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout })
            .Build();
        return (pipeline, limiter, refill);
    }

    public void Dispose()
    {
        foreach (var (_, limiter, refill) in _hosts.Values)
        {
            refill.Dispose();
            limiter.Dispose();
        }
    }
}
