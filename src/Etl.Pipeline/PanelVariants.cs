using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Panel;
using Etl.Patents;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>
/// Panel variants: the build repeated under one changed setting, written as <c>panel_&lt;name&gt;</c> next to the
/// main panel and described in <c>panel_variants</c>, so a robustness model runs on it while the main panel and
/// its lineage stay as the main settings made them. A variant never replaces the main panel.
/// </summary>
public static partial class PanelVariants
{
    /// <summary>A known variant: its name, what it changes, and how it changes the build settings.</summary>
    public sealed record Variant(string Name, string Description, Func<BuildOptions, BuildOptions> Apply)
    {
        /// <summary>The variant's panel table.</summary>
        public string Table => "panel_" + Name;
    }

    /// <summary>The variants a build can produce.</summary>
    public static readonly IReadOnlyList<Variant> Known =
    [
        new("ipc_only", "KDT branches confirmed by IPC codes alone, without the keyword check (the study's matching robustness check)",
            o => o with { Match = MatchMode.IpcOnly }),
    ];

    /// <summary>The variant called <paramref name="name"/>, or a build error naming the known ones.</summary>
    public static Variant Get(string name) =>
        Known.FirstOrDefault(v => v.Name == name)
        ?? throw new BuildException($"unknown panel variant '{name}' (known: {string.Join(", ", Known.Select(v => v.Name))})");

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <summary>Inputs of one variant build, shared with the main build.</summary>
    /// <param name="ReadStaged">
    /// Reads the staged facts from the warehouse. They are read after the variant's patent pass, not held from the main
    /// build through it: at national scale that pass is where the build's memory peaks, and the facts are tens of MB.
    /// </param>
    internal sealed record Inputs(
        BuildOptions Options, MappingSet Mappings, IReadOnlyList<PatentFile> Files, Func<MatchMode, string> PatentsKey,
        Func<IReadOnlyList<StagedFact>> ReadStaged, PatentCoverage Coverage, bool Reuse, IWorkProgress Progress,
        Func<MatchMode, Patents.Aggregation.ExportResultCache> Cache);

    /// <summary>Builds one variant inside the build's transaction; returns its line for the log.</summary>
    /// <remarks>Compiled optimised at once, as <c>WarehouseBuilder.RunCore</c> is, so its stage result dies after its last use.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string Build(SqliteConnection c, SqliteTransaction tx, Variant v, Inputs x)
    {
        if (!NamePattern().IsMatch(v.Name)) throw new BuildException($"panel variant name '{v.Name}' must be lower-case letters, digits and _");
        var options = v.Apply(x.Options);
        var key = x.PatentsKey(options.Match);
        var oldKey = x.Reuse && HasOldVariants(c)
            ? Sql.Scalar(c, "SELECT patents_key FROM old.panel_variants WHERE variant = $v", ("$v", v.Name)) as string
            : null;
        string patents;
        if (oldKey == key)
        {
            PatentTables.CopyVariant(c, tx, v.Name);
            x.Progress.Advance(x.Files.Sum(f => f.Bytes));
            patents = "patents reused";
        }
        else
        {
            // Counts only: the record index and the lineage belong to the main panel.
            // A variant keeps counts only; quarantined rows belong to the main panel's lineage, so they are let go as it folds.
            var result = new PatentStage(x.Mappings, options.Match).Run(x.Files, options.Threads, progress: x.Progress, cache: x.Cache(options.Match),
                folded: (_, _, _) => { });
            PatentTables.WriteVariantAggregates(c, tx, v.Name, result.Aggregates);
            patents = "patents " + WarehouseBuilder.PatentAction(result);
        }
        var (units, national, digital) = PatentTables.ReadVariant(c, v.Name);
        var index = PatentTables.ComputeIndex(x.Mappings, units, national, options.Index);
        var digReal = index.Values.ToDictionary(i => (i.Unit, i.Year), i => i.Index);
        PanelAssembly assembly;
        try
        {
            assembly = PanelAssembler.Run(x.Mappings, x.ReadStaged(), digital, digReal, options.Assembly, x.Coverage);
        }
        catch (InvalidOperationException e)
        {
            throw new BuildException($"panel variant {v.Name}: assembly failed: {e.Message}", e);
        }
        WarehouseSchema.CreatePanel(c, x.Mappings.Variables, v.Table, tx);
        PanelTables.WritePanel(c, tx, x.Mappings, assembly, v.Table);
        var hash = PanelTables.Hash(c, v.Table);
        var differing = Differing(c, v.Table, WarehouseSchema.PanelColumns(x.Mappings.Variables).Skip(2).Select(col => col.Name));
        var cities = assembly.Panel.Select(r => r.City).Distinct().Count();
        using (var ins = new BulkInsert(c, tx, "panel_variants", "variant", "table_name", "description", "settings", "patents_key", "panel_hash", "rows", "cities", "differing_cells"))
            ins.Add(v.Name, v.Table, v.Description, options.SettingsText, key, hash, assembly.Panel.Count, cities, differing);
        return string.Create(CultureInfo.InvariantCulture,
            $"{v.Table}: {cities} cities x {assembly.Panel.Count / Math.Max(cities, 1)} years ({patents}); differs from panel in {(differing.Length == 0 ? "no cell" : differing)}");
    }

    /// <summary>Variants the previous warehouse held that this build does not make (their tables are not carried over).</summary>
    internal static IReadOnlyList<string> OldTables(SqliteConnection c) =>
        HasOldVariants(c) ? Sql.Query(c, "SELECT table_name FROM old.panel_variants ORDER BY variant").Select(r => r.GetString(0)).ToList() : [];

    private static bool HasOldVariants(SqliteConnection c) =>
        Sql.Scalar(c, "SELECT count(*) FROM old.sqlite_master WHERE name = 'panel_variants'") is long n && n > 0;

    /// <summary>Per column, the cells of the variant that differ from the main panel (same city and year): 'digital_patent 2412; dig_real 2970'.</summary>
    private static string Differing(SqliteConnection c, string table, IEnumerable<string> columns)
    {
        var parts = new List<string>();
        foreach (var column in columns)
        {
            var n = Convert.ToInt64(Sql.Scalar(c, $"SELECT count(*) FROM main.panel p JOIN main.{table} v USING (city_code, year) WHERE p.{column} IS NOT v.{column}"),
                CultureInfo.InvariantCulture);
            if (n > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{column} {n}"));
        }
        var rows = Convert.ToInt64(Sql.Scalar(c, $"SELECT count(*) FROM main.{table} v WHERE NOT EXISTS (SELECT 1 FROM main.panel p WHERE p.city_code = v.city_code AND p.year = v.year)"), CultureInfo.InvariantCulture)
                   + Convert.ToInt64(Sql.Scalar(c, $"SELECT count(*) FROM main.panel p WHERE NOT EXISTS (SELECT 1 FROM main.{table} v WHERE p.city_code = v.city_code AND p.year = v.year)"), CultureInfo.InvariantCulture);
        if (rows > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"rows in one panel only {rows}"));
        return string.Join("; ", parts);
    }
}
