using Microsoft.Data.Sqlite;

namespace Etl.Publish;

/// <summary>A warehouse file opened read-only, queried by SQL into rows of values (null for SQL NULL).</summary>
internal sealed class WarehouseQuery : IDisposable
{
    private readonly SqliteConnection _c;
    private readonly string _path;

    public WarehouseQuery(string db)
    {
        _path = Path.GetFullPath(db);
        if (!File.Exists(_path)) throw new InvalidDataException($"warehouse not found: {_path}");
        _c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _c.Open();
    }

    /// <summary>Every row of <paramref name="sql"/>; a query the file cannot answer is a data error naming the file.</summary>
    public List<object?[]> Rows(string sql)
    {
        using var cmd = _c.CreateCommand();
        cmd.CommandText = sql;
        try
        {
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
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{_path} is not a built warehouse ({e.Message})", e);
        }
    }

    public void Dispose() => _c.Dispose();
}
