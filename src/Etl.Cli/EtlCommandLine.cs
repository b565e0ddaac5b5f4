using System.CommandLine;
using Etl.Cli.Commands;
using Etl.Domain.Mappings;
using Etl.Warehouse;

namespace Etl.Cli;

/// <summary>Builds the command tree and runs it with the project's exit-code conventions.</summary>
public static class EtlCommandLine
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("etl: rebuild the digital-real integration city panel from raw sources and run the study's estimation.");
        root.Subcommands.Add(VersionCommand.Create(output));
        root.Subcommands.Add(MappingsCommand.Create(output, error));
        root.Subcommands.Add(SimulateCommand.Create(output, error));
        root.Subcommands.Add(FetchCommand.Create(output, error));
        root.Subcommands.Add(FetchCommand.CreateDemo(output, error));
        root.Subcommands.Add(BuildCommand.Create(output, error));
        root.Subcommands.Add(BuildCommand.CreatePatents(output, error));
        root.Subcommands.Add(TraceCommand.Create(output));
        root.Subcommands.Add(DiffCommand.Create(output));
        root.Subcommands.Add(ValidateCommand.Create(output));
        root.Subcommands.Add(EstimateCommand.Create(output, error));
        root.Subcommands.Add(ExportCommand.Create(output));
        root.Subcommands.Add(ReportCommand.Create(output));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns 0 ok, 1 data error, 2 usage error.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        args = args switch
        {
            // `etl help [command]` is `etl [command] --help`; `etl --version` is `etl version`, one version string.
            ["help", .. var rest] => [.. rest, "--help"],
            ["--version"] => ["version"],
            _ => args,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem, the first that matters first: an unknown command hides the rest.
            var errors = parse.Errors.Select(e => UsageMessages.Describe(e.Message, parse.CommandResult.Command)).ToList();
            if (errors.Count > 1) errors.Remove("Required command was not provided.");
            foreach (var e in errors) error.WriteLine($"error: {e}");
            error.WriteLine($"Run 'etl {(parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ")}--help' for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (MappingValidationException e)
        {
            error.WriteLine($"error: mapping table: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (BuildException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (MissingInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // A file that cannot be read or written (disk full, permission denied, a folder where a file was
            // expected): one line with the cause, which names the path; no stack trace.
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
    }
}

/// <summary>A command was given arguments it cannot work with (a value out of range, conflicting options).</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A file or folder the command needs does not exist: a data error (exit 1), like every other missing input.</summary>
public sealed class MissingInputException(string what, string path) : Exception($"{what} not found: {path}");
