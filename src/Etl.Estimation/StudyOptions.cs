using Etl.Estimation.Inference;

namespace Etl.Estimation;

/// <summary>Settings of one run of the estimation stage.</summary>
/// <param name="DatabasePath">The SQLite warehouse: read for the panel, written for the result tables.</param>
/// <param name="OutputDirectory">Folder for the publication tables and plots.</param>
public sealed record StudyOptions(string DatabasePath, string OutputDirectory)
{
    /// <summary>A specification file to use instead of the bundled one.</summary>
    public string? SpecPath { get; init; }

    /// <summary>
    /// The name the results are stored under in the warehouse and the manifest: the specification file's name
    /// without extension, "study" for the bundled one. Another specification never replaces the study's results.
    /// </summary>
    public string ResultSet => NameOf(SpecPath);

    /// <summary>
    /// The result set of a specification file: its name without extension; "study" belongs to the bundled
    /// specification, so a user's own study.json is "study_user" and never replaces the bundled study's results.
    /// </summary>
    public static string NameOf(string? specPath) =>
        specPath is null ? "study" : Path.GetFileNameWithoutExtension(specPath) is var name && name == "study" ? "study_user" : name;

    /// <summary>Write into an output folder that holds another result set's files.</summary>
    public bool Force { get; init; }

    /// <summary>Seed overriding the specification's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Bootstrap replications of a·b overriding the specification's.</summary>
    public int? BootstrapReps { get; init; }

    /// <summary>Threads for the replicates (results do not depend on it).</summary>
    public int Threads { get; init; } = DeterministicParallel.DefaultThreads;

    /// <summary>Write the result tables into the warehouse.</summary>
    public bool WriteWarehouse { get; init; } = true;

    /// <summary>Write the publication tables, the specification copy and the plots into <see cref="OutputDirectory"/>.</summary>
    public bool WriteFiles { get; init; } = true;
}
