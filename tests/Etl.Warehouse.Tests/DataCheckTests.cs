using Etl.Domain.Mappings;
using Etl.Pipeline;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Tests;

/// <summary>The declared data checks: each kind finds exactly the rows planted to fail it; an error fails the build, a warning does not.</summary>
[Collection("warehouse corpus")]
public class DataCheckTests(WarehouseCorpus corpus)
{
    private static void Exec(string db, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void The_declared_checks_pass_on_the_built_corpus_and_its_report_is_beside_it()
    {
        var results = DataChecks.Run(corpus.Database, RepoPaths.LoadedMappings);
        Assert.Equal(RepoPaths.LoadedMappings.Checks.Checks.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Check.Id}: {string.Join(", ", r.Examples)}"));
        var report = File.ReadAllText(WarehouseBuilder.ReportPath(corpus.Database));
        Assert.Contains($"{results.Count} checks from mappings/data_checks.csv: {results.Count} passed, 0 errors, 0 warnings", report);
        Assert.Equal((long)results.Count, SqliteRows.Rows(corpus.Database, "SELECT count(*) FROM validation_results WHERE passed = 1")[0][0]);
    }

    [Fact]
    public void Each_kind_of_check_finds_exactly_the_planted_rows()
    {
        using var dir = new TempDirectory("wh-checks");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var cities = SqliteRows.Rows(db, "SELECT DISTINCT city_code FROM panel ORDER BY city_code LIMIT 3").Select(r => (string)r[0]!).ToList();
        // A unit slip (GDP per capita in 10k yuan), a population that jumps tenfold for one year, a negative share.
        Exec(db, $"UPDATE panel SET gdp = gdp / 10000 WHERE city_code = '{cities[0]}' AND year IN (2015, 2016)");
        Exec(db, $"UPDATE panel SET pop = pop * 10 WHERE city_code = '{cities[1]}' AND year = 2018");
        Exec(db, $"UPDATE panel SET ind3_share = -1 WHERE city_code = '{cities[2]}' AND year = 2020");
        Exec(db, "UPDATE variables SET unit = 'yuan' WHERE name = 'nq_rev'");
        var results = DataChecks.Run(db, RepoPaths.LoadedMappings).ToDictionary(r => r.Check.Id);
        Assert.Equal(2, results["gdp_plausible"].Failures);                // both years below 3000 yuan
        Assert.Equal(2, results["gdp_jump"].Failures);                     // into 2015 and out of 2016
        Assert.Equal(2, results["pop_jump"].Failures);                     // into 2018 and out of it
        Assert.Equal(1, results["ind3_share_percent"].Failures);
        Assert.Equal(1, results["nq_rev_unit"].Failures);
        Assert.StartsWith($"{cities[2]} 2020 -1", results["ind3_share_percent"].Examples.Single());
        Assert.All(results.Values.Where(r => r.Check.Id is not ("gdp_plausible" or "gdp_jump" or "pop_jump" or "ind3_share_percent" or "nq_rev_unit")), r => Assert.True(r.Passed, r.Check.Id));
        var errors = DataChecks.Errors([.. results.Values]);
        Assert.Contains("2 data check(s) of severity error failed", errors);
        Assert.Contains("ind3_share_percent (1 rows", errors);
    }

    [Fact]
    public void A_failed_error_check_fails_the_build_and_keeps_the_previous_warehouse()
    {
        using var dir = new TempDirectory("wh-checks-build");
        var mappings = dir.File("mappings");
        Directory.CreateDirectory(mappings);
        foreach (var f in MappingSet.Files) File.Copy(Path.Combine(RepoPaths.Mappings, f), Path.Combine(mappings, f));
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var before = File.ReadAllBytes(db);
        // A check no real city passes: GDP per capita below 100 yuan.
        File.AppendAllText(Path.Combine(mappings, DataCheckTable.FileName), "gdp_tiny,error,range,gdp,,100,,GDP per capita below 100 yuan\n");
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(corpus.Raw, mappings, db), TextWriter.Null));
        Assert.Contains("1 data check(s) of severity error failed: gdp_tiny (", e.Message);
        Assert.True(before.AsSpan().SequenceEqual(File.ReadAllBytes(db)));
        Assert.Contains("| gdp_tiny | error | range | gdp |", File.ReadAllText(WarehouseBuilder.ReportPath(db + ".failed")));

        // As a warning it is listed and the build succeeds.
        File.WriteAllText(Path.Combine(mappings, DataCheckTable.FileName),
            File.ReadAllText(Path.Combine(mappings, DataCheckTable.FileName)).Replace("gdp_tiny,error", "gdp_tiny,warning", StringComparison.Ordinal));
        var log = new StringWriter();
        WarehouseBuilder.Run(new BuildOptions(corpus.Raw, mappings, db), log);
        Assert.Contains("warning gdp_tiny: ", log.ToString());
        Assert.Equal("warning", SqliteRows.Rows(db, "SELECT severity FROM validation_results WHERE check_id = 'gdp_tiny' AND passed = 0")[0][0]);
    }

    [Fact]
    public void A_panel_check_on_a_variable_outside_the_panel_is_refused_when_the_mappings_load()
    {
        using var dir = new TempDirectory("wh-checks-target");
        foreach (var f in MappingSet.Files) File.Copy(Path.Combine(RepoPaths.Mappings, f), dir.File(f));
        File.AppendAllText(dir.File(DataCheckTable.FileName), "students_range,error,range,students,0,,,students are not a panel column\n");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Contains("'students' is not a panel variable", e.Message);
    }

    [Fact]
    public void The_change_counter_moves_with_every_committed_write()
    {
        using var dir = new TempDirectory("wh-counter");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var before = WarehouseFile.ChangeCounter(db);
        Exec(db, "CREATE TABLE note (x INTEGER)");
        Assert.Equal(before + 1, WarehouseFile.ChangeCounter(db));
        Assert.Equal(-1, WarehouseFile.ChangeCounter(dir.File("none.db")));
    }
}
