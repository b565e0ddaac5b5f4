namespace Etl.Domain.Staging;

/// <summary>How values that compete for one city, year and variable are settled, in the words lineage shows.</summary>
public static class SourceRules
{
    /// <summary>Among values of one source: a revised table first, then the file that sorts first.</summary>
    public const string SameSource = "a revised table (修订, 修正, 更正 in its file path or title) before others, then the file that sorts first";
}
