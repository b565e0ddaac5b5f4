using System.CommandLine;
using Etl.Domain.Provenance;

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
