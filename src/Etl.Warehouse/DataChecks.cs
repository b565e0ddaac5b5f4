using System.Globalization;
using System.Text;
using Etl.Domain.Mappings;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>The outcome of one data check: how many rows fail it, and the first few, for people.</summary>
/// <param name="Check">The declared check.</param>
/// <param name="Failures">Rows (or pairs) that fail it.</param>
/// <param name="Examples">Up to five failing rows: <c>440300 2018 gdp 2.1e6</c>.</param>
public sealed record CheckResult(DataCheck Check, long Failures, IReadOnlyList<string> Examples)
{
    /// <summary>Whether the check holds.</summary>
    public bool Passed => Failures == 0;
}

/// <summary>
/// Runs the declared data checks (<c>mappings/data_checks.csv</c>) on a warehouse with plain SQL, writes their
/// results into <c>validation_results</c>, and renders the report an auditor reads. A build runs them at its end:
/// a failed error fails the build; failed warnings are listed in its summary.
/// </summary>
public static class DataChecks
{
    private const int ExampleCount = 5;

    /// <summary>Runs every check on the open warehouse (tables in <c>main</c>).</summary>
    public static IReadOnlyList<CheckResult> Run(SqliteConnection c, IReadOnlyList<DataCheck> checks) => checks.Select(k => Run(c, k)).ToList();

    /// <summary>Runs the checks of <paramref name="mappings"/> on the warehouse file at <paramref name="database"/>, read-only.</summary>
    public static IReadOnlyList<CheckResult> Run(string database, MappingSet mappings)
    {
        if (!File.Exists(database)) throw new BuildException($"warehouse not found: {Path.GetFullPath(database)}");
        if (WarehouseIdentity.Inspect(database) is (WarehouseIdentity.Kind.Foreign, var why))
            throw new BuildException($"{Path.GetFullPath(database)} is not a warehouse: {why}");
        using var c = Sql.Open(database, SqliteOpenMode.ReadOnly);
        return Run(c, mappings.Checks.Checks);
    }

    private static CheckResult Run(SqliteConnection c, DataCheck k)
    {
        var column = Sql.Quote(k.Target);
        var (count, examples) = k.Kind switch
        {
            "not_null" => Failing(c, $"FROM panel WHERE {column} IS NULL", $"city_code || ' ' || year"),
            "range" => Failing(c, $"FROM panel WHERE {column} < $min OR {column} > $max", $"city_code || ' ' || year || ' ' || {column}",
                ("$min", k.Min ?? double.NegativeInfinity), ("$max", k.Max ?? double.PositiveInfinity)),
            "unique" => Duplicates(c, k.Target, k.Expected!.Split(';')),
            "jump" => Failing(c, $"""
                FROM panel a JOIN panel b ON b.city_code = a.city_code AND b.year = a.year - 1
                WHERE a.{column} > 0 AND b.{column} > 0 AND (a.{column} > $f * b.{column} OR a.{column} * $f < b.{column})
                """, $"a.city_code || ' ' || a.year || ' ' || a.{column} || ' (' || b.year || ': ' || b.{column} || ')'", ("$f", k.Max!.Value)),
            "source_disagreement" => Failing(c, "FROM source_conflicts WHERE variable = $v AND relative_difference > $t",
                "city_code || ' ' || year || ' ' || kept_source || ' ' || kept_value || ' vs ' || other_source || ' ' || other_value", ("$v", k.Target), ("$t", k.Max!.Value)),
            "unit" => Failing(c, "FROM variables WHERE name = $v AND unit <> $u", "name || ' in ' || unit", ("$v", k.Target), ("$u", k.Expected!)),
            _ => throw new BuildException($"{DataCheckTable.FileName}: check {k.Id} has unknown kind {k.Kind}"),
        };
        return new CheckResult(k, count, examples);
    }

    private static (long, List<string>) Failing(SqliteConnection c, string from, string example, params (string, object?)[] p) =>
        (Convert.ToInt64(Sql.Scalar(c, "SELECT count(*) " + from, p), CultureInfo.InvariantCulture),
            Sql.Query(c, $"SELECT {example} {from} LIMIT {ExampleCount}", p).Select(r => r.GetValue(0) is var v && v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(v, CultureInfo.InvariantCulture)!).ToList());

