namespace Etl.Domain.Mappings;

/// <summary>A reference table failed validation; the message names the file, line and reason.</summary>
public sealed class MappingValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/> (0 = whole file).</summary>
    public MappingValidationException(string file, long line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The mapping file.</summary>
    public string File { get; }

    /// <summary>1-based physical line in the file, or 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
