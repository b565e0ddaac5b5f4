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

/// <summary>The informational version baked into the assembly: the version and the commit it was built from.</summary>
public static class ToolVersion
{
    /// <summary>Version string, e.g. 1.0.0+09b0fe8a5c7e (the commit shortened to 12 characters).</summary>
    public static string Current
    {
        get
        {
            var full = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = full.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 || full.Length - plus - 1 <= 12 ? full : full[..(plus + 13)];
        }
    }
}
