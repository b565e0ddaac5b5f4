using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Tests;

/// <summary>The default simulated corpus (small patent scale) and a warehouse built from it once.</summary>
public sealed class WarehouseCorpus : SimulatedCorpus
{
    public WarehouseCorpus() : base(0.002, patents: true)
    {
        Database = Path.Combine(Path.GetDirectoryName(Raw)!, "wh", "etl.db");
        Report = WarehouseBuilder.Run(new BuildOptions(Raw, RepoPaths.Mappings, Database), TextWriter.Null);
    }

    public string Database { get; }

    public BuildReport Report { get; }

    public SqliteConnection Open() => Open(Database);

    public static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return c;
    }

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
}

[CollectionDefinition("warehouse corpus")]
public sealed class WarehouseCorpusCollection : ICollectionFixture<WarehouseCorpus>;
