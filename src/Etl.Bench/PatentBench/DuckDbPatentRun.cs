using System.Globalization;
using DuckDB.NET.Data;

namespace Etl.Bench.PatentBench;

/// <summary>
/// Runs the DuckDB statements on two threads in a database file, as <c>etl patents</c> writes its warehouse: the
/// record index first, then the city-year counts read from it.
/// </summary>
internal static class DuckDbPatentRun
{
    /// <summary>What a run gave: the counts, the rows of the record index, and the database file's size.</summary>
    public sealed record Output(Dictionary<(int Unit, int Year), CityYearCounts> Counts, long Records, long DatabaseBytes);

    public static Output Run(string records, IEnumerable<string> setup, string tempDir)
    {
        var database = Path.Combine(tempDir, "patents.duckdb");
        using (var connection = new DuckDBConnection($"DataSource={database}"))
        {
            connection.Open();
            void Execute(string sql)
            {
                using var c = connection.CreateCommand();
                c.CommandText = sql;
                c.ExecuteNonQuery();
            }
            Execute("SET threads = 2");
            // Row order of the intermediate results does not matter (the record index's ORDER BY is kept); letting
            // DuckDB drop it saves memory.
            Execute("SET preserve_insertion_order = false");
            Execute($"SET temp_directory = {SqlRegex.SqlString(tempDir)}");
            // DuckDB's default limit is 80 % of the machine's memory, which counts the inputs locked in the page
            // cache: at national scale it was killed for want of memory. Half of what is available lets it spill.
            if (ResidentFiles.AvailableMemory() is > 0 and var available)
                Execute(string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{Math.Max(1024, available / 2 / 1048576)}MB'"));
            foreach (var statement in setup) Execute(statement);
            Execute(records);
            using (var check = connection.CreateCommand())
            {
                // Every row names its export: a path DuckDB reports differently from the one it was given would leave it empty.
                check.CommandText = $"SELECT count(*) FROM {DuckDbPatentSql.RecordTable} WHERE file IS NULL";
                if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) is > 0 and var unnamed)
                    throw new BenchFailure($"DuckDB's record index has {unnamed} rows without their export");
            }

            var counts = new Dictionary<(int, int), CityYearCounts>();
            long rows = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = DuckDbPatentSql.Counts;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var c = new CityYearCounts(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
                    counts[(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))] = c;
                    rows += c.Inventions;
                }
            }
            // Written through to the file, as a committed warehouse is.
            Execute("CHECKPOINT");
            connection.Close();
            return new Output(counts, rows, new FileInfo(database).Length + (File.Exists(database + ".wal") ? new FileInfo(database + ".wal").Length : 0));
        }
    }
}
