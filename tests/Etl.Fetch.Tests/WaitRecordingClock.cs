using System.Collections.Concurrent;

namespace Etl.Fetch.Tests;

/// <summary>
/// The fetch's view of a shared fake clock: every one-shot timer the fetch arms is passed on to the clock, and the
/// ones that fire are recorded with the wait they were armed for, in the order they fire. A test then asserts the
/// waits themselves (the backoff 1, 2, 4 s; a 30 s first-byte timeout), not how far the harness moved the clock,
/// which includes steps taken while the fetch was busy rather than waiting (on a loaded machine, many).
/// Periodic timers (the rate limiter's refill) are passed on unrecorded.
/// </summary>
internal sealed class WaitRecordingClock(TimeProvider clock) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _fired = new();

    /// <summary>The waits of the one-shot timers that fired, in firing order.</summary>
    public IReadOnlyList<TimeSpan> Fired => [.. _fired];

    public void Clear() => _fired.Clear();

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(_fired, period);
        timer.Arm(dueTime, period);
        timer.Inner = clock.CreateTimer(s => timer.Fire(callback, s), state, dueTime, period);
        return timer;
    }

    /// <summary>Keeps the wait a timer was last armed for (a pooled cancellation source re-arms with Change).</summary>
    private sealed class RecordingTimer(ConcurrentQueue<TimeSpan> fired, TimeSpan period) : ITimer
    {
        private TimeSpan _due;
        private TimeSpan _period = period;

        public ITimer Inner { get; set; } = null!;

        public void Arm(TimeSpan due, TimeSpan period) => (_due, _period) = (due, period);

        public void Fire(TimerCallback callback, object? state)
        {
            if (_period == Timeout.InfiniteTimeSpan) fired.Enqueue(_due);
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose() => Inner.Dispose();

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
