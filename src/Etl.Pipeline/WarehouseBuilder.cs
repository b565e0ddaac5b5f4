using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Domain.Mappings;
using Etl.Domain.Provenance;
using Etl.Domain.Staging;
using Etl.Ingest;
using Etl.Panel;
using Etl.Patents;
using Etl.Patents.Aggregation;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>
/// Builds the warehouse from a raw folder and the mappings: ingest (per file), the patent stage, the
/// integration index and panel assembly, into a temporary file that is checked and renamed over the old
/// warehouse (<see cref="WarehouseFile"/>). Incremental: every stage records the hash of what it read and
/// of its code; a file or stage whose hashes are those of the previous warehouse is copied from it instead
/// of being recomputed, and when nothing at all changed the warehouse is not touched.
/// </summary>
public static class WarehouseBuilder
{
    /// <summary>
    /// Runs a build; a line per stage and the summary go to <paramref name="log"/>, live progress of each stage
    /// to <paramref name="progress"/> (none when null). A failure to read or write (a full disk, a
    /// file that cannot be opened) is a <see cref="BuildException"/> that names the path and the cause; the
    /// previous warehouse is left as it was.
    /// </summary>
    public static BuildReport Run(BuildOptions o, TextWriter log, IWorkProgress? progress = null)
    {
        try
        {
            return RunCore(o, log, progress ?? NoWorkProgress.Instance);
        }
        catch (SqliteException e)
        {
            throw new BuildException($"the warehouse {Path.GetFullPath(o.Database)} could not be written or read: {e.Message.TrimEnd('.')} (SQLite error {e.SqliteErrorCode}); the previous warehouse is unchanged", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"building {Path.GetFullPath(o.Database)} from {Path.GetFullPath(o.Raw)} failed: {e.Message}; the previous warehouse is unchanged", e);
        }
    }

