using System.Diagnostics;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>The built command line, run as its own process (for kills, limits and exit codes).</summary>
internal static class EtlCli
{
    public static string Dll()
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(RepoPaths.Root, "src", "Etl.Cli", "bin", config, "net10.0", "etl.dll");
        Assert.True(File.Exists(dll), $"the CLI is not built ({dll})");
        return dll;
    }

    /// <summary>Runs <c>etl</c> through bash after <paramref name="shellPrefix"/> (e.g. a ulimit); returns the exit code and stderr.</summary>
    public static (int Code, string Error) Run(string shellPrefix, params string[] args)
    {
        var command = $"{shellPrefix} exec dotnet exec '{Dll()}' {string.Join(' ', args.Select(a => $"'{a}'"))}";
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, error.Result);
    }
}
