using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Panel;

/// <summary>
/// The build that produced the panel an estimation read: the latest run in <c>runs</c> whose panel hash is the
/// hash of the table read, with the commit of the code that built it. Null when no build made this table (a
/// view, or a table a user put in the warehouse): the estimate then names the panel hash alone.
/// </summary>
/// <param name="RunId">The build's run id.</param>
/// <param name="Commit">The commit of the code that built it.</param>
/// <param name="Dirty">Whether that code had uncommitted changes.</param>
public sealed record BuildLink(long RunId, string Commit, bool Dirty)
{
    /// <summary>The build whose panel hash is <paramref name="panelHash"/>, if the warehouse records one.</summary>
    internal static BuildLink? Find(SqliteConnection connection, string panelHash)
    {
        var columns = Warehouse.HasTableOrView(connection, "runs") ? Warehouse.Columns(connection, "runs") : [];
        if (!columns.Contains("panel_hash") || !columns.Contains("commit_sha")) return null;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT run_id, commit_sha, code_dirty FROM runs WHERE panel_hash = $h ORDER BY run_id DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$h", panelHash);
        using var r = cmd.ExecuteReader();
        return r.Read() ? new BuildLink(r.GetInt64(0), r.GetString(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture) != 0) : null;
    }
}
