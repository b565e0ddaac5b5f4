using Etl.Domain.Mappings;

namespace Etl.Testing;

/// <summary>Locations inside the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);
    private static readonly Lazy<MappingSet> s_mappings = new(() => MappingSet.Load(Mappings));

    /// <summary>The repository root (the folder holding etl.sln).</summary>
    public static string Root => s_root.Value;

    /// <summary>The committed mappings folder.</summary>
    public static string Mappings => Path.Combine(Root, "mappings");

    /// <summary>The committed mappings, loaded once per test run.</summary>
    public static MappingSet LoadedMappings => s_mappings.Value;

    /// <summary>
    /// The public reference folder next to the repository, when present (it is not part of the repository;
    /// tests that need it are skipped without it). ETL_REFERENCE overrides the location.
    /// </summary>
    public static string? Reference
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("ETL_REFERENCE");
            var candidate = env is { Length: > 0 } ? env : Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));
            return Directory.Exists(Path.Combine(candidate, "gbt2260_history")) ? candidate : null;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "etl.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (etl.sln) not found above " + AppContext.BaseDirectory);
    }
}
