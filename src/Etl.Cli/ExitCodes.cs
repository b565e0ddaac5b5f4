namespace Etl.Cli;

/// <summary>Process exit codes of <c>etl</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The input data (raw files, mappings, warehouse) has errors; the message names them.</summary>
    public const int DataError = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or invalid argument.</summary>
    public const int UsageError = 2;
}
