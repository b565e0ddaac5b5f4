using Microsoft.Data.Sqlite;
using SQLitePCL;

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

/// <summary>
/// A prepared INSERT for rows written inside the connection's open transaction: one statement, values bound by
/// position per row. It runs on SQLite's own statement API: binding by name, as an ADO.NET command does, looks every
/// name up again on every row, which cost more than the insert itself for the hundreds of thousands of rows of the
/// duplicates and quarantine tables. Values: null, integers, bool (0 or 1), floating point, text, byte arrays, and
/// <see cref="ReadOnlyMemory{T}"/> of bytes (bound without a copy into an array of its own).
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _columns;

    public BulkInsert(SqliteConnection c, SqliteTransaction tx, string table, params string[] columns)
    {
        if (tx.Connection != c) throw new ArgumentException("the transaction belongs to another connection", nameof(tx));
        _db = c.Handle ?? throw new InvalidOperationException("the connection is not open");
        _columns = columns.Length;
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Add(params object?[] values)
    {
        if (values.Length != _columns) throw new ArgumentException($"{values.Length} values for {_columns} columns", nameof(values));
        for (var i = 0; i < values.Length; i++) Check(Bind(i + 1, values[i]));
        var done = raw.sqlite3_step(_statement);
        // Reset before reporting, so that a failed row leaves no statement in progress in the transaction.
        raw.sqlite3_reset(_statement);
        if (done != raw.SQLITE_DONE) Check(done);
    }

    private int Bind(int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        long n => raw.sqlite3_bind_int64(_statement, index, n),
        int n => raw.sqlite3_bind_int64(_statement, index, n),
        short n => raw.sqlite3_bind_int64(_statement, index, n),
        byte n => raw.sqlite3_bind_int64(_statement, index, n),
        bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
        double d => BindDouble(index, d),
        float f => BindDouble(index, f),
        byte[] bytes => BindBlob(index, bytes),
        ReadOnlyMemory<byte> bytes => BindBlob(index, bytes.Span),
        _ => throw new ArgumentException($"a value of type {value.GetType().Name} cannot be written to the warehouse", nameof(value)),
    };

    // SQLite would store NaN as NULL: refused, as Microsoft.Data.Sqlite refuses it.
    private int BindDouble(int index, double d) =>
        double.IsNaN(d) ? throw new InvalidOperationException("NaN cannot be written to the warehouse") : raw.sqlite3_bind_double(_statement, index, d);

    // An empty span may come with no address, which SQLite would bind as NULL: an empty blob is bound as one.
    private int BindBlob(int index, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, bytes);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
