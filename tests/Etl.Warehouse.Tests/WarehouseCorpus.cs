using Etl.Pipeline;
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

    public static SqliteConnection Open(string path) => SqliteRows.Open(path);

    public static List<object?[]> Rows(SqliteConnection c, string sql) => SqliteRows.Rows(c, sql);
}

[CollectionDefinition("warehouse corpus")]
public sealed class WarehouseCorpusCollection : ICollectionFixture<WarehouseCorpus>;
