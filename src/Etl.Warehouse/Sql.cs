using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>Small helpers over Microsoft.Data.Sqlite.</summary>
internal static class Sql
{
    /// <summary>Runs statements that return nothing.</summary>
    public static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row.</summary>
    public static object? Scalar(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        return cmd.ExecuteScalar();
    }

    /// <summary>Reads rows.</summary>
    public static IEnumerable<SqliteDataReader> Query(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return r;
    }

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Opens a connection without pooling (a pooled handle would keep a published file open).</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}

/// <summary>A prepared INSERT bound to one transaction: one statement, parameters rebound per row.</summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly SqliteCommand _cmd;
    private readonly SqliteParameter[] _parameters;

    public BulkInsert(SqliteConnection c, SqliteTransaction tx, string table, params string[] columns)
    {
        _cmd = c.CreateCommand();
        _cmd.Transaction = tx;
        _cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        _parameters = columns.Select((_, i) =>
        {
            var p = _cmd.CreateParameter();
            p.ParameterName = "$p" + i;
            _cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        _cmd.Prepare();
    }

    public void Add(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        _cmd.ExecuteNonQuery();
    }

    public void Dispose() => _cmd.Dispose();
}
