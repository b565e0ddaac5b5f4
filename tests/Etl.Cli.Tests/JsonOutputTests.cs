using System.Text.Json;
using Etl.Simulator.Serving;
using Etl.Testing;

namespace Etl.Cli.Tests;

/// <summary>A small simulated corpus and the warehouse built from it, for the tests that read command output.</summary>
public sealed class BuiltCorpus : SimulatedCorpus
{
    public BuiltCorpus() : base(0.002, patents: true)
    {
        Database = Path.Combine(Path.GetDirectoryName(Raw)!, "wh", "etl.db");
        var (code, _, error) = CliRun.Run("build", "--raw", Raw, "--mappings", RepoPaths.Mappings, "--db", Database, "--quiet");
        if (code != 0) throw new InvalidOperationException(error);
    }

    public string Database { get; }
}

[CollectionDefinition("built corpus")]
public sealed class BuiltCorpusCollection : ICollectionFixture<BuiltCorpus>;

/// <summary>
/// The JSON documents of trace and fetch, read back as a consumer would: typed fields, the value's identity as
/// fields, patent records with branch names and the evidence re-read from the export, competing values with the
/// rule that chose, and why an interpolated year had no value of its own.
/// </summary>
[Collection("built corpus")]
public sealed class JsonOutputTests(BuiltCorpus corpus)
{
    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRun.Run(args);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private List<object?[]> Rows(string sql) => SqliteRows.Rows(corpus.Database, sql);

    private JsonElement Trace(string city, long year, string variable, params string[] more) =>
        Json(["trace", "--db", corpus.Database, "--city", city, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--var", variable,
            "--raw", corpus.Raw, "--mappings", RepoPaths.Mappings, "--json", .. more]);

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        new[] { node }.Concat(node.GetProperty("inputs").EnumerateArray().SelectMany(Nodes));

    [Fact]
    public void A_patent_count_traces_to_typed_records_with_branch_names_and_the_keyword_that_confirmed_them()
    {
        var cell = Rows("SELECT city_code, year, digital_patent FROM panel WHERE digital_patent >= 3 ORDER BY city_code, year LIMIT 1").Single();
        var trace = Trace((string)cell[0]!, (long)cell[1]!, "digital_patent", "--records", "3");
        Assert.Equal("etl.trace/1", trace.GetProperty("schema").GetString());
        Assert.Equal(cell[0], trace.GetProperty("city_code").GetString());
        Assert.Equal((long)cell[1]!, trace.GetProperty("year").GetInt64());
        Assert.Equal("digital_patent", trace.GetProperty("variable").GetString());
        Assert.Equal(JsonValueKind.Number, trace.GetProperty("value").ValueKind);
        Assert.Equal((long)cell[2]!, trace.GetProperty("value").GetInt64());
        Assert.True(trace.GetProperty("in_panel").GetBoolean());

        var records = Nodes(trace).Where(n => n.GetProperty("kind").GetString() == "record").ToList();
        Assert.Equal(3, records.Count);
        foreach (var r in records)
        {
            var a = r.GetProperty("attributes");
            Assert.Equal(JsonValueKind.Number, a.GetProperty("line").ValueKind);
            Assert.Contains(a.GetProperty("integrated").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            var branches = a.GetProperty("branches").EnumerateArray().Select(b => b.GetString()!).ToList();
            Assert.NotEmpty(branches);
            // Branch names come from the KDT table: "1.1 智能芯片".
            var names = File.ReadAllLines(Path.Combine(RepoPaths.Mappings, "kdt_branches.csv")).Skip(1).Select(l => l.Split(',')).Select(f => $"{f[3]} {f[4]}").ToHashSet();
            Assert.All(branches, b => Assert.Contains(b, names));
            Assert.NotEmpty(a.GetProperty("ipc_codes").EnumerateArray());
            // Re-read from the export and classified by the reference definition, the branches a keyword confirms
            // are exactly the branches the stage's fast matcher stored for the record.
            var confirmed = a.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!.Split(':')[0]).ToList();
            Assert.Equal(branches.Order(StringComparer.Ordinal), confirmed.Order(StringComparer.Ordinal));
            Assert.All(a.GetProperty("evidence").EnumerateArray(), e => Assert.Contains("keyword '", e.GetString()!));
        }
    }

