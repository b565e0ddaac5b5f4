using System.Diagnostics;
using System.Reflection;

namespace Etl.Bench.PatentBench;

/// <summary>Runs <c>etl-bench patents-one</c> in a child process and returns its result.</summary>
internal static class ChildRun
{
    public static VariantResult Run(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet etl-bench.dll` the host needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add("patents-one");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new BenchFailure("could not start " + host);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        child.WaitForExit();
        var result = VariantResult.Find(stdout.Result);
        if (child.ExitCode != 0 || result is null)
            throw new BenchFailure($"patents-one {string.Join(' ', start.ArgumentList.Skip(1))} failed (exit {child.ExitCode}):\n{stderr.Result}{stdout.Result}");
        return result;
    }
}
