namespace Etl.Bench;

/// <summary>One benchmark of <c>make bench</c>: measures a stage side by side with its references.</summary>
internal interface IBenchmark
{
    /// <summary>Name on the command line (<c>etl-bench NAME</c>).</summary>
    string Name { get; }

    /// <summary>One line saying what is measured against what.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with its arguments and writes a report; returns the exit code.</summary>
    int Run(IReadOnlyList<string> args, TextWriter report);
}
