namespace Etl.Domain.Staging;

/// <summary>The kinds of raw source, by the folder they sit in under the raw root.</summary>
public enum SourceKind
{
    /// <summary><c>yearbook/</c>: China City Statistical Yearbook tables and the city-year panels made from them.</summary>
    Yearbook,

    /// <summary><c>bulletins/</c>: city statistical bulletins.</summary>
    Bulletin,

    /// <summary><c>patents/</c>: patent-application exports.</summary>
    Patents,

    /// <summary>A file outside the three source folders: listed and rejected, never read.</summary>
    Other,
}

/// <summary>Lower-case names of source kinds as the warehouse and the precedence table write them.</summary>
public static class SourceKinds
{
    /// <summary>The name of <paramref name="kind"/>: yearbook, bulletin, patents or other.</summary>
    public static string Name(SourceKind kind) => kind switch
    {
        SourceKind.Yearbook => "yearbook",
        SourceKind.Bulletin => "bulletin",
        SourceKind.Patents => "patents",
        _ => "other",
    };
}
