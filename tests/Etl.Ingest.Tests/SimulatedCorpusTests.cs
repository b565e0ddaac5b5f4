using System.Globalization;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// Ingest on the simulator's default corpus: every value the simulator printed is staged with the value the
/// truth says, nothing else is, and the per-file counts are the truth's.
/// </summary>
[Collection("ingest corpus")]
public class SimulatedCorpusTests(IngestCorpus corpus)
{
    private static readonly Lazy<Dictionary<string, IngestResult>> s_results = new();

    private IngestResult Result(SourceKind kind)
    {
        lock (s_results)
        {
            var key = corpus.Raw + kind;
            if (!s_results.Value.TryGetValue(key, out var r))
                s_results.Value[key] = r = new Ingestor(RepoPaths.LoadedMappings).Run(RawFolder.List(corpus.Raw, kind));
            return r;
        }
    }

    private Dictionary<(string City, int Year, string Variable), double> Expected(string source) =>
        corpus.Table("source_values.csv").Rows.Where(r => r["source"] == source)
            .ToDictionary(r => (r["city_code"], int.Parse(r["year"], CultureInfo.InvariantCulture), r["variable"]), r => TruthTable.Number(r, "value"));

    /// <summary>
    /// Every printed value is staged once, with its value; <paramref name="repeats"/> names files that repeat values
    /// another file of the same source prints (a city's own yearbook repeating the City Statistical Yearbook):
    /// each of their values must be a printed one, with the same value, and is not a duplicate.
    /// </summary>
    private static void AssertSameFacts(Dictionary<(string City, int Year, string Variable), double> expected, IEnumerable<StagedFact> facts,
        Func<string, bool>? repeats = null)
    {
        var staged = new Dictionary<(string, int, string), StagedFact>();
        var duplicates = new List<string>();
        var repeated = new List<StagedFact>();
        foreach (var f in facts)
        {
            if (repeats?.Invoke(f.File) == true) repeated.Add(f);
            else if (!staged.TryAdd((f.City.ToString(), f.Year, f.Variable), f)) duplicates.Add($"{f.City} {f.Year} {f.Variable} at {f.File} {f.Locator}");
        }
        Assert.Empty(duplicates);
        var missing = expected.Keys.Where(k => !staged.ContainsKey(k)).Take(10).ToList();
        Assert.True(missing.Count == 0, "not staged: " + string.Join("; ", missing));
        var extra = staged.Where(kv => !expected.ContainsKey(kv.Key)).Take(10).Select(kv => $"{kv.Key} = {kv.Value.Value} at {kv.Value.File} {kv.Value.Locator}").ToList();
        Assert.True(extra.Count == 0, "staged but not printed: " + string.Join("; ", extra));
        var wrong = expected.Where(kv => staged[kv.Key].Value != kv.Value).Take(10)
            .Select(kv => $"{kv.Key}: {staged[kv.Key].Value} != {kv.Value} ({staged[kv.Key].RawText} {staged[kv.Key].RawUnit} at {staged[kv.Key].File} {staged[kv.Key].Locator})").ToList();
        Assert.True(wrong.Count == 0, "wrong values: " + string.Join("; ", wrong));
        var wrongRepeats = repeated.Where(f => !expected.TryGetValue((f.City.ToString(), f.Year, f.Variable), out var v) || v != f.Value).Take(10)
            .Select(f => $"{f.City} {f.Year} {f.Variable} = {f.Value} at {f.File} {f.Locator}").ToList();
        Assert.True(wrongRepeats.Count == 0, "repeated values that differ from the printed ones: " + string.Join("; ", wrongRepeats));
    }

    private static bool IsCitysOwnYearbook(string file) => file.StartsWith("yearbook/city/", StringComparison.Ordinal);

    [Fact]
    public void Every_yearbook_value_equals_the_truth()
    {
        var result = Result(SourceKind.Yearbook);
        AssertSameFacts(Expected("yearbook"), result.Facts, IsCitysOwnYearbook);
        // The cities' own tables are read, year by year, as the truth counts them.
        var fromCityTables = corpus.Table("yearbook_counts.csv").Rows.Where(r => IsCitysOwnYearbook(r["file"])).Sum(r => TruthTable.Integer(r, "facts"));
        Assert.True(fromCityTables > 0);
        Assert.Equal(fromCityTables, result.Facts.Count(f => IsCitysOwnYearbook(f.File)));
    }

    [Fact]
    public void Every_bulletin_value_equals_the_truth()
    {
        var result = Result(SourceKind.Bulletin);
        AssertSameFacts(Expected("bulletin"), result.Facts);
    }

    [Fact]
    public void Yearbook_counts_per_file_match_the_truth()
    {
        var result = Result(SourceKind.Yearbook);
        var byFile = result.Files.ToDictionary(f => f.Outcome.File);
        var truth = corpus.Table("yearbook_counts.csv").Rows;
        Assert.Equal(truth.Count, byFile.Count);
        foreach (var t in truth)
        {
            var o = byFile[t["file"]].Outcome;
            Assert.True(o.Reconciles, $"{o.File} does not reconcile");
            Assert.Null(o.Rejection);
            Assert.Equal(TruthTable.Integer(t, "rows_read"), o.Read);
            Assert.Equal(TruthTable.Integer(t, "city_rows"), o.Loaded);
            Assert.Equal(TruthTable.Integer(t, "province_rows"), o.Excluded.GetValueOrDefault("province_row"));
            Assert.Equal(TruthTable.Integer(t, "national_rows"), o.Excluded.GetValueOrDefault("national_row"));
            Assert.Equal(TruthTable.Integer(t, "note_rows"), o.Excluded.GetValueOrDefault("note_row"));
            Assert.Equal(TruthTable.Integer(t, "other_indicator_rows"), o.Excluded.GetValueOrDefault("other_indicator"));
            Assert.Equal(TruthTable.Integer(t, "quarantined_rows"), o.Quarantined.Values.Sum());
            Assert.Equal(TruthTable.Integer(t, "facts"), o.Facts);
        }
    }

    [Fact]
    public void Bulletin_counts_match_the_truth()
    {
        var result = Result(SourceKind.Bulletin);
        var truth = corpus.Table("bulletin_counts.csv").Rows[0];
        var accepted = result.Files.Where(f => f.Outcome.Rejection is null).ToList();
        Assert.Equal(TruthTable.Integer(truth, "pages"), accepted.Count);
        Assert.Equal(TruthTable.Integer(truth, "error_pages"), result.Files.Count(f => f.Outcome.Rejection is not null));
        Assert.Equal(TruthTable.Integer(truth, "gb18030_pages"), accepted.Count(f => f.Outcome.Encoding.StartsWith("gb18030", StringComparison.Ordinal)));
        Assert.All(result.Files, f => Assert.True(f.Outcome.Reconciles, f.Outcome.File));
        // The simulator writes nothing a careful reader could not settle.
        Assert.DoesNotContain(result.Quarantine, q => q.Reason == "unread_statement");
        var ambiguous = result.Quarantine.Where(q => q.Reason == "ambiguous_value").Select(q => q.File).Distinct().Count();
        Assert.Equal(TruthTable.Integer(truth, "ambiguous_revenue"), ambiguous);

        // The page a truth row names is the page the parser says it is about (city and year from the content).
        var subjects = accepted.ToDictionary(f => f.Outcome.File, f => f.Outcome.Note.Split(' '));
        foreach (var row in corpus.Table("bulletin_files.csv").Rows)
        {
            Assert.Equal(row["city_code"], subjects[row["file"]][0]);
            Assert.Equal(row["year"], subjects[row["file"]][^1]);
        }
    }
}
