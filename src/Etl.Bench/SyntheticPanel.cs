using System.Globalization;
using Etl.Estimation.Inference;
using Microsoft.Data.Sqlite;

namespace Etl.Bench;

/// <summary>
/// A seeded synthetic warehouse with the study's shape for the estimation benchmark: 198 cities × 15 years
/// (93 east, 69 central, 36 west; 8 west cities north-west of the Hu line), controls at realistic scales,
/// digital patents driven by the index, revenue driven by both, city and year effects, heteroskedastic noise.
/// </summary>
internal static class SyntheticPanel
{
    public const int Cities = 198;
    public const int Years = 15;
    public const int FirstYear = 2010;

    /// <summary>Writes the panel table into a new SQLite file.</summary>
    public static void Write(string path, ulong seed)
    {
        var rng = new SeededRandom(seed);
        double N()
        {
            var u1 = 1 - rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * rng.NextDouble());
        }
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var tx = c.BeginTransaction();
        using (var create = c.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = "CREATE TABLE panel (city_code TEXT, year INTEGER, nq_rev REAL, nq_emp REAL, dig_real REAL, digital_patent INTEGER, human REAL, gdp REAL, pop REAL, ent_act REAL, ind3_share REAL, region TEXT, hu_side TEXT)";
            create.ExecuteNonQuery();
        }
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO panel VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12)";
        var p = Enumerable.Range(0, 13).Select(i => insert.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        var yearShock = Enumerable.Range(0, Years).Select(_ => N()).ToArray();
        for (var i = 0; i < Cities; i++)
        {
            var region = i < 93 ? "east" : i < 162 ? "central" : "west";
            var nw = i >= 190;
            var effect = nw ? 0.0 : region == "east" ? 4.4 : region == "central" ? 2.8 : 2.4;
            var size = Math.Exp(0.6 * N());
            var level = N();
            for (var t = 0; t < Years; t++)
            {
                var dig = Math.Clamp(15 + 4 * t + 10 * level + 8 * N(), 0, 100);
                var pop = 300 + 400 * size + 5 * t + 10 * N();
                var gdp = 40000 * Math.Exp(0.3 * level) * Math.Pow(1.07, t) * (1 + 0.03 * N());
                var human = 150 + 50 * level + 3 * t + 10 * N();
                var ent = 4 * Math.Pow(1.08, t) + 0.5 * N();
                var ind3 = 45 + 0.6 * t + 4 * N();
                var patent = Math.Max(0, Math.Round(100 * size + 6 * dig + 15 * yearShock[t] + 40 * N()));
                var rev = Math.Max(1, 200 * size + effect * dig + 0.1 * patent + 0.004 * gdp + 0.2 * pop + 20 * yearShock[t] + 15 * Math.Sqrt(size) * N());
                object[] row =
                [
                    (110000 + 100 * i).ToString(CultureInfo.InvariantCulture), FirstYear + t, rev, rev / 150 * (1 + 0.05 * N()), dig, (long)patent,
                    human, gdp, pop, ent, ind3, region, nw ? "NW" : "SE",
                ];
                for (var k = 0; k < row.Length; k++) p[k].Value = row[k];
                insert.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }
}
