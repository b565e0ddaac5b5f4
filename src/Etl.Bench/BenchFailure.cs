namespace Etl.Bench;

/// <summary>A run the benchmark depends on failed (a child process killed, a command that listed nothing): reported in one line.</summary>
internal sealed class BenchFailure(string message) : Exception(message);
