using Etl.Domain.Classification;
using Etl.Domain.Index;
using Etl.Panel;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>Settings of a warehouse build.</summary>
/// <param name="Raw">The raw folder (yearbook/, bulletins/, patents/).</param>
/// <param name="Mappings">The mappings folder.</param>
/// <param name="Database">The warehouse file to build (e.g. warehouse/etl.db).</param>
public sealed record BuildOptions(string Raw, string Mappings, string Database)
{
    /// <summary>Ignore the previous warehouse: run every stage.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>Worker threads for ingest and the patent stage.</summary>
    public int Threads { get; init; } = Math.Min(2, Environment.ProcessorCount);

    /// <summary>How KDT branches are confirmed.</summary>
    public MatchMode Match { get; init; } = MatchMode.IpcAndKeyword;

    /// <summary>Parameters of the integration index.</summary>
    public IndexParameters Index { get; init; } = IndexParameters.Default;

    /// <summary>Interpolation settings.</summary>
    public AssemblySettings Assembly { get; init; } = AssemblySettings.Default;

    /// <summary>Only the patent stage and the index (<c>etl patents</c>); other stages keep what the warehouse holds.</summary>
    public bool PatentsOnly { get; init; }

    /// <summary>Treat any rejected file or unread bulletin statement as a data error (the warehouse is not replaced).</summary>
    public bool Strict { get; init; }

    /// <summary>Accept a build that shrinks against the previous warehouse (see <see cref="BuildSummary.ShrinksAgainst"/>).</summary>
    public bool AllowShrink { get; init; }

    /// <summary>
    /// Folder of the patent stage's per-export results (an unchanged export is replayed from it, not read); null
    /// means beside the warehouse, <c>etl.db</c> giving <c>etl.cache/</c>. See <see cref="CacheFolder"/>.
    /// </summary>
    public string? Cache { get; init; }

    /// <summary>The per-export result folder this build uses.</summary>
    public string CacheFolder => Cache ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Database))!, Path.GetFileNameWithoutExtension(Database) + ".cache");

    /// <summary>Panel variants to build next to the main panel (<see cref="PanelVariants.Known"/>), in order.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>The settings as stored with the run.</summary>
    public string SettingsText =>
        $"match={Match};index={Index};assembly={Assembly};patents_only={PatentsOnly}{(Variants.Count > 0 ? ";variants=" + string.Join(",", Variants) : "")}";
}

/// <summary>What a build did.</summary>
/// <param name="UpToDate">Nothing changed since the last build: the warehouse was not touched.</param>
/// <param name="Stages">Per stage: ran or reused, and seconds.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Details">What was read and rejected per source kind, and the panel (null when the warehouse was up to date).</param>
public sealed record BuildReport(bool UpToDate, IReadOnlyList<(string Stage, string Action, double Seconds)> Stages, string Summary, BuildSummary? Details = null)
{
    /// <summary>The run's id in the warehouse's history (0 when the warehouse was up to date).</summary>
    public long RunId { get; init; }

    /// <summary>The panel's content hash (empty when the warehouse was up to date).</summary>
    public string PanelHash { get; init; } = "";

    /// <summary>Changes against the previous warehouse by kind (see <c>run_changes</c>); null on a first build.</summary>
    public IReadOnlyDictionary<string, int>? Changes { get; init; }

    /// <summary>What the build did that the user must hear about: a variant dropped, a previous warehouse kept aside.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The data checks' summary lines (one per failed check), as the log shows them.</summary>
    public IReadOnlyList<string> CheckLines { get; init; } = [];

    /// <summary>Tables the build does not own, carried over from the previous warehouse.</summary>
    public IReadOnlyList<string> Carried { get; init; } = [];
}
