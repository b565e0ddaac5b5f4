using Etl.Testing;

namespace Etl.Cli.Tests;

/// <summary>
/// Every command's help, as a user reads it, against the approved text in Help/ (read and approved by a person
/// when it changes: run with APPROVE_HELP=1 to rewrite the files, then read the diff before committing).
/// </summary>
public class HelpTests
{
    private static readonly string[] s_commands =
        ["", "version", "mappings", "simulate", "fetch", "fetch-demo", "build", "patents", "trace", "diff", "validate", "estimate", "export", "report"];

    public static TheoryData<string> Commands => [.. s_commands];

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_help_is_the_approved_text(string command)
    {
        var (code, output, error) = CliRun.Run(command.Length == 0 ? ["--help"] : [command, "--help"]);
        Assert.True(code == 0, error);
        // The usage line names the running program: the test host here, etl for a user.
        output = output.Replace("  testhost", "  etl", StringComparison.Ordinal);
        var file = Path.Combine(RepoPaths.Root, "tests", "Etl.Cli.Tests", "Help", (command.Length == 0 ? "etl" : command) + ".txt");
        if (Environment.GetEnvironmentVariable("APPROVE_HELP") == "1") File.WriteAllText(file, output);
        Assert.True(File.Exists(file), $"no approved help for '{command}': run with APPROVE_HELP=1 and read {file}");
        Assert.Equal(File.ReadAllText(file), output);
    }

    [Fact]
    public void Every_command_has_approved_help()
    {
        var root = EtlCommandLine.Build(TextWriter.Null, TextWriter.Null);
        Assert.Equal(root.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal), s_commands.Where(c => c.Length > 0).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Piped_output_is_plain_and_quiet_prints_only_the_result()
    {
        using var dir = new TempDirectory("cli-quiet");
        var db = dir.File("etl.db");
        File.WriteAllText(db, "");
        // A missing raw folder fails the same way quiet or not: one line on stderr, nothing on stdout.
        var (code, output, error) = CliRun.Run("build", "--raw", dir.File("none"), "--db", db, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("\u001b[", error); // no terminal escapes when the output is not a terminal
    }
}
