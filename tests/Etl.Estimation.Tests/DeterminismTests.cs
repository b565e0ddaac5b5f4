using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Etl.Cli;
using Etl.Simulator;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Tests;

/// <summary>
/// Two full builds from the same raw folder, each estimated with the same seed, agree in every table of the
/// warehouse (but the clock columns) and in every publication table, byte for byte.
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly TempDirectory _dir = new("determinism");

    public void Dispose() => _dir.Dispose();

    /// <summary>Columns that record when and how long, not what.</summary>
    private static readonly HashSet<string> s_clock = ["runs.started_utc", "runs.finished_utc", "stage_runs.seconds", "estimation_runs.started_utc", "estimation_runs.elapsed_ms"];

    /// <summary>Every table of a warehouse as text (values in round-trip form), with its hash.</summary>
    private static Dictionary<string, string> Tables(string db)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        var names = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var r = cmd.ExecuteReader();
            while (r.Read()) names.Add(r.GetString(0));
        }
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{name}\"";
            using var r = cmd.ExecuteReader();
            var sb = new StringBuilder();
            while (r.Read())
            {
                for (var i = 0; i < r.FieldCount; i++)
                {
                    if (s_clock.Contains($"{name}.{r.GetName(i)}")) continue;
                    sb.Append(r.IsDBNull(i) ? "NULL" : r.GetValue(i) switch
                    {
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        byte[] b => Convert.ToHexString(b),
                        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                    }).Append('\u001f');
                }
                sb.Append('\n');
            }
            tables[name] = sb.ToString();
        }
        return tables;
    }

    [Fact]
    public void Two_full_builds_and_estimations_from_the_same_raw_folder_agree_byte_for_byte()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var raw = _dir.File("raw");
        CorpusSimulator.Run(RepoPaths.LoadedMappings, new SimulatorOptions(raw, _dir.File("truth"), SimulatorOptions.DefaultSeed, 0.002), TextWriter.Null);
        var runs = new List<(Dictionary<string, string> Tables, Dictionary<string, string> Files)>();
        foreach (var n in new[] { "a", "b" })
        {
            var db = _dir.File($"{n}/etl.db");
            var results = _dir.File($"{n}/results");
            var err = new StringWriter();
            Assert.True(EtlCommandLine.Run(["build", "--raw", raw, "--mappings", RepoPaths.Mappings, "--db", db], TextWriter.Null, err) == ExitCodes.Ok, err.ToString());
            Assert.True(EtlCommandLine.Run(["estimate", "--db", db, "--out", results, "--reps", "50", "--seed", "7"], TextWriter.Null, err) == ExitCodes.Ok, err.ToString());
            var files = Directory.EnumerateFiles(results).Where(f => Path.GetExtension(f) is ".md" or ".csv" or ".tex" or ".html" or ".json")
                .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
            runs.Add((Tables(db), files));
        }
        var (first, second) = (runs[0], runs[1]);
        Assert.Contains("panel", first.Tables.Keys);
        Assert.Contains("estimates", first.Tables.Keys);
        Assert.Equal(2970, first.Tables["panel"].Count(ch => ch == '\n'));
        Assert.Equal(first.Tables.Keys.Order(StringComparer.Ordinal), second.Tables.Keys.Order(StringComparer.Ordinal));
        foreach (var table in first.Tables.Keys) Assert.True(first.Tables[table] == second.Tables[table], $"table {table} differs between the two builds");
        Assert.NotEmpty(first.Files);
        Assert.Equal(first.Files, second.Files);
    }
}
