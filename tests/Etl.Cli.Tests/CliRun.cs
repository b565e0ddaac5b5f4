namespace Etl.Cli.Tests;

/// <summary>Runs the command line in process, as a user would type it, and captures what it printed.</summary>
internal static class CliRun
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EtlCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
