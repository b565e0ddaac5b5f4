using System.Security.Cryptography;
using System.Text;
using Etl.Pipeline;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>Incremental builds: a no-op re-run touches nothing; a changed file re-runs only what depends on it, with the result of a full rebuild.</summary>
[Collection("warehouse corpus")]
public class IncrementalBuildTests(WarehouseCorpus corpus)
{
    /// <summary>A content hash of the tables a rebuild must reproduce exactly (run metadata aside).</summary>
    private static string Content(string db)
    {
        using var c = WarehouseCorpus.Open(db);
        var sb = new StringBuilder();
        foreach (var (table, order) in new[]
                 {
                     ("panel", "city_code, year"), ("facts", "city_code, year, variable"), ("fact_inputs", "city_code, year, variable, seq"),
                     ("staged_facts", "staged_id"), ("quarantine", "quarantine_id"), ("source_conflicts", "city_code, year, variable, other_staged_id"),
                     ("dropped_cities", "city_code"), ("index_values", "unit_code, year"), ("patent_unit_year", "unit_code, year"),
                     ("patent_records", "file_id, unit_code, year"), ("file_rules", "file_id, outcome, rule"), ("patent_industries", "unit_code, year, industry_code"),
                     ("patent_national", "year"), ("patent_duplicates", "file_id, line"), ("patent_conflicts", "other_file_id, other_line"),
                 })
            foreach (var row in WarehouseCorpus.Rows(c, $"SELECT * FROM {table} ORDER BY {order}"))
                sb.Append(table).Append(':').AppendJoin('|', row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        foreach (var row in WarehouseCorpus.Rows(c, "SELECT file_id, path, sha256, rows_read, rows_loaded, rows_excluded, rows_quarantined, facts FROM source_files ORDER BY file_id"))
            sb.AppendJoin('|', row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    [Fact]
    public void A_rerun_with_nothing_changed_rewrites_nothing()
    {
        using var dir = new TempDirectory("wh-noop");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var before = File.GetLastWriteTimeUtc(db);
        var bytes = File.ReadAllBytes(db);
        var report = WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db), TextWriter.Null);
        Assert.True(report.UpToDate);
        Assert.Equal(before, File.GetLastWriteTimeUtc(db));
        Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(db)));
    }

    [Fact]
    public void A_touched_file_with_the_same_content_triggers_nothing()
    {
        using var dir = new TempDirectory("wh-touch");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("etl.db"));
        var page = Directory.EnumerateFiles(Path.Combine(raw, "bulletins"), "*.htm*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(5));
        Assert.True(WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null).UpToDate);
    }

    [Fact]
    public void A_changed_bulletin_reparses_that_page_only_and_equals_a_full_rebuild()
    {
        using var dir = new TempDirectory("wh-incr");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("etl.db"));

        // Revise one population figure of one page (a corrected bulletin).
        var page = corpus.Table("bulletin_files.csv").Rows.First(r => r["city_code"] == "440300" && r["year"] == "2016")["file"];
        var path = Path.Combine(raw, page);
        var bytes = File.ReadAllBytes(path);
        var decoded = Etl.Ingest.Html.HtmlDecoding.Decode(bytes);
        var encoding = decoded.Encoding.Name == "utf-8" ? (Encoding)new UTF8Encoding(decoded.Encoding.Evidence == "bom") : Etl.Domain.Text.ChineseEncodings.Gb18030;
        var revised = System.Text.RegularExpressions.Regex.Replace(decoded.Text, @"常住人口(为)?(\d+\.\d+)万人", "常住人口${1}1300.00万人");
        Assert.NotEqual(decoded.Text, revised);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(revised)]);

        var incremental = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        Assert.False(incremental.UpToDate);
        Assert.Contains(incremental.Stages, s => s.Stage == "ingest" && s.Action.StartsWith("ran (1 parsed,", StringComparison.Ordinal));
        Assert.Contains(incremental.Stages, s => s.Stage == "patents" && s.Action == "reused");

        var full = dir.File("full.db");
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, full) { FullRefresh = true }, TextWriter.Null);
        Assert.Equal(Content(full), Content(db));
        using var c = WarehouseCorpus.Open(db);
        Assert.Equal(1300.0, (double)WarehouseCorpus.Rows(c, "SELECT value FROM facts WHERE city_code = '440300' AND year = 2016 AND variable = 'pop'")[0][0]!);
    }

    [Fact]
    public void A_changed_or_removed_export_is_the_only_one_read_and_the_warehouse_equals_a_full_refresh()
    {
        using var dir = new TempDirectory("wh-export");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("etl.db"));
        var exports = Directory.EnumerateFiles(Path.Combine(raw, "patents"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        // A corrected download: the first plain CSV export of 2016 loses the second half of its lines, so applications it
        // held and a later export repeats are now counted from that later export.
        var changed = exports.First(p => p.Contains("2016", StringComparison.Ordinal) && p.EndsWith(".csv", StringComparison.Ordinal));
        var lines = File.ReadAllBytes(changed).AsSpan();
        var original = lines.ToArray();
        var unchangedWithRecords = ExportsWithRecords(db, changed[(raw.Length + 1)..]);
        var cut = lines[..(lines.Length / 2)].LastIndexOf((byte)'\n') + 1;
        File.WriteAllBytes(changed, lines[..cut].ToArray());
        var incremental = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        // Every unchanged export's record runs are either copied from the previous warehouse or, where one of its
        // applications is now kept instead of duplicated (it was repeated from the lost half), packed again.
        var (copied, reindexed) = IndexCounts(incremental, $"ran (1 exports read, {exports.Count - 1} from the cache; record index of ");
        Assert.Equal(unchangedWithRecords, copied + reindexed);
        Assert.True(copied > 0 && reindexed > 0, $"{copied} copied, {reindexed} re-indexed");
        var full = dir.File("full.db");
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, full) { FullRefresh = true }, TextWriter.Null);
        Assert.Equal(Content(full), Content(db));

        // The download restored: the same applications are duplicates again (kept before this build), and the
        // warehouse is again the one built from the original corpus.
        File.WriteAllBytes(changed, original);
        var restored = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        var (copiedBack, reindexedBack) = IndexCounts(restored, $"ran (1 exports read, {exports.Count - 1} from the cache; record index of ");
        Assert.Equal((copied, reindexed), (copiedBack, reindexedBack));
        Assert.Equal(Content(corpus.Database), Content(db));

        // An export withdrawn: nothing is read, every other export is replayed and folded again.
        var othersWithRecords = ExportsWithRecords(db, exports[0][(raw.Length + 1)..]);
        File.Delete(exports[0]);
        var removed = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { AllowShrink = true }, TextWriter.Null);
        Assert.Equal(othersWithRecords, IndexCounts(removed, $"ran (0 exports read, {exports.Count - 1} from the cache; record index of ") is var (c, r) ? c + r : -1);
        File.Delete(full);
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, full) { FullRefresh = true, AllowShrink = true }, TextWriter.Null);
        Assert.Equal(Content(full), Content(db));
        // The withdrawn export's entry is pruned; the cache holds one entry per export and match mode used.
        Assert.Equal(exports.Count - 1, Directory.GetFiles(dir.File("etl.cache"), "*.xr").Length);

        // etl patents --full-refresh reads every export again and keeps what the other stages read.
        var again = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { PatentsOnly = true, FullRefresh = true }, TextWriter.Null);
        Assert.Contains(again.Stages, s => s.Stage == "patents" && s.Action == "ran");
        Assert.Contains(again.Stages, s => s.Stage == "ingest" && s.Action == "reused");
        Assert.Equal(Content(full), Content(db));
    }

    /// <summary>Exports other than <paramref name="except"/> (a path under the raw root) with a kept or a duplicate record in the warehouse.</summary>
    private static int ExportsWithRecords(string db, string except)
    {
        using var c = WarehouseCorpus.Open(db);
        return Convert.ToInt32(WarehouseCorpus.Rows(c, $"""
            SELECT count(*) FROM source_files WHERE path <> '{except.Replace('\\', '/')}'
              AND file_id IN (SELECT file_id FROM patent_records UNION SELECT file_id FROM patent_duplicates)
            """)[0][0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The record index counts of a patent stage line that starts with <paramref name="prefix"/>: "N copied, M re-indexed)".</summary>
    private static (int Copied, int Reindexed) IndexCounts(BuildReport report, string prefix)
    {
        var action = Assert.Single(report.Stages, s => s.Stage == "patents").Action;
        Assert.StartsWith(prefix, action, StringComparison.Ordinal);
        var m = System.Text.RegularExpressions.Regex.Match(action[prefix.Length..], @"^(\d+) copied, (\d+) re-indexed\)$");
        Assert.True(m.Success, action);
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_patent_stage_alone_keeps_a_changed_bulletin_as_it_was_and_the_next_build_sees_the_change()
    {
        using var dir = new TempDirectory("wh-patents-only");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        var db = corpus.CopyWarehouse(dir.File("etl.db"));
        double Pop()
        {
            using var c = WarehouseCorpus.Open(db);
            return (double)WarehouseCorpus.Rows(c, "SELECT value FROM facts WHERE city_code = '440300' AND year = 2016 AND variable = 'pop'")[0][0]!;
        }
        var before = Pop();
        var page = Path.Combine(raw, corpus.Table("bulletin_files.csv").Rows.First(r => r["city_code"] == "440300" && r["year"] == "2016")["file"]);
        var decoded = Etl.Ingest.Html.HtmlDecoding.Decode(File.ReadAllBytes(page));
        var encoding = decoded.Encoding.Name == "utf-8" ? (Encoding)new UTF8Encoding(decoded.Encoding.Evidence == "bom") : Etl.Domain.Text.ChineseEncodings.Gb18030;
        File.WriteAllBytes(page, [.. encoding.GetPreamble(), .. encoding.GetBytes(System.Text.RegularExpressions.Regex.Replace(decoded.Text, @"常住人口(为)?(\d+\.\d+)万人", "常住人口${1}1300.00万人"))]);

        var patentsOnly = WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db) { PatentsOnly = true }, TextWriter.Null);
        Assert.Contains(patentsOnly.Stages, s => s.Stage == "ingest" && s.Action == "reused");
        Assert.Equal(before, Pop());
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, db), TextWriter.Null);
        Assert.Equal(1300.0, Pop());
    }

    [Fact]
    public void A_second_build_while_one_holds_the_lock_fails_plainly()
    {
        using var dir = new TempDirectory("wh-lock");
        var db = dir.File("etl.db");
        using var held = new FileStream(db + ".lock", FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var e = Assert.Throws<BuildException>(() => WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db), TextWriter.Null));
        Assert.Contains("another build", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
