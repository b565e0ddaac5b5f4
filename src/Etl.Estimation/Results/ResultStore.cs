using System.Globalization;
using Etl.Domain.Provenance;
using Etl.Estimation.Panel;
using Microsoft.Data.Sqlite;

namespace Etl.Estimation.Results;

/// <summary>
/// Writes the stage's tables into the warehouse (schema in the README). <c>estimation_runs</c> keeps every run:
/// its result set, the build run and panel hash it read, and the commit of the code. <c>estimates</c>,
/// <c>test_statistics</c> and <c>bootstrap_draws</c> hold the latest run of each result set: a run replaces the
/// rows of its own set and no other, so another specification never overwrites the study's. Everything is
/// written in one transaction: a reader sees the previous state or this run's, never a mixture.
/// </summary>
public static class ResultStore
{
    /// <summary>The tables this stage owns.</summary>
    public static readonly IReadOnlyList<string> Tables = ["estimation_runs", "estimates", "test_statistics", "bootstrap_draws"];

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS estimation_runs (
          estimation_id INTEGER PRIMARY KEY, result_set TEXT NOT NULL, run_id TEXT NOT NULL, stage_version TEXT NOT NULL,
          tool_version TEXT NOT NULL, commit_sha TEXT NOT NULL, code_dirty INTEGER NOT NULL, build_run_id INTEGER, panel_hash TEXT NOT NULL,
          spec_source TEXT NOT NULL, spec_sha256 TEXT NOT NULL, panel_table TEXT NOT NULL, panel_rows INTEGER NOT NULL, panel_cities INTEGER NOT NULL,
          panel_years INTEGER NOT NULL, seed INTEGER NOT NULL, bootstrap_reps INTEGER, models INTEGER NOT NULL, tests INTEGER NOT NULL,
          started_utc TEXT NOT NULL, elapsed_ms REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS estimates (
          estimation_id INTEGER NOT NULL, result_set TEXT NOT NULL, run_id TEXT NOT NULL, model TEXT NOT NULL, table_id TEXT NOT NULL,
          label TEXT NOT NULL, spec TEXT NOT NULL, outcome TEXT NOT NULL, term TEXT NOT NULL, term_order INTEGER NOT NULL, omitted INTEGER NOT NULL,
          estimate REAL, std_error REAL, t REAL, p REAL, ci_level REAL NOT NULL, ci_low REAL, ci_high REAL, df INTEGER NOT NULL,
          vcov TEXT NOT NULL, cluster TEXT, n INTEGER NOT NULL, g INTEGER, k INTEGER NOT NULL, singletons INTEGER NOT NULL,
          dropped_missing INTEGER NOT NULL, r2 REAL, r2_adj REAL, r2_within REAL, r2_within_adj REAL, f REAL, f_df1 INTEGER,
          f_df2 INTEGER, panel_hash TEXT NOT NULL, PRIMARY KEY (result_set, model, term));
        CREATE TABLE IF NOT EXISTS test_statistics (
          estimation_id INTEGER NOT NULL, result_set TEXT NOT NULL, run_id TEXT NOT NULL, test_id TEXT NOT NULL, kind TEXT NOT NULL,
          models TEXT NOT NULL, term TEXT NOT NULL, statistic_name TEXT NOT NULL, statistic REAL, estimate REAL, p REAL, ci_level REAL,
          ci_low REAL, ci_high REAL, reps INTEGER, failed_reps INTEGER, seed INTEGER NOT NULL, detail TEXT NOT NULL, panel_hash TEXT NOT NULL,
          PRIMARY KEY (result_set, test_id, kind));
        CREATE TABLE IF NOT EXISTS bootstrap_draws (
          estimation_id INTEGER NOT NULL, result_set TEXT NOT NULL, run_id TEXT NOT NULL, test_id TEXT NOT NULL, rep INTEGER NOT NULL,
          a REAL, b REAL, ab REAL, panel_hash TEXT NOT NULL, PRIMARY KEY (result_set, test_id, rep));
        """;

    /// <summary>
    /// Writes this run's results into the warehouse at <paramref name="dbPath"/>; returns the run's
    /// <c>estimation_id</c>, and a note for the user when result tables of an older format had to be replaced.
    /// </summary>
    public static (long EstimationId, string? Note) Write(string dbPath, StudyResults results, DateTime startedUtc, TimeSpan elapsed)
    {
        try { return WriteTables(dbPath, results, startedUtc, elapsed); }
        catch (SqliteException e)
        {
            // A read-only or locked file: the transaction was rolled back and the previous tables stand.
            throw new InvalidDataException($"{dbPath}: cannot write the result tables ({e.Message})", e);
        }
    }

    private static (long, string?) WriteTables(string dbPath, StudyResults results, DateTime startedUtc, TimeSpan elapsed)
    {
        using var connection = Warehouse.OpenReadWrite(dbPath);
        // Take the write lock first, then check that the panel is still the one estimated: a build that
        // published a new warehouse meanwhile must not receive results of the panel it replaced.
        using var tx = connection.BeginTransaction(deferred: false);
        var now = PanelReader.Read(connection, dbPath, results.Panel.Table, results.Panel.Numeric.Keys, results.Panel.Categorical.Keys);
        var changed = now.SnapshotHash != results.Panel.SnapshotHash;
        // The variant panels some models ran on are checked as well.
        foreach (var (table, hash) in results.Models.Where(m => m.Spec.PanelTable is not null).Select(m => (m.Spec.PanelTable!, m.PanelHash)).Distinct())
            changed |= !Warehouse.HasTableOrView(connection, table)
                       || PanelReader.Read(connection, dbPath, table, results.Panel.Numeric.Keys, results.Panel.Categorical.Keys).SnapshotHash != hash;
        if (changed)
            throw new InvalidDataException(
                $"{dbPath}: the panel changed while the models were estimated (a build published a new warehouse); nothing was written: run etl estimate again");
        string? note = null;
        if (Warehouse.HasTableOrView(connection, "estimation_runs") && !Warehouse.Columns(connection, "estimation_runs").Contains("result_set"))
        {
            foreach (var table in Tables) Exec(connection, tx, $"DROP TABLE IF EXISTS {table}");
            note = "the warehouse held result tables of an older format, without run history; they were replaced";
        }
        Exec(connection, tx, Schema);
        var tests = TestStatistics.From(results);
        var panelHash = results.Panel.SnapshotHash;
        var set = results.ResultSet;
        foreach (var table in Tables.Skip(1))
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = $"DELETE FROM {table} WHERE result_set = $set";
            delete.Parameters.AddWithValue("$set", set);
            delete.ExecuteNonQuery();
        }

        Insert(connection, tx, "estimation_runs",
        [
            null, set, results.RunId, StudyRunner.Version, ToolVersion.Current, ToolVersion.Commit, ToolVersion.Dirty ? 1 : 0, results.Build?.RunId, panelHash,
            results.Spec.Source, results.Spec.Hash, results.Panel.Table, results.Panel.RowCount, results.Panel.CityCodes.Count, results.Panel.Years.Count,
            (long)results.Seed, results.Mediation?.Draws.Reps, results.Models.Count, tests.Count,
            startedUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), elapsed.TotalMilliseconds,
        ]);
        long id;
        using (var last = connection.CreateCommand())
        {
            last.Transaction = tx;
            last.CommandText = "SELECT last_insert_rowid()";
            id = Convert.ToInt64(last.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using (var cmd = Prepare(connection, tx, "estimates", 34))
            foreach (var m in results.Models)
            {
                var f = m.Fit;
                var spec = m.Spec;
                var order = 0;
                foreach (var name in spec.Regressors.Select(r => r.ToString()).Append(Engine.FixedEffectsRegression.Constant))
                {
                    var term = f.Terms.FirstOrDefault(t => t.Name == name);
                    var omitted = f.Omitted.Contains(name);
                    if (term is null && !omitted) continue;
                    Run(cmd,
                    [
                        id, set, results.RunId, spec.Id, spec.Table, spec.Label, spec.Canonical, spec.Outcome.ToString(), name, order++, omitted ? 1 : 0,
                        term?.Estimate, term?.StdError, term?.T, term?.P, 0.95, term?.CiLow, term?.CiHigh, f.DfResidual,
                        f.VcovKind.ToString().ToLowerInvariant(), spec.Cluster, f.N, f.Clusters, f.K, f.Singletons, m.DroppedMissing,
                        f.R2, f.R2Adjusted, f.R2Within, f.R2WithinAdjusted, f.F, f.FDf1, f.DfResidual, m.PanelHash.Length > 0 ? m.PanelHash : panelHash,
                    ]);
                }
            }

        using (var cmd = Prepare(connection, tx, "test_statistics", 19))
            foreach (var t in tests)
                Run(cmd,
                [
                    id, set, results.RunId, t.TestId, t.Kind, t.Models, t.Term, t.StatisticName, t.Statistic, t.Estimate, t.P, t.CiLevel, t.CiLow, t.CiHigh,
                    t.Reps, t.Failed, (long)results.Seed, t.Detail, panelHash,
                ]);

        if (results.Mediation is { } med)
        {
            using var cmd = Prepare(connection, tx, "bootstrap_draws", 9);
            for (var r = 0; r < med.Draws.Reps; r++)
                Run(cmd, [id, set, results.RunId, med.Spec.Id, r, med.Draws.A[r], med.Draws.B[r], med.Draws.A[r] * med.Draws.B[r], panelHash]);
        }
        tx.Commit();
        return (id, note);
    }

    private static void Exec(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string table, int columns)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", Enumerable.Range(0, columns).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns; i++) cmd.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        cmd.Prepare();
        return cmd;
    }

    private static void Insert(SqliteConnection c, SqliteTransaction tx, string table, object?[] values)
    {
        using var cmd = Prepare(c, tx, table, values.Length);
        Run(cmd, values);
    }

    /// <summary>Binds and runs; NaN and infinities are stored as NULL (SQLite has no NaN).</summary>
    private static void Run(SqliteCommand cmd, object?[] values)
    {
        if (values.Length != cmd.Parameters.Count) throw new ArgumentException($"{values.Length} values for {cmd.Parameters.Count} columns");
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                double d when !double.IsFinite(d) => DBNull.Value,
                var v => v,
            };
        cmd.ExecuteNonQuery();
    }
}
