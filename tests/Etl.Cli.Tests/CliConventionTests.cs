using Etl.Testing;

namespace Etl.Cli.Tests;

/// <summary>
/// The command line's conventions, as a user meets them: exit 1 for a missing input whatever the option, exit 2
/// with a readable message and a suggestion for a mistyped command line, `help` and one version string.
/// </summary>
public sealed class CliConventionTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli");

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRun.Run(args);

    public static TheoryData<string, string[]> MissingInputs => new()
    {
        { "raw folder", ["build", "--raw", "{missing}", "--db", "{dir}/etl.db"] },
        { "warehouse", ["estimate", "--db", "{missing}", "--out", "{dir}/results"] },
        { "specification", ["estimate", "--db", "{dir}/etl.db", "--spec", "{missing}"] },
        { "reference folder", ["mappings", "derive", "--reference", "{missing}", "--out", "{dir}/m"] },
        { "warehouse", ["trace", "--db", "{missing}", "--city", "深圳", "--year", "2018", "--var", "nq_rev"] },
        { "manifest", ["fetch", "--manifest", "{missing}", "--raw", "{dir}/raw"] },
        { "raw folder", ["fetch-demo", "--origin", "{missing}", "--manifest", "{repo}/mappings/sources/example_bulletins.csv", "--out", "{dir}/demo"] },
    };

    [Theory]
    [MemberData(nameof(MissingInputs))]
    public void A_missing_input_is_a_data_error_that_names_it(string what, string[] template)
    {
        File.WriteAllText(_dir.File("etl.db"), "");
        var missing = _dir.File("does-not-exist");
        var args = template.Select(a => a.Replace("{missing}", missing, StringComparison.Ordinal).Replace("{dir}", _dir.Path, StringComparison.Ordinal)
            .Replace("{repo}", RepoPaths.Root, StringComparison.Ordinal)).ToArray();
        var (code, _, error) = Run(args);
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains($"{what} not found: {missing}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_explained_without_type_names()
    {
        var (code, _, error) = Run("trace", "--db", "x.db", "--city", "深圳", "--year", "abc", "--var", "nq_rev");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("'abc'", error, StringComparison.Ordinal);
        Assert.Contains("expected a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "buld" }, "build")]
    [InlineData(new[] { "estmate" }, "estimate")]
    [InlineData(new[] { "trace", "--db", "x.db", "--city", "深圳", "--year", "2018", "--variable", "nq_rev" }, "--var")]
    [InlineData(new[] { "build", "--thread", "2" }, "--threads")]
    public void A_near_miss_gets_a_suggestion(string[] args, string suggestion)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains($"Did you mean '{suggestion}'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_suggested_for_a_word_unlike_any_command()
    {
        var (code, _, error) = Run("zzzzzz");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.DoesNotContain("Did you mean", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_a_command_too()
    {
        var (code, output, error) = Run("help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(error);
        Assert.Contains("build", output, StringComparison.Ordinal);
        var (buildCode, buildHelp, _) = Run("help", "build");
        Assert.Equal(ExitCodes.Ok, buildCode);
        Assert.Contains("--raw", buildHelp, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_ways_of_asking_give_one_version_string()
    {
        var (code, a, _) = Run("--version");
        var (_, b, _) = Run("version");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(b, a);
        Assert.StartsWith("etl ", a, StringComparison.Ordinal);
    }
}
