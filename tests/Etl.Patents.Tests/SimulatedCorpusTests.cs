using Etl.Domain;
using Etl.Domain.Index;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>
/// The patent stage on the simulator's default corpus: every city-year aggregate equals the truth exactly,
/// dig_real matches to 1e-9, and the read / loaded / excluded / quarantined counts reconcile per file.
/// </summary>
[Collection("patent corpus")]
public class SimulatedCorpusTests(PatentCorpus corpus)
{
    private static readonly object s_lock = new();
    private static PatentStageResult? s_result;

    private PatentStageResult Result()
    {
        lock (s_lock) return s_result ??= new PatentStage(RepoPaths.LoadedMappings).Run(corpus.Files());
    }

    [Fact]
    public void Every_city_year_aggregate_equals_the_truth()
    {
        var result = Result().Aggregates;
        var truth = corpus.Table("patent_aggregates.csv").Rows;
        var tech = new[] { "tech_ai", "tech_chips", "tech_quantum", "tech_iot", "tech_blockchain", "tech_industrial_internet", "tech_metaverse" };
        var expected = truth.ToDictionary(r => ((int)TruthTable.Integer(r, "unit_code"), (int)TruthTable.Integer(r, "year")));
        Assert.Equal(expected.Keys.Order(), result.Units.Keys.Order());
        var wrong = new List<string>();
        foreach (var (key, row) in expected)
        {
            var c = result.Units[key];
            var got = new[] { c.Inventions, c.Digital, c.Integrated, c.RealOnly }.Concat(c.Technologies).ToArray();
            var want = new[] { "inventions", "digital", "integrated", "real_only" }.Concat(tech).Select(n => TruthTable.Integer(row, n)).ToArray();
            if (!got.SequenceEqual(want)) wrong.Add($"{key}: got {string.Join(",", got)} want {string.Join(",", want)}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} unit-years differ, e.g. {string.Join("; ", wrong.Take(5))}");
    }

    [Fact]
    public void Industry_counts_equal_the_truth()
    {
        var result = Result().Aggregates;
        var got = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ((unit, year), c) in result.Units)
            for (var i = 0; i < result.Industries.Length; i++)
                if (c.IndustryIntegrated[i] + c.IndustryRealOnly[i] > 0)
                    got.Add($"{unit},{year},{result.Industries[i]},{c.IndustryIntegrated[i]},{c.IndustryRealOnly[i]}");
        var want = new SortedSet<string>(corpus.Table("patent_industries.csv").Rows
            .Select(r => $"{r["unit_code"]},{r["year"]},{r["industry"]},{r["integrated"]},{r["real_only"]}"), StringComparer.Ordinal);
        Assert.Equal(want.Count, got.Count);
        Assert.Empty(want.Except(got).Take(5));
    }

    [Fact]
    public void Counts_per_file_reconcile_and_equal_the_truth()
    {
        var outcomes = Result().Files.ToDictionary(f => f.File);
        var truth = corpus.Table("patent_counts.csv").Rows.GroupBy(r => r["file"]).ToList();
        Assert.Equal(truth.Count, outcomes.Count);
        foreach (var file in truth)
        {
            var o = outcomes[file.Key];
            Assert.True(o.Reconciles, $"{file.Key}: read {o.Read} != loaded + excluded + quarantined");
            foreach (var row in file)
            {
                var n = TruthTable.Integer(row, "rows");
                var actual = row["outcome"] switch
                {
                    "read" => o.Read,
                    "loaded" => o.Loaded,
                    "excluded" => o.Excluded.GetValueOrDefault(row["rule"]),
                    _ => o.Quarantined.GetValueOrDefault(row["rule"]),
                };
                Assert.True(n == actual, $"{file.Key} {row["outcome"]} {row["rule"]}: truth {n}, stage {actual}");
            }
            var truthRules = file.Where(r => r["outcome"] is "excluded" or "quarantined").Select(r => r["rule"]).ToHashSet();
            Assert.All(o.Excluded.Keys.Concat(o.Quarantined.Keys), rule => Assert.Contains(rule, truthRules));
        }
    }

    [Fact]
    public void Dig_real_matches_the_truth_to_1e_9()
    {
        var (units, national) = Result().Aggregates.IndexInputs();
        var m = RepoPaths.LoadedMappings;
        var universe = m.Cities.All.SelectMany(c => PanelYears.All.Where(c.ValidIn).Select(y => (c.Code, y)));
        var index = IntegrationIndex.Compute(universe, units, national, IndexParameters.Default);
        var truth = corpus.Table("index.csv").Rows.ToDictionary(r => (r["unit_code"], (int)TruthTable.Integer(r, "year")), r => TruthTable.Number(r, "dig_real"));
        Assert.Equal(truth.Count, index.Values.Count);
        var worst = index.Values.Max(v => Math.Abs(v.Index - truth[(v.Unit.ToString(), v.Year)]));
        Assert.True(worst < 1e-9, $"largest difference {worst}");
    }
}