    // Compiled optimised at once: this method runs once, so tiered compilation would leave it in tier 0, which keeps
    // every local alive to the end. The patent stage's result (counts, quarantined rows) then stayed reachable
    // through the variant's second pass, about 240 MB at national scale.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BuildReport RunCore(BuildOptions o, TextWriter log, IWorkProgress progress)
    {
        var started = DateTime.UtcNow;
        var mappings = MappingSet.Load(Path.GetFullPath(o.Mappings));
        if (!Directory.Exists(o.Raw)) throw new BuildException($"raw folder not found: {Path.GetFullPath(o.Raw)}");
        using var file = WarehouseFile.Acquire(o.Database);
        // The previous warehouse is read even on a full refresh: its history is carried over, and the new build is
        // compared with it; a full refresh only declines to reuse what it computed.
        using var previous = OpenPrevious(file.Path);
        var reuse = previous is not null && !o.FullRefresh;
        var changeCounter = WarehouseFile.ChangeCounter(file.Path);
        // A warehouse of another schema version is not read: keep it beside the new one rather than lose its
        // history and the results estimated on it.
        var keepOld = previous is null && WarehouseIdentity.Inspect(file.Path).Kind == WarehouseIdentity.Kind.Warehouse ? KeptPath(file.Path) : null;
        var stages = new List<(string, string, double)>();
        // What the user must hear about even when the stage lines are not shown (a live display, --json).
        var notices = new List<string>();
        void Notice(string line)
        {
            notices.Add(line.Trim());
            log.WriteLine(line);
        }
        var clock = Stopwatch.StartNew();
        // Each stage is reported as it ends, so a long build shows where it is.
        void Done(string stage, string action)
        {
            stages.Add((stage, action, clock.Elapsed.TotalSeconds));
            progress.End(action);
            log.WriteLine(FormattableString.Invariant($"  {stage,-10} {action,-34} {clock.Elapsed.TotalSeconds,8:F2} s"));
        }

        progress.Begin("inventory", 0, "files");
        var inventory = RawInventory.Build(o.Raw, previous, o.Threads);
        var ingestVersion = $"{StageVersions.Ingest}|{StageVersions.Domain}|{mappings.CombinedHash[..12]}";
        // Exports a reader takes go to the patent stage; every other file (including an export in no format the
        // stage reads) is settled by ingest, which rejects it with its reason.
        var patentFiles = inventory.Where(f => f.File.Kind == SourceKind.Patents && f.File.Admission() is null).ToList();
        var variants = o.Variants.Distinct(StringComparer.Ordinal).Select(PanelVariants.Get).ToList();
        string PatentsKey(MatchMode match) => StageVersions.Hash(patentFiles.Select(f => $"{f.File.Relative}={f.Sha256}")
            .Append($"code={StageVersions.Patents}|{StageVersions.Domain}|{StageVersions.Warehouse}").Append($"mappings={mappings.CombinedHash}").Append($"match={match}"));
        var patentsKey = PatentsKey(o.Match);
        var buildKey = StageVersions.Hash(inventory.Where(f => !patentFiles.Contains(f)).Select(f => $"{f.File.Relative}={f.Sha256}")
            .Append($"ingest={ingestVersion}").Append($"patents={patentsKey}").Append($"settings={o.SettingsText}")
            .Append($"code={StageVersions.Panel}|{StageVersions.Warehouse}|schema{WarehouseSchema.Version}"));
        Done("inventory", "ran");

        if (reuse && Sql.Scalar(previous!, "SELECT inputs_hash FROM runs ORDER BY run_id DESC LIMIT 1") as string == buildKey)
        {
            var current = BuildSummary.Read(previous!);
            if (current.Failure(o.Strict) is { } standing) throw new BuildException($"{standing} (the warehouse {file.Path} is up to date with the raw files)");
            return new BuildReport(true, stages, $"up to date: {file.Path} ({inventory.Count} raw files unchanged)", current);
        }

        // What the previous warehouse held (even on a full refresh), to tell a build that shrinks against it.
        var before = previous is not null ? BuildSummary.Read(previous) : null;
        if (File.Exists(file.TempPath)) File.Delete(file.TempPath);
        using var c = Sql.Open(file.TempPath);
        // Nothing needs a journal in a file that is renamed into place only when complete. References are
        // checked once at the end (rows are loaded stage by stage, not in reference order). A 32 MB page cache
        // builds as fast as 200 MB did and keeps memory from growing with the warehouse (880 to 700 MB peak at scale 1).
        Sql.Execute(c, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA foreign_keys = OFF;");
        WarehouseSchema.Create(c, mappings.Variables);
        if (previous is not null)
        {
            previous.Close();
            Sql.Execute(c, $"ATTACH DATABASE '{file.Path.Replace("'", "''", StringComparison.Ordinal)}' AS old");
        }
        var hasOld = previous is not null;
        using var tx = c.BeginTransaction();
        // The previous warehouse's variant panels are the build's own: rebuilt when asked for, never carried over.
        var oldVariantTables = hasOld ? PanelVariants.OldTables(c) : [];
        var carried = hasOld ? RunHistory.Carry(c, tx, oldVariantTables) : [];
        var runId = RunHistory.NextRunId(c);
        Loaders.Dimensions(c, tx, mappings);
        Loaders.BeginStaging(c, tx);

        var fileIds = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < inventory.Count; i++) fileIds[inventory[i].File.Relative] = i + 1;
        // etl patents keeps the other stages' files even on a full refresh, which re-runs the patent stage only.
        var oldFiles = reuse || (o.PatentsOnly && hasOld) ? OldFiles(c) : [];

        // Ingest: reuse what an unchanged file gave last time, parse the rest.
        clock.Restart();
        var sourceFiles = inventory.Where(f => !patentFiles.Contains(f)).ToList();
        // etl patents keeps the yearbook and bulletin rows it finds, changed or not; a changed file keeps its old
        // hash and time, so that the next full build sees the change.
        bool Reusable(InventoryFile f) => oldFiles.TryGetValue(f.File.Relative, out var x) && (o.PatentsOnly || (x.Sha == f.Sha256 && x.Version == ingestVersion));
        var toParse = o.PatentsOnly ? [] : sourceFiles.Where(f => !Reusable(f)).ToList();
        progress.Begin("ingest", toParse.Count, "files");
        var parsed = toParse.Count == 0 ? new Dictionary<string, ParsedFile>()
            : new Ingestor(mappings).Run(toParse.Select(f => (f.File, (string?)f.Sha256)).ToList(), o.Threads, progress).Files.ToDictionary(p => p.Outcome.File, StringComparer.Ordinal);
        var copies = new List<(long Old, long New, string Modified)>();
        foreach (var f in sourceFiles)
        {
            var id = fileIds[f.File.Relative];
            if (parsed.TryGetValue(f.File.Relative, out var p))
            {
                Loaders.SourceFile(c, tx, id, p.Outcome, f.ModifiedUtc, ingestVersion);
                Loaders.Parsed(c, tx, id, p.Facts, p.Quarantine);
            }
            else if (Reusable(f))
            {
                var old = oldFiles[f.File.Relative];
                copies.Add((old.Id, id, old.Sha == f.Sha256 ? f.ModifiedUtc : old.Modified));
            }
        }
        Loaders.CopyFiles(c, tx, copies, stagedFacts: true);
        var reused = copies.Count;
        Done("ingest", toParse.Count == 0 ? "reused" : $"ran ({toParse.Count} parsed, {reused} reused)");

        // Patents: copied when no export, code or setting changed; otherwise every export is folded again (de-duplication
        // and national figures span them all), but only exports the cache does not hold are read. A full refresh
        // reads them all.
        clock.Restart();
        var caches = new List<ExportResultCache>();
        var mainPatentsRan = false;
        ExportResultCache Cache(MatchMode match) => new(o.CacheFolder, StageVersions.PatentCache(mappings.CombinedHash, match)) { Replay = !o.FullRefresh };
        var oldPatentsKey = reuse
            ? Sql.Scalar(c, "SELECT input_hash FROM old.stage_runs WHERE stage = 'patents' AND run_id = (SELECT max(run_id) FROM old.runs)") as string
            : null;
        progress.Begin("patents", oldPatentsKey == patentsKey ? 0 : patentFiles.Sum(f => f.File.Bytes), "bytes");
        if (oldPatentsKey == patentsKey)
        {
            Loaders.CopyFiles(c, tx, patentFiles.Select(f => (oldFiles[f.File.Relative].Id, fileIds[f.File.Relative], f.ModifiedUtc)).ToList(), stagedFacts: false);
            PatentTables.Copy(c, tx);
            Done("patents", "reused");
        }
        else
        {
            // The matcher and the geocoder are built while the previous warehouse is read (below).
            var indexKey = StageVersions.RecordIndex(mappings.CombinedHash, o.Match);
            var building = Task.Run(() => new PatentStage(mappings, o.Match));
            var files = patentFiles.Select(f => new PatentFile(f.File.FullPath, f.File.Relative, f.Sha256, f.File.Bytes)).ToList();
            var cache = Cache(o.Match);
            caches.Add(cache);
            mainPatentsRan = true;
            PatentStageResult result;
            // Each export's file row and quarantined rows are written as soon as it is folded, so they are not all held.
            void Folded(int i, FileOutcome outcome, IReadOnlyList<QuarantineItem> items)
            {
                var id = fileIds[files[i].Relative];
                Loaders.SourceFile(c, tx, id, outcome, patentFiles[i].ModifiedUtc, $"{StageVersions.Patents}|{StageVersions.Domain}");
                Loaders.Quarantine(c, tx, id, items);
            }
            // An unchanged export's runs are copied from the previous warehouse when its duplicates are as they were there.
            var unchanged = reuse ? CarriedRecordIndex.Load(c, files, indexKey) : CarriedRecordIndex.None(files.Count);
            var previouslyDuplicated = PatentTables.PreviouslyDuplicated(c, hasOld);
            var stage = building.GetAwaiter().GetResult();
            var records = new PatentTables.RecordWriter(c, tx, files.Select(f => fileIds[f.Relative]).ToList(), stage.Matcher.Industries, stage.Matcher.BranchIds,
                previouslyDuplicated, unchanged);
            using (records)
            {
                result = stage.Run(files, o.Threads, records, progress, cache, Folded);
                records.Finish();
            }
            PatentTables.WriteAggregates(c, tx, result.Aggregates);
            PatentTables.WriteConflicts(c, tx, o.Threads, records.Duplicates, records.Watched);
            using (var ins = new BulkInsert(c, tx, "patent_settings", "name", "value"))
            {
                ins.Add("match_mode", o.Match.ToString());
                ins.Add(CarriedRecordIndex.KeySetting, indexKey);
                ins.Add("unparsable_codes_in_kept_records", result.UnparsableCodes.ToString(CultureInfo.InvariantCulture));
            }
            Done("patents", PatentAction(result, records.ExportsCopied, records.ExportsRepacked));
        }

        Loaders.FinishStaging(c, tx);

        // The integration index and the panel are cheap: always recomputed from the tables.
        clock.Restart();
        progress.Begin("index", 0, "");
        var (units, national, digital) = PatentTables.Read(c);
        var index = PatentTables.WriteIndex(c, tx, mappings, units, national, o.Index);
        var digReal = index.Values.ToDictionary(v => (v.Unit, v.Year), v => v.Index);
        Done("index", "ran");

        clock.Restart();
        progress.Begin("panel", 0, "");
        var staged = PanelTables.ReadStaged(c);
        PanelAssembly assembly;
        PatentCoverage coverage;
        try
        {
            var exportsRead = Convert.ToInt32(Sql.Scalar(c, "SELECT count(*) FROM source_files WHERE kind = 'patents' AND rejection IS NULL"), CultureInfo.InvariantCulture);
            coverage = PatentCoverage.Of(national.ToDictionary(kv => kv.Key, kv => Located(c, kv.Key)), exportsRead);
            assembly = PanelAssembler.Run(mappings, staged, digital, digReal, o.Assembly, coverage);
        }
        catch (InvalidOperationException e)
        {
            throw new BuildException($"panel assembly failed: {e.Message}", e);
        }
        PanelTables.Write(c, tx, mappings, assembly, staged);
        var panelHash = PanelTables.Hash(c);
        // The run's summary is taken now, so that neither the staged facts nor the assembly is held through the
        // variants' patent passes, where the build's memory peaks at national scale.
        var cities = assembly.Panel.Select(r => r.City).Distinct().Count();
        var summary = $"{cities} cities x {assembly.Panel.Count / Math.Max(cities, 1)} years = {assembly.Panel.Count} city-years; "
                      + $"{assembly.Dropped.Count} cities dropped; {staged.Count} staged facts; {assembly.Conflicts.Count} source conflicts";
        Done("panel", "ran");

        clock.Restart();
        if (variants.Count > 0)
        {
            var files = patentFiles.Select(f => new PatentFile(f.File.FullPath, f.File.Relative, f.Sha256, f.File.Bytes)).ToList();
            progress.Begin("variants", variants.Count * files.Sum(f => f.Bytes), "bytes");
            var inputs = new PanelVariants.Inputs(o, mappings, files, PatentsKey, () => PanelTables.ReadStaged(c), coverage, reuse, progress, match =>
            {
                var cache = Cache(match);
                caches.Add(cache);
                return cache;
            });
            var built = variants.Select(v => PanelVariants.Build(c, tx, v, inputs)).ToList();
            Done("variants", string.Join("; ", built));
        }
        foreach (var table in oldVariantTables.Where(t => variants.All(v => v.Table != t)))
            Notice($"  variant    {table} of the previous warehouse not rebuilt: not asked for (--variant {table["panel_".Length..]} keeps it)");

        clock.Restart();
        progress.Begin("checks", 0, "");
        Loaders.Provenance(c, tx, o.Raw, fileIds, inventory.ToDictionary(f => f.File.Relative, f => f.Sha256, StringComparer.Ordinal));
        Reconcile(c);
        if (Sql.Query(c, "PRAGMA foreign_key_check").Select(r => $"{r.GetString(0)} row {r.GetInt64(1)} -> {r.GetString(2)}").FirstOrDefault() is { } broken)
            throw new BuildException($"the new warehouse has a dangling reference: {broken}");
        Done("checks", "passed");
        var changes = hasOld ? RunChanges.Record(c, tx, runId, WarehouseSchema.PanelColumns(mappings.Variables).Skip(2).Select(x => x.Name).ToList()) : null;
        clock.Restart();
        progress.Begin("validate", 0, "");
        var checks = DataChecks.Run(c, mappings.Checks.Checks);
        DataChecks.Write(c, tx, runId, checks);
        Done("validate", $"{checks.Count(r => r.Passed)} of {checks.Count} checks passed");
        var details = BuildSummary.Read(c);
        details.Coverage.AddRange(coverage.Notes);
        using (var ins = new BulkInsert(c, tx, "runs", "run_id", "started_utc", "finished_utc", "tool_version", "commit_sha", "code_dirty", "settings", "mappings_hash",
                   "inputs_hash", "panel_hash", "summary"))
            ins.Add(runId, started.ToString("O", CultureInfo.InvariantCulture), DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ToolVersion.Current, ToolVersion.Commit, ToolVersion.Dirty ? 1 : 0, o.SettingsText, mappings.CombinedHash, buildKey, panelHash, summary);
        using (var ins = new BulkInsert(c, tx, "stage_runs", "run_id", "stage", "input_hash", "action", "seconds"))
            foreach (var (stage, action, seconds) in stages)
                ins.Add(runId, stage, stage == "patents" ? patentsKey : stage == "ingest" ? ingestVersion : buildKey, action, seconds);
        tx.Commit();
        if (hasOld) Sql.Execute(c, "DETACH DATABASE old");
        c.Close();
        log.WriteLine(details.ToText());
        foreach (var line in DataChecks.SummaryLines(checks)) log.WriteLine(line);
        var report = DataChecks.Report(checks, file.Path);
        // A build that read nothing, or left no city in the panel, does not replace a warehouse: it is kept
        // beside it for inspection, and the command fails.
        var failure = details.Failure(o.Strict) ?? DataChecks.Errors(checks);
        if (failure is null && before is not null && !o.AllowShrink && details.ShrinksAgainst(before) is { Count: > 0 } shrinks)
            failure = $"the build shrinks against the previous warehouse: {string.Join("; ", shrinks)} (--allow-shrink accepts a deliberate change)";
        if (failure is not null)
        {
            file.SetAside();
            File.WriteAllText(ReportPath(file.FailedPath), report);
            throw new BuildException($"{failure}; the warehouse {file.Path} was left as it was, and this build is kept as {file.FailedPath}");
        }
        if (WarehouseFile.ChangeCounter(file.Path) != changeCounter)
        {
            File.Delete(file.TempPath);
            throw new BuildException($"{file.Path} changed while this build ran (an estimate wrote its results into it); nothing was replaced: run the build again");
        }
        if (keepOld is not null)
        {
            File.Copy(file.Path, keepOld);
            Notice($"  kept      the previous warehouse, of another schema version, as {keepOld}: its history and results are not carried into this one");
        }
        file.Publish();
        File.WriteAllText(ReportPath(file.Path), report);
        foreach (var cache in caches)
            foreach (var why in cache.Discarded) Notice($"  cache      discarded {why}: its export was read again");
        // The cache keeps what this build used; entries of exports since changed or removed, or of older code, go.
        // (When the main patent stage was copied, the cache was not consulted, and nothing is pruned.)
        if (mainPatentsRan) ExportResultCache.Prune(o.CacheFolder, caches);
        return new BuildReport(false, stages, summary, details) { RunId = runId, PanelHash = panelHash, Changes = changes, Carried = carried, CheckLines = [.. DataChecks.SummaryLines(checks)], Notices = notices };
    }

    /// <summary>
    /// The patent stage's line: how many exports were read, and how many replayed from the cache; with a previous
    /// warehouse, how many unchanged exports' record runs were copied from it and how many were packed again.
    /// </summary>
    internal static string PatentAction(PatentStageResult r, int runsCopied = 0, int runsRepacked = 0)
    {
        var parts = new List<string>();
        if (r.ExportsRead != r.Files.Count) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{r.ExportsRead} exports read, {r.Files.Count - r.ExportsRead} from the cache"));
        if (runsCopied + runsRepacked > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"record index of {runsCopied} copied, {runsRepacked} re-indexed"));
        return parts.Count == 0 ? "ran" : $"ran ({string.Join("; ", parts)})";
    }

