using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Etl.Patents.Aggregation;

/// <summary>
/// One thread that runs the fold's writes (records to the sink, each export's outcome) in the order they are posted,
/// so that writing overlaps counting instead of following it, and every write still comes from one thread in fold
/// order (the sink and the outcome callback share one database connection). At most <see cref="MaxPending"/> posts
/// wait; posting more blocks until the thread catches up. An exception on the thread is rethrown, as itself, by the
/// next <see cref="Post"/> or by <see cref="Complete"/>; the posts after it are dropped.
/// </summary>
internal sealed class SinkThread : IDisposable
{
    /// <summary>Posts that may wait before <see cref="Post"/> blocks (a post is usually one batch of records).</summary>
    public const int MaxPending = 64;

    private readonly BlockingCollection<Action> _pending = new(MaxPending);
    private readonly Thread _thread;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _stopped;
    private bool _disposed;

    public SinkThread()
    {
        _thread = new Thread(Drain) { IsBackground = true, Name = "patent-sink" };
        _thread.Start();
    }

    private void Drain()
    {
        foreach (var action in _pending.GetConsumingEnumerable())
        {
            // After a failure or a stop the rest is drained unrun, so that a poster never waits on a full queue.
            if (_failure is not null || _stopped) continue;
            try
            {
                action();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>Queues <paramref name="action"/>; rethrows what failed on the thread, if anything did.</summary>
    public void Post(Action action)
    {
        _failure?.Throw();
        _pending.Add(action);
    }

    /// <summary>Waits until everything posted has run; rethrows what failed on the thread, if anything did.</summary>
    public void Complete()
    {
        _pending.CompleteAdding();
        _thread.Join();
        _failure?.Throw();
    }

    /// <summary>Stops the thread without running what is still queued (the fold failed), and waits for it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stopped = true;
        if (!_pending.IsAddingCompleted) _pending.CompleteAdding();
        _thread.Join();
        _pending.Dispose();
    }
}
