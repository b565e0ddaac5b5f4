using System.Text;
using Etl.Domain.Classification;
using Etl.Patents.Aggregation;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>
/// The per-export result cache: an export replayed from it gives the stage exactly what reading it gives, a
/// damaged entry is never folded, and a cache that cannot be written stops the stage instead of blaming the export.
/// </summary>
[Collection("patent corpus")]
public class ExportResultCacheTests(PatentCorpus corpus)
{
    /// <summary>Every kept and duplicate record as the sink sees it, in order.</summary>
    private sealed class RecordLog : IKeptRecordSink
    {
        public StringBuilder Text { get; } = new();

        public void Add(in KeptRecord r, ReadOnlySpan<ushort> industries, ReadOnlySpan<ushort> branches) =>
            Text.Append($"{r}|{string.Join(',', industries.ToArray())}|{string.Join(',', branches.ToArray())}\n");

        public void Duplicate(in KeptRecord r) => Text.Append($"dup {r}\n");
    }

    /// <summary>Everything the stage returns, and every record it folded, as text.</summary>
    private static string Everything(PatentStageResult r, RecordLog log)
    {
        var sb = new StringBuilder(InvarianceTests.Fingerprint(r.Aggregates));
        foreach (var f in r.Files)
            sb.Append($"{f.File} {f.Sha256} {f.Encoding} read {f.Read} loaded {f.Loaded} {f.Rejection} excluded {string.Join(',', f.Excluded)} quarantined {string.Join(',', f.Quarantined)}\n");
        foreach (var q in r.Quarantine) sb.Append(q).Append('\n');
        sb.Append(r.UnparsableCodes).Append('\n');
        return sb.Append(log.Text).ToString();
    }

    private static (PatentStageResult Result, string Text) Run(IReadOnlyList<PatentFile> files, ExportResultCache? cache, MatchMode mode = MatchMode.IpcAndKeyword)
    {
        var log = new RecordLog();
        var result = new PatentStage(RepoPaths.LoadedMappings, mode).Run(files, 2, log, cache: cache);
        return (result, Everything(result, log));
    }

    [Fact]
    public void Replayed_exports_give_what_reading_them_gives()
    {
        using var dir = new TempDirectory("xr-replay");
        var files = corpus.Files();
        var (read, expected) = Run(files, null);
        var cache = new ExportResultCache(dir.Path, "0123456789abcdef");
        var (first, firstText) = Run(files, cache);
        Assert.Equal(files.Count, first.ExportsRead);
        var (second, secondText) = Run(files, new ExportResultCache(dir.Path, "0123456789abcdef"));
        Assert.Equal(0, second.ExportsRead);
        Assert.All(second.Replayed, Assert.True);
        Assert.Equal(expected, firstText);
        Assert.Equal(expected, secondText);
        // The corpus has quarantined rows and duplicates, so they went through the cache too.
        Assert.Contains(read.Files, f => f.Excluded.ContainsKey("duplicate_application"));
        Assert.NotEmpty(read.Quarantine);
    }

