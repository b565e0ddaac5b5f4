using System.Globalization;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>
/// Records in <c>run_changes</c> what a build changed against the warehouse it replaces (attached as
/// <c>old</c>): raw files added, changed (other bytes) and removed; every panel cell whose value moved, with
/// both values and the source the new value came from; and the cities that entered or left the sample, with
/// the rule that dropped or admitted them. <c>etl diff</c> prints it.
/// </summary>
internal static class RunChanges
{
    /// <summary>Writes the changes of run <paramref name="runId"/>; returns how many of each kind.</summary>
    public static IReadOnlyDictionary<string, int> Record(SqliteConnection c, SqliteTransaction tx, long runId, IReadOnlyList<string> panelColumns)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var seq = 0;
        using var ins = new BulkInsert(c, tx, "run_changes", "run_id", "seq", "kind", "subject", "year", "variable", "old_value", "new_value", "why");
        void Add(string kind, string subject, long? year, string? variable, string? oldValue, string? newValue, string why)
        {
            ins.Add(runId, ++seq, kind, subject, year, variable, oldValue, newValue, why);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        foreach (var r in Sql.Query(c, """
                     SELECT n.path, n.kind, o.sha256, n.sha256 FROM main.source_files n LEFT JOIN old.source_files o ON o.path = n.path
                     WHERE o.path IS NULL OR o.sha256 <> n.sha256 ORDER BY n.path
                     """))
            Add(r.IsDBNull(2) ? "file_added" : "file_changed", r.GetString(0), null, null, r.IsDBNull(2) ? null : r.GetString(2)[..16], r.GetString(3)[..16], r.GetString(1));
        foreach (var r in Sql.Query(c, "SELECT o.path, o.kind, o.sha256 FROM old.source_files o WHERE o.path NOT IN (SELECT path FROM main.source_files) ORDER BY o.path"))
            Add("file_removed", r.GetString(0), null, null, r.GetString(2)[..16], null, r.GetString(1));

        var oldCities = Cities(c, "old");
        var newCities = Cities(c, "main");
        foreach (var city in newCities.Except(oldCities).Order(StringComparer.Ordinal))
            Add("city_entered", city, null, null, null, null,
                Sql.Scalar(c, "SELECT 'was dropped before: ' || reason || ' (' || detail || ')' FROM old.dropped_cities WHERE city_code = $c", ("$c", city)) as string
                ?? "not in the previous panel");
        foreach (var city in oldCities.Except(newCities).Order(StringComparer.Ordinal))
            Add("city_left", city, null, null, null, null,
                Sql.Scalar(c, "SELECT reason || ': ' || detail FROM main.dropped_cities WHERE city_code = $c", ("$c", city)) as string
                ?? "not in the panel universe any more");

        // Cells of cities in both panels; a city that entered or left is one line above, not fifteen years of cells.
        var oldColumns = Sql.Query(c, "SELECT name FROM pragma_table_info('panel', 'old')").Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        foreach (var column in panelColumns)
        {
            if (!oldColumns.Contains(column))
            {
                Add("column_added", column, null, column, null, null, "the variable catalogue gained this panel column");
                continue;
            }
            var q = Sql.Quote(column);
            foreach (var r in Sql.Query(c, $"""
                         SELECT n.city_code, n.year, o.{q}, n.{q}, f.source, f.method
                         FROM main.panel n JOIN old.panel o ON o.city_code = n.city_code AND o.year = n.year
                         LEFT JOIN main.facts f ON f.city_code = n.city_code AND f.year = n.year AND f.variable = '{column.Replace("'", "''", StringComparison.Ordinal)}'
                         WHERE o.{q} IS NOT n.{q} ORDER BY n.city_code, n.year
                         """))
                Add("cell_changed", r.GetString(0), r.GetInt64(1), column, Text(r, 2), Text(r, 3),
                    r.IsDBNull(5) ? "derived from the city's attributes" : $"now {r.GetString(5)}{(r.GetString(4).Length > 0 ? " from the " + r.GetString(4) : "")}");
        }
        return counts;
    }

    private static HashSet<string> Cities(SqliteConnection c, string schema) =>
        Sql.Query(c, $"SELECT DISTINCT city_code FROM {schema}.panel").Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };
}
