using System.Globalization;
using Etl.Domain.Provenance;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Panel;

/// <summary>
/// Reads the panel from the SQLite warehouse with plain SQL, read-only: the contract's columns
/// (<see cref="PanelContract"/>) plus any further columns a specification names, validated value by value,
/// ordered by city code and year, with the content hash of the whole table (<see cref="TableHash"/>).
/// </summary>
public static class PanelReader
{
    /// <summary>Reads <paramref name="table"/> from the warehouse at <paramref name="dbPath"/>.</summary>
    /// <param name="dbPath">The warehouse file.</param>
    /// <param name="table">The panel table or view.</param>
    /// <param name="extraNumeric">Further numeric columns to read (named in model expressions).</param>
    /// <param name="extraCategorical">Further categorical columns to read (fixed effects, clusters, filters).</param>
    public static PanelTable Read(string dbPath, string table = PanelContract.DefaultTable,
        IEnumerable<string>? extraNumeric = null, IEnumerable<string>? extraCategorical = null)
    {
        if (!File.Exists(dbPath)) throw new InvalidDataException($"warehouse not found: {dbPath}");
        using var connection = Warehouse.OpenReadOnly(dbPath);
        return Read(connection, dbPath, table, extraNumeric, extraCategorical);
    }

    /// <summary>Whether the warehouse at <paramref name="dbPath"/> has a table or view named <paramref name="table"/>.</summary>
    public static bool HasTable(string dbPath, string table)
    {
        using var connection = Warehouse.OpenReadOnly(dbPath);
        return Warehouse.HasTableOrView(connection, table);
    }

    /// <summary>The build whose panel hash is <paramref name="panelHash"/> (see <see cref="BuildLink"/>).</summary>
    public static BuildLink? FindBuild(string dbPath, string panelHash)
    {
        using var connection = Warehouse.OpenReadOnly(dbPath);
        return BuildLink.Find(connection, panelHash);
    }

    /// <summary>Reads <paramref name="table"/> through an open connection (inside its transaction, if any).</summary>
    internal static PanelTable Read(SqliteConnection connection, string dbPath, string table,
        IEnumerable<string>? extraNumeric, IEnumerable<string>? extraCategorical)
    {
        var numeric = PanelContract.Numeric.Concat((extraNumeric ?? []).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var categorical = PanelContract.Categorical.Concat((extraCategorical ?? []).Order(StringComparer.Ordinal))
            .Where(c => !numeric.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        numeric.RemoveAll(c => c is PanelContract.Unit or PanelContract.Time);
        categorical.RemoveAll(c => c is PanelContract.Unit or PanelContract.Time);

        if (!Warehouse.HasTableOrView(connection, table)) throw new InvalidDataException($"{dbPath}: no table or view named {table}");
        var present = Warehouse.Columns(connection, table);
        var wanted = new[] { PanelContract.Unit, PanelContract.Time }.Concat(numeric).Concat(categorical).ToList();
        var missing = wanted.Where(c => !present.Contains(c)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"{dbPath}: table {table} lacks column(s) {string.Join(", ", missing)}");

        var rows = new List<RawRow>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT {string.Join(", ", wanted.Select(Warehouse.Quote))} FROM {Warehouse.Quote(table)}";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) rows.Add(ReadRow(reader, dbPath, table, wanted, numeric.Count, categorical.Count));
        }
        if (rows.Count == 0) throw new InvalidDataException($"{dbPath}: table {table} has no rows");
        rows.Sort((a, b) => string.CompareOrdinal(a.City, b.City) is var c && c != 0 ? c : a.Year.CompareTo(b.Year));

        var codes = rows.Select(r => r.City).Distinct(StringComparer.Ordinal).ToArray();
        var codeIndex = codes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var num = numeric.Select((c, j) => (c, rows.Select(r => r.Numbers[j]).ToArray())).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);
        var cat = categorical.Select((c, j) => (c, rows.Select(r => r.Texts[j]).ToArray())).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);

        // The hash covers the whole table, every column, under the definition the build uses for runs.panel_hash.
        string hash;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = TableHash.PanelQuery(Warehouse.Quote(table));
            using var reader = cmd.ExecuteReader();
            hash = TableHash.Of(reader);
        }
        return new PanelTable(dbPath, table, codes, rows.Select(r => codeIndex[r.City]).ToArray(), rows.Select(r => r.Year).ToArray(), num, cat, hash);
    }

    private sealed record RawRow(string City, int Year, double[] Numbers, string?[] Texts);

    private static RawRow ReadRow(SqliteDataReader reader, string db, string table, List<string> columns, int numeric, int categorical)
    {
        var city = CityCode(reader, db, table);
        var where = $"{db}: table {table}, city {city}";
        var year = Year(reader, where);
        where = string.Create(CultureInfo.InvariantCulture, $"{where}, year {year}");
        var numbers = new double[numeric];
        for (var j = 0; j < numeric; j++)
        {
            var i = 2 + j;
            numbers[j] = reader.IsDBNull(i) ? double.NaN : reader.GetFieldType(i) == typeof(string) || reader.GetFieldType(i) == typeof(byte[])
                ? throw new InvalidDataException($"{where}: column {columns[i]} holds '{reader.GetValue(i)}', not a number")
                : reader.GetDouble(i);
        }
        var texts = new string?[categorical];
        for (var j = 0; j < categorical; j++)
        {
            var i = 2 + numeric + j;
            var type = reader.IsDBNull(i) ? null : reader.GetFieldType(i);
            texts[j] = type is null ? null
                : type == typeof(double) ? reader.GetDouble(i).ToString("R", CultureInfo.InvariantCulture)
                : type == typeof(long) ? reader.GetInt64(i).ToString(CultureInfo.InvariantCulture)
                : reader.GetString(i);
        }
        return new RawRow(city, year, numbers, texts);
    }

    private static string CityCode(SqliteDataReader reader, string db, string table)
    {
        if (reader.IsDBNull(0)) throw new InvalidDataException($"{db}: table {table} has a row without {PanelContract.Unit}");
        var code = reader.GetFieldType(0) == typeof(long)
            ? reader.GetInt64(0).ToString("D6", CultureInfo.InvariantCulture)
            : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!;
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw new InvalidDataException($"{db}: table {table}, column {PanelContract.Unit}: '{code}' is not a 6-digit city code");
        return code;
    }

    private static int Year(SqliteDataReader reader, string where)
    {
        if (reader.IsDBNull(1)) throw new InvalidDataException($"{where}: column {PanelContract.Time} is NULL");
        var type = reader.GetFieldType(1);
        if (type == typeof(long)) return checked((int)reader.GetInt64(1));
        if (type == typeof(double) && reader.GetDouble(1) is var d && d == Math.Floor(d) && Math.Abs(d) < 1e6) return (int)d;
        throw new InvalidDataException($"{where}: column {PanelContract.Time} holds '{reader.GetValue(1)}', not an integer year");
    }
}
