using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Tests.Fixtures;

/// <summary>One city-year of the hand-made test panel.</summary>
internal sealed record FixtureRow(string City, int Year, double NqRev, double NqEmp, double DigReal, double DigitalPatent,
    double Human, double Gdp, double Pop, double EntAct, double Ind3Share, string Region, string HuSide);

/// <summary>
/// A small panel with a known data-generating process, written into a SQLite file as the warehouse would:
/// 30 cities (12 east, 10 central, 8 west; the last 4 west cities north-west of the Hu line) × 5 years
/// (2016-2020). nq_rev = 2·dig_real + 0.5·human + 0.0001·gdp + city and year effects + N(0, 0.5²), so a
/// two-way model of nq_rev on dig_real and the controls should find a coefficient close to 2;
/// digital_patent = 3·dig_real + effects + noise; nq_emp = nq_rev / 10 + noise.
/// </summary>
internal static class PanelFixture
{
    public const int Cities = 30;
    public const int FirstYear = 2016;
    public const int Years = 5;

    public static string CityCode(int i) => (110000 + 100 * i).ToString(CultureInfo.InvariantCulture);

    public static string Region(int i) => i < 12 ? "east" : i < 22 ? "central" : "west";

    public static string HuSide(int i) => i >= 26 ? "NW" : "SE";

    /// <summary>The rows of the panel (city-major, years ascending), from a fixed seed.</summary>
    public static List<FixtureRow> Rows(int seed = 1, int cities = Cities, int years = Years)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var yearEffect = Enumerable.Range(0, years).Select(_ => Normal()).ToArray();
        var rows = new List<FixtureRow>();
        for (var i = 0; i < cities; i++)
        {
            var alpha = Normal();
            for (var t = 0; t < years; t++)
            {
                var dig = 30 + 8 * alpha + 3 * t + 4 * Normal();
                var human = 200 + 30 * alpha + 20 * Normal();
                var gdp = 50000 + 8000 * alpha + 2000 * t + 3000 * Normal();
                var pop = 500 + 100 * Math.Abs(alpha) + 10 * Normal();
                var ent = 5 + Normal();
                var ind3 = 45 + 5 * Normal();
                var patent = Math.Round(200 + 3 * dig + 20 * alpha + 5 * yearEffect[t] + 10 * Normal());
                var rev = 100 + 2 * dig + 0.5 * human + 0.0001 * gdp + 10 * alpha + 3 * yearEffect[t] + 0.5 * Normal();
                var emp = rev / 10 + 0.2 * Normal();
                rows.Add(new FixtureRow(CityCode(i), FirstYear + t, rev, emp, dig, patent, human, gdp, pop, ent, ind3, Region(i), HuSide(i)));
            }
        }
        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> into a new SQLite file as table <paramref name="table"/> (shuffled, to check the reader sorts).</summary>
    public static void Write(string path, IEnumerable<FixtureRow> rows, string table = "panel", int shuffleSeed = 7)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        Exec(c, tx, $"CREATE TABLE {table} (city_code TEXT, year INTEGER, nq_rev REAL, nq_emp REAL, dig_real REAL, digital_patent INTEGER, human REAL, gdp REAL, pop REAL, ent_act REAL, ind3_share REAL, region TEXT, hu_side TEXT)");
        var rng = new Random(shuffleSeed);
        foreach (var r in rows.OrderBy(_ => rng.Next()))
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO {table} VALUES ($c, $y, $rev, $emp, $dig, $pat, $h, $g, $p, $e, $i, $reg, $hu)";
            cmd.Parameters.AddWithValue("$c", r.City);
            cmd.Parameters.AddWithValue("$y", r.Year);
            cmd.Parameters.AddWithValue("$rev", Db(r.NqRev));
            cmd.Parameters.AddWithValue("$emp", Db(r.NqEmp));
            cmd.Parameters.AddWithValue("$dig", Db(r.DigReal));
            cmd.Parameters.AddWithValue("$pat", double.IsNaN(r.DigitalPatent) ? DBNull.Value : (long)r.DigitalPatent);
            cmd.Parameters.AddWithValue("$h", Db(r.Human));
            cmd.Parameters.AddWithValue("$g", Db(r.Gdp));
            cmd.Parameters.AddWithValue("$p", Db(r.Pop));
            cmd.Parameters.AddWithValue("$e", Db(r.EntAct));
            cmd.Parameters.AddWithValue("$i", Db(r.Ind3Share));
            cmd.Parameters.AddWithValue("$reg", r.Region);
            cmd.Parameters.AddWithValue("$hu", r.HuSide);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Runs SQL on a fixture database.</summary>
    public static void Exec(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>A scalar query on a fixture database.</summary>
    public static object? Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static object Db(double v) => double.IsNaN(v) ? DBNull.Value : v;

    private static void Exec(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
