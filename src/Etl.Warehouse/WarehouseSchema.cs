using System.Reflection;
using Etl.Domain.Mappings;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>Creates the warehouse tables: the fixed ones of <c>Schema.sql</c> and the panel from the variable catalogue.</summary>
public static class WarehouseSchema
{
    /// <summary>Version of the schema; a warehouse of another version is rebuilt from scratch.</summary>
    public const int Version = 8;

    /// <summary>The fixed part of the schema (the embedded <c>Schema.sql</c>).</summary>
    public static string FixedSql
    {
        get
        {
            using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Schema.sql")
                ?? throw new InvalidOperationException("embedded Schema.sql missing");
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
    }

    /// <summary>Columns of the panel table in order, with their SQL types.</summary>
    public static IReadOnlyList<(string Name, string Type)> PanelColumns(VariableCatalogue catalogue) =>
    [
        ("city_code", "TEXT"), ("year", "INTEGER"),
        .. catalogue.PanelVariables.Select(v => (v.Name, v.Unit == "applications" ? "INTEGER" : "REAL")),
        ("region", "TEXT"), ("hu_side", "TEXT"), ("region4", "TEXT"), ("city_name", "TEXT"), ("province", "TEXT"),
    ];

    /// <summary>Creates a panel table: the main one, or a variant's (<c>panel_&lt;variant&gt;</c>) with the same columns.</summary>
    public static void CreatePanel(SqliteConnection connection, VariableCatalogue catalogue, string table, SqliteTransaction? tx = null)
    {
        var columns = string.Join(",\n  ", PanelColumns(catalogue).Select(c => $"{c.Name} {c.Type} NOT NULL"));
        Sql.Execute(connection, $"CREATE TABLE {table} (\n  {columns},\n  PRIMARY KEY (city_code, year)\n) WITHOUT ROWID;", tx);
    }

    /// <summary>Creates every table in an empty database.</summary>
    public static void Create(SqliteConnection connection, VariableCatalogue catalogue)
    {
        Sql.Execute(connection, FixedSql);
        CreatePanel(connection, catalogue, "panel");
        Sql.Execute(connection, $"PRAGMA user_version = {Version}; PRAGMA application_id = {WarehouseIdentity.ApplicationId};");
    }
}
