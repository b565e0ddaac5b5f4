using DuckDB.NET.Data;

namespace Etl.Bench.PatentBench;

/// <summary>Runs the DuckDB query in an in-memory database on two threads and returns its city-year counts.</summary>
internal static class DuckDbPatentRun
{
    public static Dictionary<(int Unit, int Year), CityYearCounts> Run(string query, IEnumerable<string> setup, string tempDir)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        void Execute(string sql)
        {
            using var c = connection.CreateCommand();
            c.CommandText = sql;
            c.ExecuteNonQuery();
        }
        Execute("SET threads = 2");
        // Row order of the intermediate results does not matter; letting DuckDB drop it saves memory.
        Execute("SET preserve_insertion_order = false");
        Execute($"SET temp_directory = {SqlRegex.SqlString(tempDir)}");
        foreach (var statement in setup) Execute(statement);

        var result = new Dictionary<(int, int), CityYearCounts>();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result[(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))] =
                new CityYearCounts(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        return result;
    }
}
