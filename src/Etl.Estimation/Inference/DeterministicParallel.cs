namespace Etl.Estimation.Inference;

/// <summary>
/// Runs replicates on several threads with results independent of scheduling: replicate i draws from its own
/// random stream and writes only slot i of the result, so any thread may compute it.
/// </summary>
internal static class DeterministicParallel
{
    /// <summary>Default degree of parallelism: two cores, or fewer when the machine has fewer.</summary>
    public static int DefaultThreads => Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>Calls <paramref name="body"/>(i, workspace) for i in [0, count) on up to <paramref name="threads"/> threads, one workspace per thread.</summary>
    public static void For<TWorkspace>(int count, int threads, Func<TWorkspace> workspace, Action<int, TWorkspace> body)
    {
        if (threads <= 1 || count < 64)
        {
            var ws = workspace();
            for (var i = 0; i < count; i++) body(i, ws);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, workspace,
            (i, _, ws) =>
            {
                body(i, ws);
                return ws;
            },
            _ => { });
    }
}
