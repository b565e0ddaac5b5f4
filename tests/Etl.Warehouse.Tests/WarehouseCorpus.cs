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

    /// <summary>
    /// Copies the fixture's warehouse to <paramref name="db"/>, with the patent stage's per-export cache beside it, so
    /// a test starts from a built warehouse without building one: a build over the same raw files is then up to date,
    /// and one over a changed copy reads only what changed, as it would after the user's own first build.
    /// </summary>
    public string CopyWarehouse(string db)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(db))!);
        File.Copy(Database, db);
        FileTree.Copy(CacheFolder(Database), CacheFolder(db));
        return db;
    }

    private string CacheFolder(string db) => new BuildOptions(Raw, RepoPaths.Mappings, db).CacheFolder;

    public BuildReport Report { get; }

    public SqliteConnection Open() => Open(Database);

    public static SqliteConnection Open(string path) => SqliteRows.Open(path);

    public static List<object?[]> Rows(SqliteConnection c, string sql) => SqliteRows.Rows(c, sql);
}

[CollectionDefinition("warehouse corpus")]
public sealed class WarehouseCorpusCollection : ICollectionFixture<WarehouseCorpus>;
