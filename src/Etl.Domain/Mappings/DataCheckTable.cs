namespace Etl.Domain.Mappings;

/// <summary>How bad a failed data check is: an error fails the build, a warning is listed in its summary.</summary>
public enum CheckSeverity
{
    /// <summary>Listed in the build summary and the report; the build succeeds.</summary>
    Warning,

    /// <summary>The build fails and the warehouse is not replaced.</summary>
    Error,
}

/// <summary>
/// One declared data check (<c>data_checks.csv</c>). Kinds:
/// <c>not_null</c> (no NULL in a panel column), <c>range</c> (panel values within [min, max], either bound
/// optional), <c>unique</c> (no two rows of a table share the key columns <c>expected</c> lists, ';'-separated),
/// <c>jump</c> (a panel value more than <c>max</c> times, or less than 1/<c>max</c> of, the city's previous year),
/// <c>source_disagreement</c> (sources that give a variable values further apart than <c>max</c>, relative),
/// <c>unit</c> (the variable's catalogue unit is <c>expected</c>).
/// </summary>
public sealed record DataCheck(string Id, CheckSeverity Severity, string Kind, string Target, double? Min, double? Max, string? Expected, string Description);

/// <summary>The data checks an auditor reads: what is checked after every build, and how bad a failure is.</summary>
public sealed class DataCheckTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "data_checks.csv";

    /// <summary>The kinds of check the warehouse knows how to run.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "not_null", "range", "unique", "jump", "source_disagreement", "unit" };

    private DataCheckTable(List<DataCheck> checks) => Checks = checks;

    /// <summary>The checks in file order.</summary>
    public IReadOnlyList<DataCheck> Checks { get; }

    /// <summary>Loads and validates the checks against the variable catalogue.</summary>
    public static DataCheckTable Load(string directory, VariableCatalogue variables)
    {
        var checks = new List<DataCheck>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "check_id", "severity", "kind", "target", "min", "max", "expected", "description"))
        {
            var id = r.Text("check_id");
            if (checks.Any(c => c.Id == id)) throw r.Error($"duplicate check_id '{id}'");
            var severity = r.Text("severity") switch
            {
                "error" => CheckSeverity.Error,
                "warning" => CheckSeverity.Warning,
                var s => throw r.Error($"severity must be error or warning: '{s}'"),
            };
            var kind = r.Text("kind");
            if (!Kinds.Contains(kind)) throw r.Error($"unknown kind '{kind}' (known: {string.Join(", ", Kinds.Order(StringComparer.Ordinal))})");
            var target = r.Text("target");
            double? min = r.OptionalText("min") is null ? null : r.Double("min");
            double? max = r.OptionalText("max") is null ? null : r.Double("max");
            var expected = r.OptionalText("expected");
            if (kind != "unique" && variables.All.All(v => v.Name != target)) throw r.Error($"target '{target}' is not a variable of {VariableCatalogue.FileName}");
            if (kind is "not_null" or "range" or "jump" && !variables.All.Any(v => v.Name == target && v.InPanel))
                throw r.Error($"a {kind} check reads the panel, and '{target}' is not a panel variable of {VariableCatalogue.FileName}");
            switch (kind)
            {
                case "range" when min is null && max is null: throw r.Error("a range check needs min, max or both");
                case "jump" when max is not > 1: throw r.Error("a jump check needs max, the factor, above 1");
                case "source_disagreement" when max is not > 0: throw r.Error("a source_disagreement check needs max, the relative tolerance");
                case "unit" or "unique" when expected is null: throw r.Error($"a {kind} check needs expected");
            }
            checks.Add(new DataCheck(id, severity, kind, target, min, max, expected, r.Text("description")));
        }
        return new DataCheckTable(checks);
    }
}
