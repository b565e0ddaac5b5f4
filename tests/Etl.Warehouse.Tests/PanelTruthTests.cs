using System.Globalization;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>On the simulator's default corpus the panel is the truth panel, and the dropped cities are the truth's.</summary>
[Collection("warehouse corpus")]
public class PanelTruthTests(WarehouseCorpus corpus)
{
    [Fact]
    public void The_panel_equals_the_truth_panel()
    {
        using var c = corpus.Open();
        var truth = corpus.Table("panel.csv");
        var panel = WarehouseCorpus.Rows(c, $"SELECT {string.Join(", ", truth.Columns)} FROM panel ORDER BY city_code, year");
        Assert.Equal(truth.Rows.Count, panel.Count);
        Assert.Equal(2970, panel.Count);
        var numeric = truth.Columns.Skip(2).Take(truth.Columns.Count - 4).ToList();
        for (var i = 0; i < panel.Count; i++)
        {
            var t = truth.Rows[i];
            Assert.Equal(t["city_code"], panel[i][0]);
            Assert.Equal(long.Parse(t["year"], CultureInfo.InvariantCulture), panel[i][1]);
            for (var j = 0; j < numeric.Count; j++)
            {
                var expected = TruthTable.Number(t, numeric[j]);
                var actual = Convert.ToDouble(panel[i][2 + j], CultureInfo.InvariantCulture);
                // Published precision is far coarser than this; equal values are expected.
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{t["city_code"]} {t["year"]} {numeric[j]}: {actual} != {expected}");
            }
            Assert.Equal(t["region"], panel[i][^2]);
            Assert.Equal(t["hu_side"], panel[i][^1]);
        }
    }

    [Fact]
    public void Dropped_cities_and_their_reasons_are_the_truths()
    {
        using var c = corpus.Open();
        var dropped = WarehouseCorpus.Rows(c, "SELECT city_code, reason, event_id, detail FROM dropped_cities").ToDictionary(r => (string)r[0]!);
        var truth = corpus.Table("dropped.csv").Rows;
        Assert.Equal(truth.Count, dropped.Count);
        foreach (var t in truth)
        {
            var d = dropped[t["city_code"]];
            Assert.Equal(t["reason"], d[1]);
            if (t["reason"] == "admin_event") Assert.Contains($"({d[2]})", t["detail"], StringComparison.Ordinal);
            if (t["reason"] == "missing_key_variable")
            {
                // The same variables and years, whatever the order they are listed in.
                static HashSet<string> Parts(string s) => s.Split("; ").ToHashSet();
                Assert.Equal(Parts(t["detail"]), Parts((string)d[3]!));
            }
        }
    }

    [Fact]
    public void Every_source_file_reconciles_and_the_counts_are_stored()
    {
        using var c = corpus.Open();
        var bad = WarehouseCorpus.Rows(c, """
            SELECT path FROM source_files s WHERE rows_read != rows_loaded
              + coalesce((SELECT sum(rows) FROM file_rules f WHERE f.file_id = s.file_id AND f.outcome IN ('excluded', 'quarantined')), 0)
            """);
        Assert.Empty(bad);
        var quarantined = (long)WarehouseCorpus.Rows(c, "SELECT count(*) FROM quarantine")[0][0]!;
        var counted = (long)WarehouseCorpus.Rows(c, "SELECT coalesce(sum(rows), 0) FROM file_rules WHERE outcome IN ('quarantined', 'rejected_value')")[0][0]!;
        Assert.Equal(counted, quarantined);
        var kinds = WarehouseCorpus.Rows(c, "SELECT kind, count(*) FROM source_files GROUP BY kind ORDER BY kind").Select(r => $"{r[0]}:{r[1]}").ToList();
        Assert.Equal(3, kinds.Count);
    }

    [Fact]
    public void Patent_aggregates_in_the_warehouse_equal_the_truth()
    {
        using var c = corpus.Open();
        var stored = WarehouseCorpus.Rows(c, "SELECT unit_code, year, inventions, digital, integrated, real_only FROM patent_unit_year")
            .ToDictionary(r => ((string)r[0]!, (long)r[1]!), r => $"{r[2]},{r[3]},{r[4]},{r[5]}");
        var truth = corpus.Table("patent_aggregates.csv").Rows;
        Assert.Equal(truth.Count, stored.Count);
        Assert.All(truth, t => Assert.Equal($"{t["inventions"]},{t["digital"]},{t["integrated"]},{t["real_only"]}",
            stored[(t["unit_code"], long.Parse(t["year"], CultureInfo.InvariantCulture))]));
        var records = (long)WarehouseCorpus.Rows(c, "SELECT sum(records) FROM patent_records")[0][0]!;
        Assert.Equal(truth.Sum(t => TruthTable.Integer(t, "inventions")), records);
    }

    [Fact]
    public void The_packed_record_index_decodes_to_the_truths_counts_with_its_rows_lines_and_counts()
    {
        using var c = corpus.Open();
        var decoded = new Dictionary<(string, long), long[]>();
        foreach (var row in WarehouseCorpus.Rows(c, "SELECT unit_code, year, records, digital, integrated, real_only, first_line, last_line, packed FROM patent_records"))
        {
            var list = PatentRecordRuns.Read((byte[])row[8]!, (long)row[6]!, (long)row[2]!).ToList();
            Assert.Equal((long)row[2]!, list.Count);
            Assert.Equal([(long)row[3]!, (long)row[4]!, (long)row[5]!], new long[] { list.Count(r => r.Digital), list.Count(r => r.Integrated), list.Count(r => r.RealOnly) });
            Assert.Equal((long)row[6]!, list[0].Line);
            Assert.Equal((long)row[7]!, list[^1].Line);
            Assert.True(list.Zip(list.Skip(1)).All(p => p.First.Line < p.Second.Line), "records of a run in line order");
            Assert.All(list, r => Assert.InRange(r.AppNo, 1, 999_999_999_999L));
            var key = ((string)row[0]!, (long)row[1]!);
            var sums = decoded.TryGetValue(key, out var d) ? d : decoded[key] = new long[4];
            sums[0] += list.Count;
            sums[1] += list.Count(r => r.Digital);
            sums[2] += list.Count(r => r.Integrated);
            sums[3] += list.Count(r => r.RealOnly);
        }
        var truth = corpus.Table("patent_aggregates.csv").Rows;
        Assert.Equal(truth.Count, decoded.Count);
        Assert.All(truth, t => Assert.Equal($"{t["inventions"]},{t["digital"]},{t["integrated"]},{t["real_only"]}",
            string.Join(',', decoded[(t["unit_code"], long.Parse(t["year"], CultureInfo.InvariantCulture))])));
    }
}
