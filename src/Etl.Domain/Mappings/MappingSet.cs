using System.Security.Cryptography;

namespace Etl.Domain.Mappings;

/// <summary>All reference tables of a mappings folder, validated, with the content hash of each file.</summary>
public sealed class MappingSet
{
    /// <summary>The files a complete mappings folder holds.</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        ProvinceTable.FileName, CityTable.FileName, CityTable.AliasFileName, EnglishNameTable.FileName, CountyTable.FileName,
        AdminEventTable.FileName, CodeSuccessionTable.FileName, SamplePolicy.FileName,
        KdtTable.BranchFileName, KdtTable.PatternFileName, IpcReclassificationTable.FileName,
        IndustryTable.IndustryFileName, IndustryTable.ConcordanceFileName, IpcSubclassTable.FileName,
        VariableCatalogue.FileName, VariableCatalogue.PrecedenceFileName, StatementLexicon.FileName, DataCheckTable.FileName,
    ];

    private MappingSet() { }

    /// <summary>The folder the tables were loaded from.</summary>
    public required string Directory { get; init; }

    /// <summary>Provinces and their regions.</summary>
    public required ProvinceTable Provinces { get; init; }

    /// <summary>Prefecture-level units and municipalities, with aliases.</summary>
    public required CityTable Cities { get; init; }

    /// <summary>Romanised names of the city table's units.</summary>
    public required EnglishNameTable EnglishNames { get; init; }

    /// <summary>County-level units by year.</summary>
    public required CountyTable Counties { get; init; }

    /// <summary>Administrative events 2010-2024.</summary>
    public required AdminEventTable Events { get; init; }

    /// <summary>Code successions between year-end lists.</summary>
    public required CodeSuccessionTable Successions { get; init; }

    /// <summary>Which event types drop a city.</summary>
    public required SamplePolicy Policy { get; init; }

    /// <summary>Key Digital Technology branches.</summary>
    public required KdtTable Kdt { get; init; }

    /// <summary>Older IPC symbols and their current replacements.</summary>
    public required IpcReclassificationTable Reclassification { get; init; }

    /// <summary>IPC class → industry.</summary>
    public required IndustryTable Industries { get; init; }

    /// <summary>Known IPC subclasses.</summary>
    public required IpcSubclassTable Subclasses { get; init; }

    /// <summary>Variables and source precedence.</summary>
    public required VariableCatalogue Variables { get; init; }

    /// <summary>The words bulletins use for indicators, scopes and the roles of numbers.</summary>
    public required StatementLexicon Lexicon { get; init; }

    /// <summary>The data checks run after every build.</summary>
    public required DataCheckTable Checks { get; init; }

    /// <summary>SHA-256 (hex) of each file, by file name.</summary>
    public required IReadOnlyDictionary<string, string> FileHashes { get; init; }

    /// <summary>One hash over all files (hash of the sorted name=hash lines).</summary>
    public string CombinedHash => HashText(string.Join("\n", FileHashes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));

    /// <summary>Loads and validates every table; the first problem throws <see cref="MappingValidationException"/>.</summary>
    public static MappingSet Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new MappingValidationException(directory, 0, "mappings folder not found");
        var provinces = ProvinceTable.Load(directory);
        var cities = CityTable.Load(directory, provinces);
        var variables = VariableCatalogue.Load(directory);
        return new MappingSet
        {
            Directory = directory,
            Provinces = provinces,
            Cities = cities,
            EnglishNames = EnglishNameTable.Load(directory, cities),
            Counties = CountyTable.Load(directory, provinces, cities),
            Events = AdminEventTable.Load(directory, cities),
            Successions = CodeSuccessionTable.Load(directory),
            Policy = SamplePolicy.Load(directory),
            Kdt = KdtTable.Load(directory),
            Reclassification = IpcReclassificationTable.Load(directory),
            Industries = IndustryTable.Load(directory),
            Subclasses = IpcSubclassTable.Load(directory),
            Variables = variables,
            Lexicon = StatementLexicon.Load(directory, variables),
            Checks = DataCheckTable.Load(directory, variables),
            FileHashes = Files.ToDictionary(f => f, f => HashFile(Path.Combine(directory, f)), StringComparer.Ordinal),
        };
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string HashFile(string path) => FileHash.Sha256(path);

    /// <summary>Lower-case hex SHA-256 of UTF-8 text.</summary>
    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