    /// <summary>Where a build writes the data-check report: beside the warehouse, <c>etl.db</c> giving <c>etl.validation.md</c>.</summary>
    public static string ReportPath(string database) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, Path.GetFileNameWithoutExtension(database) + ".validation.md");

    /// <summary>A free path beside the warehouse for a previous one of another schema version.</summary>
    private static string KeptPath(string path)
    {
        for (var n = 1; ; n++)
        {
            var kept = $"{path}.previous{(n == 1 ? "" : n.ToString(CultureInfo.InvariantCulture))}";
            if (!File.Exists(kept)) return kept;
        }
    }

    /// <summary>Located invention applications of a year, nationally.</summary>
    private static long Located(SqliteConnection c, int year) =>
        Convert.ToInt64(Sql.Scalar(c, "SELECT coalesce(max(located), 0) FROM patent_national WHERE year = $y", ("$y", year)), CultureInfo.InvariantCulture);

    private static SqliteConnection? OpenPrevious(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var c = Sql.Open(path, SqliteOpenMode.ReadOnly);
            var version = Convert.ToInt64(Sql.Scalar(c, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            var check = Sql.Scalar(c, "PRAGMA quick_check") as string;
            if (version == WarehouseSchema.Version && check == "ok" && Sql.Scalar(c, "SELECT count(*) FROM runs") is long n && n > 0) return c;
            c.Dispose();
        }
        catch (SqliteException)
        {
            // Not a warehouse of this version (or not a database): build from scratch.
        }
        return null;
    }

    private static Dictionary<string, (long Id, string Sha, string Version, string Modified)> OldFiles(SqliteConnection c)
    {
        var d = new Dictionary<string, (long, string, string, string)>(StringComparer.Ordinal);
        foreach (var r in Sql.Query(c, "SELECT path, file_id, sha256, parser_version, modified_utc FROM old.source_files"))
            d[r.GetString(0)] = (r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4));
        return d;
    }

    /// <summary>Every source file: rows read = loaded + excluded + quarantined, or the build fails.</summary>
    private static void Reconcile(SqliteConnection c)
    {
        foreach (var r in Sql.Query(c, """
                     SELECT s.path, s.rows_read, s.rows_loaded,
                       coalesce((SELECT sum(rows) FROM file_rules f WHERE f.file_id = s.file_id AND f.outcome = 'excluded'), 0),
                       coalesce((SELECT sum(rows) FROM file_rules f WHERE f.file_id = s.file_id AND f.outcome = 'quarantined'), 0),
                       s.rows_excluded, s.rows_quarantined
                     FROM source_files s
                     """))
        {
            var (read, loaded, excluded, quarantined) = (r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
            if (read != loaded + excluded + quarantined || excluded != r.GetInt64(5) || quarantined != r.GetInt64(6))
                throw new BuildException($"{r.GetString(0)}: rows read {read} != loaded {loaded} + excluded {excluded} + quarantined {quarantined}");
        }
    }
}
