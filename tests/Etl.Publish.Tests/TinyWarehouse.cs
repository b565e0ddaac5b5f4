using System.Globalization;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Publish.Tests;

/// <summary>
/// A warehouse written by hand with the tables the export reads, small enough that every value is known, with
/// what a real one rarely has: missing values, a long non-ASCII name, counts beyond a 16-bit integer, values of
/// every method. Its expected export is written out here, independently of the reader.
/// </summary>
internal sealed class TinyWarehouse : IDisposable
{
    private readonly TempDirectory _dir = new("tiny-wh");

    public string Path => _dir.File("etl.db");

    public string File(string name) => _dir.File(name);

    /// <summary>Rows of the panel: code, name, English name, province, region, side, year, nq_rev, digital_patent, gdp.</summary>
    public static readonly (string Code, string Name, string En, string Province, string Region, string Side, int Year, double? NqRev, long? Patents, double? Gdp)[] Rows =
    [
        ("440400", "珠海市", "Zhuhai", "广东省", "east", "SE", 2018, 1234.5678, 40000, 159428),
        ("440400", "珠海市", "Zhuhai", "广东省", "east", "SE", 2019, null, 41234, 174592.25),
        ("652900", "阿克苏地区（测试用的一个很长的名称，足以超过一般宽度）", "Aksu", "新疆维吾尔自治区", "west", "NW", 2018, 0.1, null, 1e-7),
        ("652900", "阿克苏地区（测试用的一个很长的名称，足以超过一般宽度）", "Aksu", "新疆维吾尔自治区", "west", "NW", 2019, -3.25, 0, 98765.4321),
    ];

    /// <summary>How each value came about, by (row, variable).</summary>
    public static string Method(int row, string variable) => (row, variable) switch
    {
        (1, "nq_rev") => "interpolated",
        (_, "digital_patent") => "computed",
        (3, "gdp") => "derived",
        _ => "observed",
    };

    public static readonly (string Name, string Label, string Unit, string Machine)[] Variables =
    [
        ("nq_rev", "Operating income of strategic emerging industries", "100 million yuan", "100m_yuan"),
        ("digital_patent", "Digital-technology invention patent applications", "applications", "applications"),
        ("gdp", "GDP per capita", "yuan per person", "yuan_per_person"),
    ];

    public TinyWarehouse()
    {
        using var c = new SqliteConnection($"Data Source={Path};Pooling=False");
        c.Open();
        void Exec(string sql, params object?[] args)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            for (var i = 0; i < args.Length; i++) cmd.Parameters.AddWithValue($"$p{i}", args[i] ?? DBNull.Value);
            cmd.ExecuteNonQuery();
        }
        Exec("""
            CREATE TABLE runs (run_id INTEGER, panel_hash TEXT);
            CREATE TABLE variables (name TEXT, label_en TEXT, unit_en TEXT, unit TEXT);
            CREATE TABLE cities (city_code TEXT, name TEXT, name_en TEXT, province TEXT);
            CREATE TABLE facts (city_code TEXT, year INTEGER, variable TEXT, method TEXT);
            CREATE TABLE panel (city_code TEXT, year INTEGER, nq_rev REAL, digital_patent INTEGER, gdp REAL, region TEXT, hu_side TEXT, region4 TEXT, city_name TEXT, province TEXT);
            INSERT INTO runs VALUES (1, 'abcdef0123456789');
            """);
        foreach (var v in Variables) Exec("INSERT INTO variables VALUES ($p0, $p1, $p2, $p3)", v.Name, v.Label, v.Unit, v.Machine);
        foreach (var city in Rows.DistinctBy(r => r.Code)) Exec("INSERT INTO cities VALUES ($p0, $p1, $p2, $p3)", city.Code, city.Name, city.En, city.Province);
        for (var i = 0; i < Rows.Length; i++)
        {
            var r = Rows[i];
            Exec("INSERT INTO panel VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, '', $p7, $p8)", r.Code, r.Year, r.NqRev, r.Patents, r.Gdp, r.Region, r.Side, r.Name, r.Province);
            foreach (var v in Variables) Exec("INSERT INTO facts VALUES ($p0, $p1, $p2, $p3)", r.Code, r.Year, v.Name, Method(i, v.Name));
        }
    }

    /// <summary>The expected cell of a row and column as text (numbers in round-trip form, missing as empty).</summary>
    public static string Expected(int row, string column)
    {
        var r = Rows[row];
        static string N(double? v) => v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : "";
        return column switch
        {
            "city_code" => r.Code,
            "city" => r.Name,
            "city_en" => r.En,
            "province" => r.Province,
            "region" => r.Region,
            "hu_side" => r.Side,
            "year" => r.Year.ToString(CultureInfo.InvariantCulture),
            "nq_rev" => N(r.NqRev),
            "digital_patent" => r.Patents?.ToString(CultureInfo.InvariantCulture) ?? "",
            "gdp" => N(r.Gdp),
            _ when column.EndsWith("_how", StringComparison.Ordinal) => Method(row, column[..^4]),
            _ => throw new ArgumentException(column),
        };
    }

    /// <summary>The columns in export order.</summary>
    public static readonly string[] Columns =
        ["city_code", "city", "city_en", "province", "region", "hu_side", "year", "nq_rev", "digital_patent", "gdp", "nq_rev_how", "digital_patent_how", "gdp_how"];

    public void Dispose() => _dir.Dispose();
}
