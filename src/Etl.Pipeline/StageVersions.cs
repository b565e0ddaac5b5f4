using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Etl.Ingest;
using Etl.Panel;
using Etl.Patents;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>
/// Versions of the code of each stage: the module version id of its assembly, which deterministic builds
/// keep unchanged until the code changes. A stage whose code changed re-runs even on unchanged inputs.
/// </summary>
internal static class StageVersions
{
    public static string Ingest => Of(typeof(Ingestor).Assembly);

    public static string Patents => Of(typeof(PatentStage).Assembly);

    public static string Panel => Of(typeof(PanelAssembler).Assembly);

    /// <summary>The pipeline and the warehouse code that writes the tables (loaders, record index, checks, schema).</summary>
    public static string Warehouse => $"{Of(typeof(StageVersions).Assembly)}|{Of(typeof(WarehouseSchema).Assembly)}";

    public static string Domain => Of(typeof(Etl.Domain.CityCode).Assembly);

    /// <summary>
    /// What an export's cached reading result depends on besides its bytes: the stage's and the domain's code, the
    /// mappings and the match mode (<see cref="Etl.Patents.Aggregation.ExportResultCache"/>).
    /// </summary>
    public static string PatentCache(string mappingsHash, Etl.Domain.Classification.MatchMode match) =>
        Hash([$"code={Patents}|{Domain}", $"mappings={mappingsHash}", $"match={match}"])[..16];

    /// <summary>
    /// What the record index of an unchanged export depends on besides its bytes and its duplicates: the cached reading
    /// result's inputs and the code that packs and writes the runs (<see cref="CarriedRecordIndex"/>).
    /// </summary>
    public static string RecordIndex(string mappingsHash, Etl.Domain.Classification.MatchMode match) =>
        Hash([$"code={Patents}|{Domain}|{Warehouse}", $"mappings={mappingsHash}", $"match={match}"])[..16];

    private static string Of(Assembly a) => a.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>SHA-256 (hex) of lines of text.</summary>
    public static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
}
