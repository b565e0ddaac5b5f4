using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Lineage;

/// <summary>One change a build made against the warehouse it replaced (a row of <c>run_changes</c>).</summary>
/// <param name="Kind">file_added, file_changed, file_removed, city_entered, city_left, cell_changed or column_added.</param>
/// <param name="Subject">The file path (relative to the raw folder) or the city code.</param>
/// <param name="Year">The year of a cell; null otherwise.</param>
/// <param name="Variable">The panel column of a cell; null otherwise.</param>
/// <param name="OldValue">Before: the cell's value, or the first 16 hex digits of the file's SHA-256.</param>
/// <param name="NewValue">After, in the same form.</param>
/// <param name="Why">The source kind of a file; the rule behind a city's entry or exit; where a cell's new value came from.</param>
public sealed record RunChange(string Kind, string Subject, int? Year, string? Variable, string? OldValue, string? NewValue, string Why);

/// <summary>A build and what it changed.</summary>
/// <param name="RunId">The build's run id.</param>
/// <param name="PreviousRunId">The run it was compared with (null for the first build of a warehouse).</param>
/// <param name="FinishedUtc">When it finished.</param>
/// <param name="ToolVersion">The version string of the code that ran.</param>
/// <param name="Commit">The commit of that code.</param>
/// <param name="CodeDirty">Whether that code had uncommitted changes.</param>
/// <param name="PanelHash">The panel hash it produced.</param>
/// <param name="Changes">Every change, files first, then cities, then cells.</param>
public sealed record RunDiffResult(long RunId, long? PreviousRunId, string FinishedUtc, string ToolVersion, string Commit, bool CodeDirty, string PanelHash,
    IReadOnlyList<RunChange> Changes);

/// <summary>Reads what a build changed (<c>etl diff</c>), from the warehouse alone.</summary>
public static class RunDiff
{
    /// <summary>Run <paramref name="runId"/> (default: the latest) of the warehouse at <paramref name="database"/>.</summary>
    public static RunDiffResult Read(string database, long? runId = null)
    {
        if (!File.Exists(database)) throw new BuildException($"warehouse not found: {Path.GetFullPath(database)}");
        if (WarehouseIdentity.Inspect(database) is (WarehouseIdentity.Kind.Foreign, var why))
            throw new BuildException($"{Path.GetFullPath(database)} is not a warehouse: {why}");
        using var c = Sql.Open(database, SqliteOpenMode.ReadOnly);
        var runs = Sql.Query(c, "SELECT run_id FROM runs ORDER BY run_id").Select(r => r.GetInt64(0)).ToList();
        if (runs.Count == 0) throw new BuildException($"{Path.GetFullPath(database)} holds no build");
        var id = runId ?? runs[^1];
        var at = runs.IndexOf(id);
        if (at < 0)
            throw new BuildException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFullPath(database)} has no run {id}; its runs are {string.Join(", ", runs)}"));
        var head = Sql.Query(c, "SELECT finished_utc, tool_version, commit_sha, code_dirty, panel_hash FROM runs WHERE run_id = $r", ("$r", id))
            .Select(r => (Finished: r.GetString(0), Version: r.GetString(1), Commit: r.GetString(2), Dirty: r.GetInt64(3) != 0, Panel: r.GetString(4))).Single();
        var changes = Sql.Query(c, "SELECT kind, subject, year, variable, old_value, new_value, why FROM run_changes WHERE run_id = $r ORDER BY seq", ("$r", id))
            .Select(r => new RunChange(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6)))
            .ToList();
        return new RunDiffResult(id, at > 0 ? runs[at - 1] : null, head.Finished, head.Version, head.Commit, head.Dirty, head.Panel, changes);
    }
}
