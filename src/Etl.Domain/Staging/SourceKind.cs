namespace Etl.Domain.Staging;

/// <summary>The three kinds of raw source, by the folder they sit in under the raw root.</summary>
public enum SourceKind
{
    /// <summary><c>yearbook/&lt;edition&gt;/*.xls|*.xlsx</c>: China City Statistical Yearbook tables.</summary>
    Yearbook,

    /// <summary><c>bulletins/**/*.html|*.htm</c>: city statistical bulletins.</summary>
    Bulletin,

    /// <summary><c>patents/**/*.csv|*.csv.gz</c>: patent-application exports.</summary>
    Patents,
}

/// <summary>Lower-case names of source kinds as the warehouse and the precedence table write them.</summary>
public static class SourceKinds
{
    /// <summary>The name of <paramref name="kind"/>: yearbook, bulletin or patents.</summary>
    public static string Name(SourceKind kind) => kind switch
    {
        SourceKind.Yearbook => "yearbook",
        SourceKind.Bulletin => "bulletin",
        _ => "patents",
    };
}