    [Fact]
    public void Without_the_raw_export_a_record_says_why_its_evidence_is_not_shown()
    {
        var cell = Rows("SELECT city_code, year FROM panel WHERE digital_patent >= 1 ORDER BY city_code, year LIMIT 1").Single();
        var (code, output, error) = CliRun.Run("trace", "--db", corpus.Database, "--city", (string)cell[0]!, "--year", cell[1]!.ToString()!, "--var", "digital_patent",
            "--raw", Path.Combine(corpus.Raw, "nowhere"), "--mappings", RepoPaths.Mappings, "--records", "1", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var record = Nodes(doc.RootElement).Single(n => n.GetProperty("kind").GetString() == "record");
        Assert.StartsWith("not shown: the export is not at", record.GetProperty("attributes").GetProperty("evidence").GetString());
    }

    [Fact]
    public void A_value_chosen_among_several_lists_the_others_with_the_rule_and_an_interpolated_one_says_why_its_year_was_missing()
    {
        var chosen = Rows("""
            SELECT f.city_code, f.year, f.variable FROM facts f WHERE f.method = 'observed'
            AND (SELECT count(*) FROM staged_facts s WHERE s.city_code = f.city_code AND s.year = f.year AND s.variable = f.variable) > 1
            ORDER BY 1, 2, 3 LIMIT 1
            """).Single();
        var trace = Trace((string)chosen[0]!, (long)chosen[1]!, (string)chosen[2]!);
        var competing = Nodes(trace).Where(n => n.GetProperty("kind").GetString() == "competing").ToList();
        var others = (long)Rows($"SELECT count(*) - 1 FROM staged_facts WHERE city_code = '{chosen[0]}' AND year = {chosen[1]} AND variable = '{chosen[2]}'")[0][0]!;
        Assert.Equal(others, competing.Count);
        Assert.All(competing, c =>
        {
            var a = c.GetProperty("attributes");
            Assert.Equal(JsonValueKind.Number, a.GetProperty("value").ValueKind);
            Assert.True(a.GetProperty("rule").GetString()!.StartsWith("source precedence (", StringComparison.Ordinal)
                        || a.GetProperty("rule").GetString()!.StartsWith("a revised table", StringComparison.Ordinal));
        });

        var gap = Rows("SELECT city_code, year, variable FROM facts WHERE method = 'interpolated' ORDER BY 1, 2, 3 LIMIT 1").Single();
        var interpolated = Trace((string)gap[0]!, (long)gap[1]!, (string)gap[2]!);
        Assert.Equal("interpolated", interpolated.GetProperty("method").GetString());
        Assert.StartsWith($"no source states {gap[2]} for {gap[1]}: ", interpolated.GetProperty("why_missing").GetString());
    }

    [Fact]
    public void Validate_json_lists_every_declared_check_with_its_outcome()
    {
        var report = Json("validate", "--db", corpus.Database, "--mappings", RepoPaths.Mappings, "--json");
        Assert.Equal("etl.validate/1", report.GetProperty("schema").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(RepoPaths.LoadedMappings.Checks.Checks.Select(c => c.Id), checks.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(checks.Count, report.GetProperty("passed").GetInt32() + report.GetProperty("errors").GetInt32() + report.GetProperty("warnings").GetInt32());
        Assert.All(checks, c =>
        {
            Assert.Contains(c.GetProperty("severity").GetString(), new[] { "error", "warning" });
            Assert.Equal(c.GetProperty("failures").GetInt64() == 0, c.GetProperty("passed").GetBoolean());
        });
    }

    [Fact]
    public async Task Fetch_json_lists_every_source_with_its_status()
    {
        using var dir = new TempDirectory("cli-fetch-json");
        var (site, manifest) = FetchSite.Write(dir);
        await using var server = new CorpusServer(site);
        var (code, output, _) = await Task.Run(() => CliRun.Run("fetch", "--manifest", manifest, "--raw", dir.File("raw"), "--base-url", server.BaseUrl.AbsoluteUri, "--json"));
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("etl.fetch/1", root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("sources").GetInt32());
        Assert.Equal(1, root.GetProperty("new").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        var outcomes = root.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
        Assert.Equal("new", outcomes["a"].GetProperty("status").GetString());
        Assert.Equal(new FileInfo(dir.File("raw/bulletins/a.html")).Length, outcomes["a"].GetProperty("bytes").GetInt64());
        Assert.Equal("failed", outcomes["gone"].GetProperty("status").GetString());
        Assert.Contains("404", outcomes["gone"].GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, outcomes["gone"].GetProperty("sha256").ValueKind);
    }
}
