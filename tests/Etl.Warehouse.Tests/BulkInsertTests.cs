using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Tests;

/// <summary>The prepared insert the loaders write every table with: each kind of value lands as SQLite stores it, and a failed row is an error.</summary>
public class BulkInsertTests
{
    private static SqliteConnection Open()
    {
        var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        // No declared type: the column converts nothing, so typeof shows how each value was bound.
        Sql.Execute(c, "CREATE TABLE t (k INTEGER PRIMARY KEY, v)");
        return c;
    }

    [Fact]
    public void Each_kind_of_value_is_stored_with_its_type_and_value()
    {
        using var c = Open();
        using (var tx = c.BeginTransaction())
        {
            using var ins = new BulkInsert(c, tx, "t", "k", "v");
            ins.Add(1, null);
            ins.Add(2, DBNull.Value);
            ins.Add(3, 9_000_000_000L);
            ins.Add(4, (short)-7);
            ins.Add(5, true);
            ins.Add(6, 0.25);
            ins.Add(7, "深圳 text");
            ins.Add(8, new byte[] { 1, 2, 3 });
            ins.Add(9, new ReadOnlyMemory<byte>([9, 8, 7, 6, 5], 1, 3));
            ins.Add(10, ReadOnlyMemory<byte>.Empty);
            tx.Commit();
        }
        // Read back through Microsoft.Data.Sqlite, which does not share the insert's binding code.
        var rows = Sql.Query(c, "SELECT k, typeof(v), quote(v) FROM t ORDER BY k").Select(r => (r.GetInt64(0), r.GetString(1), r.GetString(2))).ToList();
        Assert.Equal([
            (1L, "null", "NULL"), (2L, "null", "NULL"), (3L, "integer", "9000000000"), (4L, "integer", "-7"), (5L, "integer", "1"),
            (6L, "real", "0.25"), (7L, "text", "'深圳 text'"), (8L, "blob", "X'010203'"), (9L, "blob", "X'080706'"), (10L, "blob", "X''"),
        ], rows);
    }

    [Fact]
    public void A_row_that_breaks_a_constraint_is_a_SqliteException_and_the_statement_can_go_on()
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var ins = new BulkInsert(c, tx, "t", "k", "v");
        ins.Add(1, "a");
        var e = Assert.Throws<SqliteException>(() => ins.Add(1, "b"));
        Assert.Equal(19, e.SqliteErrorCode); // SQLITE_CONSTRAINT
        ins.Add(2, "c");
        tx.Commit();
        Assert.Equal(2L, Sql.Scalar(c, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void Values_SQLite_would_change_or_cannot_hold_are_refused()
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var ins = new BulkInsert(c, tx, "t", "k", "v");
        Assert.Throws<InvalidOperationException>(() => ins.Add(1, double.NaN));
        Assert.Throws<ArgumentException>(() => ins.Add(2, DateTime.UnixEpoch));
        Assert.Throws<ArgumentException>(() => ins.Add(3));
    }
}
