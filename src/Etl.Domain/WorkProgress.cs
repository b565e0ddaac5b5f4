namespace Etl.Domain;

/// <summary>
/// Where a long step reports how far it has come. The command line draws it live on a terminal; a build run
/// from a test or with its output piped reports to <see cref="NoWorkProgress"/>. <see cref="Advance"/> may be
/// called from several threads at once.
/// </summary>
public interface IWorkProgress
{
    /// <summary>A step starts: what it is, how much there is to do (0 when unknown) and in what unit.</summary>
    void Begin(string step, long total, string unit);

    /// <summary>Some of the step's work is done.</summary>
    void Advance(long amount);

    /// <summary>The step ends, with what came of it in a few words (ran, reused, 3 parsed).</summary>
    void End(string outcome);
}

/// <summary>Reports nowhere.</summary>
public sealed class NoWorkProgress : IWorkProgress
{
    /// <summary>The one instance.</summary>
    public static readonly NoWorkProgress Instance = new();

    private NoWorkProgress() { }

    /// <inheritdoc />
    public void Begin(string step, long total, string unit) { }

    /// <inheritdoc />
    public void Advance(long amount) { }

    /// <inheritdoc />
    public void End(string outcome) { }
}
