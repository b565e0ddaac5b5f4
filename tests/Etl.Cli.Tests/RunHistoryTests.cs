using System.Globalization;
using System.Text;
using System.Text.Json;
using Etl.Domain.Provenance;
using Etl.Testing;

namespace Etl.Cli.Tests;

/// <summary>
/// Two builds with one planted change between them, each estimated: the history ties every estimate to the
/// build and the commit that made its panel, and <c>etl diff</c> lists exactly the planted change.
/// </summary>
[Collection("built corpus")]
public sealed class RunHistoryTests(BuiltCorpus corpus) : IDisposable
{
    private readonly TempDirectory _dir = new("history");

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRun.Run(args);

    private static (int Code, JsonElement Json) RunJson(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        return (code, doc.RootElement.Clone());
    }

    private static List<object?[]> Rows(string db, string sql) => SqliteRows.Rows(db, sql);

    [Fact]
    public void Every_estimate_joins_to_its_build_and_commit_and_diff_lists_exactly_the_planted_change()
    {
        var raw = _dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = _dir.File("wh/etl.db");
        Directory.CreateDirectory(_dir.File("wh"));
        File.Copy(corpus.Database, db);
        string[] build = ["build", "--raw", raw, "--mappings", RepoPaths.Mappings, "--db", db, "--json", "--quiet"];
        // The copied raw folder holds the same bytes: the warehouse built from the original is up to date with it.
        var (_, first) = RunJson(build);
        Assert.Equal("etl.build/1", first.GetProperty("schema").GetString());
        Assert.True(first.GetProperty("up_to_date").GetBoolean());
        Assert.Equal([1L], Rows(db, "SELECT run_id FROM runs").Select(r => (long)r[0]!));
        Assert.Empty(Rows(db, "SELECT * FROM run_changes"));
        Assert.Equal(0, Run("estimate", "--db", db, "--out", _dir.File("wh/results"), "--reps", "20", "--quiet").Code);

        // Plant one change: a bulletin's revenue figure of a panel city, revised by about 1%.
        var planted = Rows(db, """
            SELECT f.city_code, f.year, s.path, sf.raw_text FROM facts f
            JOIN fact_inputs i ON i.city_code = f.city_code AND i.year = f.year AND i.variable = f.variable AND i.kind = 'staged'
            JOIN staged_facts sf ON sf.staged_id = CAST(i.ref AS INTEGER) JOIN source_files s ON s.file_id = sf.file_id
            WHERE f.variable = 'nq_rev' AND f.source = 'bulletin' AND f.method = 'observed' AND f.city_code IN (SELECT city_code FROM panel)
            ORDER BY f.city_code, f.year
            """)
            .Select(r => (City: (string)r[0]!, Year: (long)r[1]!, Path: Path.Combine(raw, (string)r[2]!), Text: (string)r[3]!))
            .First(r => Standalone(File.ReadAllText(r.Path, Encoding.Latin1), r.Text).Count == 1);
        var oldValue = double.Parse(planted.Text, CultureInfo.InvariantCulture);
        var decimals = planted.Text.Contains('.', StringComparison.Ordinal) ? planted.Text.Length - planted.Text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var newText = Math.Round(oldValue * 1.01, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // Byte for byte (Latin-1 maps each byte to one char): the page may be GBK, and only ASCII digits change.
        var page = File.ReadAllText(planted.Path, Encoding.Latin1);
        var at = Standalone(page, planted.Text)[0];
        File.WriteAllText(planted.Path, page[..at] + newText + page[(at + planted.Text.Length)..], Encoding.Latin1);

        var (_, second) = RunJson(build);
        Assert.Equal(2, second.GetProperty("run_id").GetInt64());
        Assert.Equal(1, second.GetProperty("changes").GetProperty("file_changed").GetInt32());
        Assert.Equal(1, second.GetProperty("changes").GetProperty("cell_changed").GetInt32());
        Assert.Equal(0, Run("estimate", "--db", db, "--out", _dir.File("wh/results"), "--reps", "20", "--quiet").Code);

        // etl diff: exactly the planted change, and the one cell it moved, with both values.
        var (_, diff) = RunJson("diff", "--db", db, "--json");
        Assert.Equal("etl.diff/1", diff.GetProperty("schema").GetString());
        Assert.Equal(1, diff.GetProperty("previous_run_id").GetInt64());
        var changes = diff.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal("file_changed", changes[0].GetProperty("kind").GetString());
        Assert.Equal(Path.GetRelativePath(raw, planted.Path).Replace('\\', '/'), changes[0].GetProperty("subject").GetString());
        Assert.Equal("cell_changed", changes[1].GetProperty("kind").GetString());
        Assert.Equal(planted.City, changes[1].GetProperty("subject").GetString());
        Assert.Equal(planted.Year, changes[1].GetProperty("year").GetInt64());
        Assert.Equal("nq_rev", changes[1].GetProperty("variable").GetString());
        Assert.Equal(oldValue, double.Parse(changes[1].GetProperty("old_value").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(double.Parse(newText, CultureInfo.InvariantCulture), double.Parse(changes[1].GetProperty("new_value").GetString()!, CultureInfo.InvariantCulture));
        var text = Run("diff", "--db", db).Output;
        Assert.Contains($"{planted.City} {planted.Year} nq_rev: ", text);
        Assert.Contains("1 changed", text);

        // The history: two builds, two estimations, each joined to its build, its panel and the commit of the code.
        var builds = Rows(db, "SELECT run_id, panel_hash, commit_sha FROM runs ORDER BY run_id");
        Assert.Equal([1L, 2L], builds.Select(b => (long)b[0]!));
        Assert.NotEqual(builds[0][1], builds[1][1]);
        Assert.All(builds, b => Assert.Equal(ToolVersion.Commit, b[2]));
        var estimations = Rows(db, """
            SELECT e.estimation_id, e.build_run_id, e.panel_hash = r.panel_hash, e.commit_sha, r.commit_sha
            FROM estimation_runs e LEFT JOIN runs r ON r.run_id = e.build_run_id ORDER BY e.estimation_id
            """);
        Assert.Equal(2, estimations.Count);
        Assert.Equal([1L, 2L], estimations.Select(e => (long)e[1]!));
        Assert.All(estimations, e => Assert.Equal(1L, e[2]));
        Assert.All(estimations, e => Assert.Equal(ToolVersion.Commit, e[3]));
        var estimates = (long)Rows(db, "SELECT count(*) FROM estimates")[0][0]!;
        Assert.True(estimates > 0);
        Assert.Equal(estimates, Rows(db, """
            SELECT count(*) FROM estimates x JOIN estimation_runs e USING (estimation_id) JOIN runs r ON r.run_id = e.build_run_id
            WHERE x.panel_hash = r.panel_hash AND r.run_id = 2 AND r.commit_sha = e.commit_sha
            """)[0][0]);

        // A no-op build leaves everything as it was and says so.
        var (_, third) = RunJson(build);
        Assert.True(third.GetProperty("up_to_date").GetBoolean());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("run_id").ValueKind);
    }

    [Fact]
    public void Another_specification_writes_its_own_result_set_and_never_the_studys_silently()
    {
        var db = _dir.File("wh/etl.db");
        Directory.CreateDirectory(_dir.File("wh"));
        File.Copy(corpus.Database, db);
        var study = _dir.File("wh/results");
        Assert.Equal(0, Run("estimate", "--db", db, "--out", study, "--reps", "20", "--quiet").Code);
        var studyRows = Rows(db, "SELECT model, term, estimate FROM estimates WHERE result_set = 'study' ORDER BY model, term");
        var manifest = File.ReadAllText(Path.Combine(study, "manifest.json"));

        var spec = _dir.File("alt.json");
        File.Copy(Path.Combine(RepoPaths.Root, "src", "Etl.Estimation", "Specs", "study.json"), spec);
        var refused = Run("estimate", "--db", db, "--spec", spec, "--out", study, "--reps", "20");
        Assert.Equal(1, refused.Code);
        Assert.Contains("holds the results of 'study', not 'alt'", refused.Error);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(study, "manifest.json")));

        var (_, alt) = RunJson("estimate", "--db", db, "--spec", spec, "--out", _dir.File("wh/results-alt"), "--reps", "20", "--json");
        Assert.Equal("etl.estimate/1", alt.GetProperty("schema").GetString());
        Assert.Equal("alt", alt.GetProperty("result_set").GetString());
        Assert.Equal(1, alt.GetProperty("build_run_id").GetInt64());
        var t14 = alt.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "t1_4");
        var digReal = t14.GetProperty("terms").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "dig_real");
        Assert.Equal(JsonValueKind.Number, digReal.GetProperty("estimate").ValueKind);
        Assert.Equal((double)Rows(db, "SELECT estimate FROM estimates WHERE result_set = 'alt' AND model = 't1_4' AND term = 'dig_real'")[0][0]!,
            digReal.GetProperty("estimate").GetDouble());

        // A user's own study.json is a set of its own: "study" belongs to the bundled specification.
        Assert.Equal("study_user", Etl.Estimation.StudyOptions.NameOf(Path.Combine(_dir.Path, "study.json")));

        // The study's rows are untouched, and both sets are there.
        Assert.Equal(studyRows, Rows(db, "SELECT model, term, estimate FROM estimates WHERE result_set = 'study' ORDER BY model, term"));
        Assert.Equal(["alt", "study"], Rows(db, "SELECT DISTINCT result_set FROM estimates ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal(2L, Rows(db, "SELECT count(*) FROM estimation_runs")[0][0]);
    }

    /// <summary>Where <paramref name="value"/> stands as a number of its own (not inside a longer one).</summary>
    private static List<int> Standalone(string text, string value)
    {
        static bool Part(char c) => char.IsAsciiDigit(c) || c == '.';
        var found = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
            if ((i == 0 || !Part(text[i - 1])) && (i + value.Length == text.Length || !Part(text[i + value.Length]))) found.Add(i);
        return found;
    }
}
