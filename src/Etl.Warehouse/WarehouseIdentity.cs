using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>
/// What a path on disk is, before a build writes over it: nothing yet, a warehouse of this tool (of this or
/// another schema version), or something that is not ours (another application's database, a text file, a
/// folder). Only the first two may be replaced. A warehouse carries the SQLite application id
/// <see cref="ApplicationId"/> ('ETLW'); warehouses written before the id existed are recognised by their
/// <c>runs</c> and <c>source_files</c> tables.
/// </summary>
public static class WarehouseIdentity
{
    /// <summary>The SQLite application id of a warehouse: the bytes 'ETLW'.</summary>
    public const int ApplicationId = 0x45544C57;

    /// <summary>What the path holds.</summary>
    public enum Kind
    {
        /// <summary>Nothing: a new path.</summary>
        Missing,

        /// <summary>A warehouse of this tool.</summary>
        Warehouse,

        /// <summary>Anything else: never replaced.</summary>
        Foreign,
    }

    /// <summary>What <paramref name="path"/> holds, and in words why when it is not a warehouse.</summary>
    public static (Kind Kind, string Why) Inspect(string path)
    {
        if (Directory.Exists(path)) return (Kind.Foreign, "it is a folder");
        if (!File.Exists(path)) return (Kind.Missing, "");
        var head = new byte[16];
        int n;
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (Kind.Foreign, $"it cannot be read ({e.Message})");
        }
        if (n == 0) return (Kind.Foreign, "it is an empty file");
        if (n < 16 || !head.AsSpan().SequenceEqual("SQLite format 3\0"u8)) return (Kind.Foreign, "it is not a SQLite database");
        try
        {
            using var c = Sql.Open(path, SqliteOpenMode.ReadOnly);
            var id = Convert.ToInt64(Sql.Scalar(c, "PRAGMA application_id"), CultureInfo.InvariantCulture);
            if (id == ApplicationId) return (Kind.Warehouse, "");
            var tables = Sql.Query(c, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
            if (id == 0 && tables.Contains("runs") && tables.Contains("source_files") && tables.Contains("panel")) return (Kind.Warehouse, "");
            return (Kind.Foreign, id != 0
                ? $"it is a SQLite database of another application (application id 0x{id:X8})"
                : $"it is a SQLite database without the warehouse's tables ({(tables.Count == 0 ? "no tables" : string.Join(", ", tables.Order(StringComparer.Ordinal).Take(5)))})");
        }
        catch (SqliteException e)
        {
            return (Kind.Foreign, $"it cannot be opened as a database ({e.Message})");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Throws a <see cref="BuildException"/> unless a build may write <paramref name="path"/>.</summary>
    public static void EnsureReplaceable(string path, string what = "--db")
    {
        var (kind, why) = Inspect(path);
        if (kind == Kind.Foreign)
            throw new BuildException($"{what} {path}: {why}; a build replaces only a warehouse of this tool, so give a new path or move the file away");
    }

    /// <summary>The panel hash of the warehouse at <paramref name="path"/> (its last build's), for comparing two builds.</summary>
    public static string PanelHash(string path)
    {
        var (kind, why) = Inspect(path);
        if (kind == Kind.Missing) throw new BuildException($"warehouse not found: {Path.GetFullPath(path)}");
        if (kind != Kind.Warehouse) throw new BuildException($"{Path.GetFullPath(path)} is not a warehouse: {why}");
        using var c = Sql.Open(path, Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        return Sql.Scalar(c, "SELECT panel_hash FROM runs ORDER BY run_id DESC LIMIT 1") as string
               ?? throw new BuildException($"{Path.GetFullPath(path)} holds no build");
    }
}
