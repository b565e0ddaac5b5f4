namespace Etl.Simulator.Serving;

/// <summary>The faults the corpus server can play, the kinds real sites show.</summary>
public enum FaultKind
{
    /// <summary>Serve the file.</summary>
    None,

    /// <summary>503, with Retry-After when the fault has a delay.</summary>
    ServiceUnavailable,

    /// <summary>429 with Retry-After (the fault's delay, in whole seconds).</summary>
    TooManyRequests,

    /// <summary>Wait the fault's delay before the first byte.</summary>
    SlowFirstByte,

    /// <summary>Send half the body, wait the fault's delay, then the rest.</summary>
    StallMidway,

    /// <summary>Send half the body, then reset the connection.</summary>
    ResetMidBody,

    /// <summary>Declare the full length, send half the body, and close cleanly.</summary>
    TruncateBody,

    /// <summary>Answer 200 with an HTML page (a captcha) instead of the file.</summary>
    WrongContent,

    /// <summary>Redirect back and forth between two addresses.</summary>
    RedirectLoop,

    /// <summary>Redirect once to the same file under <c>/moved</c>.</summary>
    Redirect,
}

/// <summary>A fault and its delay.</summary>
public sealed record Fault(FaultKind Kind, TimeSpan Delay = default)
{
    /// <summary>No fault.</summary>
    public static Fault None { get; } = new(FaultKind.None);
}

/// <summary>Which fault the server plays for the <paramref name="request"/>-th request (from 1) of a path.</summary>
public interface IFaultPlan
{
    /// <summary>The fault for this request.</summary>
    Fault Next(string path, int request);
}

/// <summary>Faults written out per path and request; a path's last fault repeats when <c>repeat</c> is set.</summary>
public sealed class ScriptedFaults : IFaultPlan
{
    private readonly Dictionary<string, (Fault[] Faults, bool Repeat)> _script = new(StringComparer.Ordinal);

    /// <summary>Plays <paramref name="faults"/> on the first requests of <paramref name="path"/>, then serves the file (or repeats the last fault).</summary>
    public ScriptedFaults On(string path, bool repeat, params Fault[] faults)
    {
        _script[path] = (faults, repeat);
        return this;
    }

    /// <inheritdoc />
    public Fault Next(string path, int request)
    {
        if (!_script.TryGetValue(path, out var s) || s.Faults.Length == 0) return Fault.None;
        return request <= s.Faults.Length ? s.Faults[request - 1] : s.Repeat ? s.Faults[^1] : Fault.None;
    }
}

/// <summary>
/// Transient faults on a seeded share of paths, for the local demo: the first one or two requests of such a path
/// meet a 503, a 429 with Retry-After, a reset or a truncation midway, a stall or a slow first byte; later
/// requests are served, so a fetch that retries gets everything.
/// </summary>
public sealed class SeededFaults(int seed, double share, TimeSpan stall) : IFaultPlan
{
    private static readonly FaultKind[] s_transient =
        [FaultKind.ServiceUnavailable, FaultKind.TooManyRequests, FaultKind.ResetMidBody, FaultKind.TruncateBody, FaultKind.StallMidway, FaultKind.SlowFirstByte];

    /// <inheritdoc />
    public Fault Next(string path, int request)
    {
        var h = Hash(path);
        if ((h % 10_000) / 10_000.0 >= share) return Fault.None;
        var faulty = 1 + (int)(h / 10_000 % 2);
        if (request > faulty) return Fault.None;
        var kind = s_transient[(int)((h / 20_000 + (ulong)request) % (ulong)s_transient.Length)];
        return new Fault(kind, kind switch
        {
            FaultKind.TooManyRequests => TimeSpan.FromSeconds(1),
            FaultKind.ServiceUnavailable => TimeSpan.Zero,
            _ => stall,
        });
    }

    /// <summary>FNV-1a of the seed and path: the same faults on every run and machine.</summary>
    private ulong Hash(string path)
    {
        var h = 14695981039346656037UL ^ (ulong)seed;
        foreach (var c in path)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }
}