    private static (long, List<string>) Duplicates(SqliteConnection c, string table, string[] key)
    {
        var columns = string.Join(", ", key.Select(Sql.Quote));
        var from = $"FROM (SELECT {columns}, count(*) AS n FROM {Sql.Quote(table)} GROUP BY {columns} HAVING n > 1)";
        return (Convert.ToInt64(Sql.Scalar(c, "SELECT coalesce(sum(n), 0) " + from), CultureInfo.InvariantCulture),
            Sql.Query(c, $"SELECT {string.Join(" || ' ' || ", key.Select(Sql.Quote))} || ' x' || n {from} LIMIT {ExampleCount}").Select(r => r.GetString(0)).ToList());
    }

    /// <summary>Writes the results into <c>validation_results</c>.</summary>
    internal static void Write(SqliteConnection c, SqliteTransaction tx, long runId, IReadOnlyList<CheckResult> results)
    {
        using var ins = new BulkInsert(c, tx, "validation_results", "run_id", "check_id", "severity", "kind", "target", "failures", "passed", "description", "examples");
        foreach (var r in results)
            ins.Add(runId, r.Check.Id, r.Check.Severity == CheckSeverity.Error ? "error" : "warning", r.Check.Kind, r.Check.Target, r.Failures, r.Passed ? 1 : 0,
                r.Check.Description, string.Join("; ", r.Examples));
    }

    /// <summary>The checks that failed with severity error, as one line; null when none did.</summary>
    public static string? Errors(IReadOnlyList<CheckResult> results)
    {
        var failed = results.Where(r => !r.Passed && r.Check.Severity == CheckSeverity.Error).ToList();
        return failed.Count == 0 ? null
            : $"{failed.Count} data check(s) of severity error failed: {string.Join("; ", failed.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Check.Id} ({r.Failures} rows, e.g. {string.Join(", ", r.Examples.Take(2))})")))}";
    }

    /// <summary>The report as Markdown: a table of every check with its outcome, then the failing rows of each.</summary>
    public static string Report(IReadOnlyList<CheckResult> results, string database)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Data checks of {Path.GetFileName(database)}").Append("\n\n");
        var errors = results.Count(r => !r.Passed && r.Check.Severity == CheckSeverity.Error);
        var warnings = results.Count(r => !r.Passed && r.Check.Severity == CheckSeverity.Warning);
        sb.Append(CultureInfo.InvariantCulture, $"{results.Count} checks from mappings/{DataCheckTable.FileName}: {results.Count(r => r.Passed)} passed, {errors} errors, {warnings} warnings.").Append("\n\n");
        sb.Append("| check | severity | kind | target | failing rows | what it guards |\n|---|---|---|---|---:|---|\n");
        foreach (var r in results)
            sb.Append(CultureInfo.InvariantCulture,
                $"| {r.Check.Id} | {(r.Check.Severity == CheckSeverity.Error ? "error" : "warning")} | {r.Check.Kind} | {r.Check.Target} | {r.Failures} | {r.Check.Description} |").Append('\n');
        foreach (var r in results.Where(r => !r.Passed))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {r.Check.Id}: {r.Failures} failing\n\n");
            foreach (var e in r.Examples) sb.Append("- ").Append(e).Append('\n');
            if (r.Failures > r.Examples.Count) sb.Append(CultureInfo.InvariantCulture, $"- ... and {r.Failures - r.Examples.Count} more\n");
        }
        return sb.ToString();
    }

    /// <summary>Summary lines for the build log: one per failed check.</summary>
    public static IEnumerable<string> SummaryLines(IReadOnlyList<CheckResult> results)
    {
        var failed = results.Where(r => !r.Passed).ToList();
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  checks    {results.Count} data checks: {results.Count(r => r.Passed)} passed, {failed.Count(r => r.Check.Severity == CheckSeverity.Error)} errors, {failed.Count(r => r.Check.Severity == CheckSeverity.Warning)} warnings");
        foreach (var r in failed)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"            {(r.Check.Severity == CheckSeverity.Error ? "error  " : "warning")} {r.Check.Id}: {r.Failures} rows ({r.Check.Description}), e.g. {string.Join(", ", r.Examples.Take(2))}");
    }
}