    [Fact]
    public void A_full_table_of_runs_starts_afresh_in_the_entry_and_in_its_replay_alike()
    {
        // IPC-only matching confirms many branches a record, so its runs are the most varied.
        var files = corpus.Files().Take(3).ToList();
        var (_, expected) = Run(files, null, MatchMode.IpcOnly);
        using var small = new TempDirectory("xr-small-table");
        using var large = new TempDirectory("xr-large-table");
        Run(files, new ExportResultCache(small.Path, "0123456789abcdef") { RunTableSize = 3 }, MatchMode.IpcOnly);
        Run(files, new ExportResultCache(large.Path, "0123456789abcdef"), MatchMode.IpcOnly);
        // A table of three starts afresh again and again, writing runs out once more each time; the entries show it.
        long Bytes(TempDirectory d) => new DirectoryInfo(d.Path).GetFiles("*.xr").Sum(f => f.Length);
        Assert.True(Bytes(small) > Bytes(large) * 1.1, $"{Bytes(small)} bytes with a table of 3 runs, {Bytes(large)} with the default");

        // The reader follows the size its entry was written with, not its own cache's.
        var (replayed, text) = Run(files, new ExportResultCache(small.Path, "0123456789abcdef"), MatchMode.IpcOnly);
        Assert.Equal(0, replayed.ExportsRead);
        Assert.Equal(expected, text);
        // A table of no runs would never start afresh.
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExportResultCache(small.Path, "0123456789abcdef") { RunTableSize = 0 });
    }

    [Fact]
    public void Another_stage_key_or_a_full_refresh_reads_the_exports_again()
    {
        using var dir = new TempDirectory("xr-keys");
        var files = corpus.Files().Take(4).ToList();
        Run(files, new ExportResultCache(dir.Path, "00000000000000aa"));
        Assert.Equal(files.Count, Run(files, new ExportResultCache(dir.Path, "00000000000000bb"), MatchMode.IpcOnly).Result.ExportsRead);
        Assert.Equal(files.Count, Run(files, new ExportResultCache(dir.Path, "00000000000000aa") { Replay = false }).Result.ExportsRead);
        Assert.Equal(0, Run(files, new ExportResultCache(dir.Path, "00000000000000aa")).Result.ExportsRead);
    }

    [Fact]
    public void A_renamed_export_is_read_again_since_its_outcome_may_name_its_extension()
    {
        using var dir = new TempDirectory("xr-renamed");
        var file = corpus.Files()[0];
        Run([file], new ExportResultCache(dir.Path, "0123456789abcdef"));
        var renamed = file with { Relative = file.Relative.Replace("patents/", "patents/renamed-", StringComparison.Ordinal) };
        var (again, _) = Run([renamed], new ExportResultCache(dir.Path, "0123456789abcdef"));
        Assert.Equal(1, again.ExportsRead);
        Assert.Equal(renamed.Relative, again.Files[0].File);
    }

    [Fact]
    public void A_damaged_entry_is_discarded_and_its_export_read_again()
    {
        using var dir = new TempDirectory("xr-damaged");
        var files = corpus.Files();
        var (_, expected) = Run(files, new ExportResultCache(dir.Path, "0123456789abcdef"));
        // One bit flipped in the middle of the largest entry: the records it holds must not be folded.
        var entry = new DirectoryInfo(dir.Path).GetFiles("*.xr").MaxBy(f => f.Length)!;
        var bytes = File.ReadAllBytes(entry.FullName);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(entry.FullName, bytes);

        var cache = new ExportResultCache(dir.Path, "0123456789abcdef");
        var (again, text) = Run(files, cache);
        Assert.Equal(1, again.ExportsRead);
        var damaged = files.Single(f => entry.Name.StartsWith(f.Sha256, StringComparison.Ordinal));
        Assert.False(again.Replayed[files.IndexOf(damaged)]);
        Assert.Contains(cache.Discarded, d => d.Contains(damaged.Relative, StringComparison.Ordinal) && d.Contains("checksum", StringComparison.Ordinal));
        Assert.Equal(expected, text);
        // Read again, the entry is whole again.
        Assert.Equal(0, Run(files, new ExportResultCache(dir.Path, "0123456789abcdef")).Result.ExportsRead);
    }

    [Fact]
    public void A_cache_that_cannot_be_written_stops_the_stage_naming_the_folder()
    {
        using var dir = new TempDirectory("xr-unwritable");
        var blocked = dir.File("cache");
        File.WriteAllText(blocked, "a file where the cache folder would be");
        var e = Assert.Throws<ExportResultCache.CacheException>(() => Run(corpus.Files().Take(2).ToList(), new ExportResultCache(blocked, "0123456789abcdef")));
        Assert.Contains(blocked, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pruning_keeps_what_was_used_and_files_that_are_not_entries()
    {
        using var dir = new TempDirectory("xr-prune");
        var files = corpus.Files().Take(3).ToList();
        Run(files, new ExportResultCache(dir.Path, "0123456789abcdef"));
        var stale = Path.Combine(dir.Path, new string('e', 64) + ".0123456789abcdef.00000000000000ee.xr");
        File.WriteAllText(stale, "an export since removed");
        var other = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(other, "the user's");
        var used = new ExportResultCache(dir.Path, "0123456789abcdef");
        Run(files, used);
        Assert.Equal(1, ExportResultCache.Prune(dir.Path, [used]));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(other));
        Assert.Equal(files.Count, Directory.GetFiles(dir.Path, "*.xr").Length);
    }
}
