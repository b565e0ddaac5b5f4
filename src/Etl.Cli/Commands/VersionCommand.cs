using System.CommandLine;
using System.Reflection;

namespace Etl.Cli.Commands;

/// <summary><c>etl version</c>: prints the tool version.</summary>
internal static class VersionCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("version", "Print the version of etl.");
        command.SetAction(_ =>
        {
            output.WriteLine($"etl {ToolVersion.Current}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>The informational version baked into the assembly.</summary>
public static class ToolVersion
{
    /// <summary>Version string, e.g. 0.1.0.</summary>
    public static string Current =>
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
