using Microsoft.Data.Sqlite;

namespace Etl.Testing;

/// <summary>Reads a warehouse in tests: a read-only connection without pooling, and the rows of a query as values.</summary>
public static class SqliteRows
{
    /// <summary>Opens <paramref name="path"/> read-only (a pooled handle would keep the file open after the test).</summary>
    public static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    /// <summary>Every row of <paramref name="sql"/>, NULL as null.</summary>
    public static List<object?[]> Rows(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every row of <paramref name="sql"/> in the warehouse at <paramref name="path"/>.</summary>
    public static List<object?[]> Rows(string path, string sql)
    {
        using var c = Open(path);
        return Rows(c, sql);
    }
}
