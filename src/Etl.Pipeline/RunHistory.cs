using System.Globalization;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>
/// What a build carries over from the warehouse it replaces (attached as <c>old</c>): the history of builds
/// (<c>runs</c>, <c>stage_runs</c>, <c>run_changes</c>) and every table, view and index the build does not
/// create itself, verbatim: the estimation's tables, whose rows name the panel hash they were computed from,
/// and anything a user added. A rebuild never drops what it does not own.
/// </summary>
internal static class RunHistory
{
    private static readonly string[] s_history = ["runs", "stage_runs", "run_changes"];

    /// <summary>
    /// Copies the history and the tables, views and indexes the new schema lacks, but those in
    /// <paramref name="buildOwned"/> (tables the build makes itself, such as variant panels); returns the names carried.
    /// </summary>
    public static IReadOnlyList<string> Carry(SqliteConnection c, SqliteTransaction tx, IReadOnlyCollection<string> buildOwned)
    {
        foreach (var table in s_history) Sql.Execute(c, $"INSERT INTO main.{table} SELECT * FROM old.{table}", tx);
        var own = Sql.Query(c, "SELECT name FROM main.sqlite_master").Select(r => r.GetString(0)).Concat(buildOwned).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var foreign = Sql.Query(c, """
                SELECT type, name, tbl_name, sql FROM old.sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
                """)
            .Select(r => (Type: r.GetString(0), Name: r.GetString(1), Table: r.GetString(2), Sql: r.GetString(3)))
            .Where(o => !own.Contains(o.Name) && (o.Type == "view" || !own.Contains(o.Table)))
            .ToList();
        foreach (var o in foreign)
        {
            Sql.Execute(c, o.Sql, tx);
            if (o.Type == "table") Sql.Execute(c, $"INSERT INTO main.{Sql.Quote(o.Name)} SELECT * FROM old.{Sql.Quote(o.Name)}", tx);
        }
        return foreign.Where(o => o.Type == "table").Select(o => o.Name).ToList();
    }

    /// <summary>The id of the next run: one more than the last in the history.</summary>
    public static long NextRunId(SqliteConnection c) =>
        Convert.ToInt64(Sql.Scalar(c, "SELECT coalesce(max(run_id), 0) + 1 FROM main.runs"), CultureInfo.InvariantCulture);
}
