using System.Globalization;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>Writes the dimension tables and the per-file rows of the warehouse.</summary>
internal static class Loaders
{
    public static string Code(CityCode c) => c.ToString();

    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Cities, aliases, variables, precedence, years, events and mapping hashes.</summary>
    public static void Dimensions(SqliteConnection c, SqliteTransaction tx, MappingSet m)
    {
        using (var ins = new BulkInsert(c, tx, "cities", "city_code", "name", "short_name", "name_en", "kind", "province_code", "province", "region", "region4",
                   "hu_side", "lon", "lat", "valid_from", "valid_to", "panel_universe"))
            foreach (var x in m.Cities.All)
                ins.Add(Code(x.Code), x.Name, x.ShortName, m.EnglishNames.Of(x.Code), MappingNames.Name(x.Kind), Code(x.ProvinceCode), x.ProvinceName, MappingNames.Name(x.Region),
                    MappingNames.Name(x.Region4), MappingNames.Name(x.HuSide), x.Longitude, x.Latitude, x.ValidFrom, x.ValidTo, x.IsPanelUniverse ? 1 : 0);
        using (var ins = new BulkInsert(c, tx, "city_aliases", "alias", "city_code", "valid_from", "valid_to", "kind"))
            foreach (var a in m.Cities.Aliases) ins.Add(a.Alias, Code(a.Code), a.ValidFrom, a.ValidTo, a.Kind);
        using (var ins = new BulkInsert(c, tx, "variables", "name", "label_zh", "label_en", "unit", "unit_zh", "unit_en", "decimals", "role", "in_panel", "key", "method", "derivation"))
            foreach (var v in m.Variables.All)
                ins.Add(v.Name, v.LabelZh, v.LabelEn, v.Unit, v.UnitZh, v.UnitEn, v.Decimals, v.Role, v.InPanel ? 1 : 0, v.Key ? 1 : 0, v.Method, v.Derivation);
        using (var ins = new BulkInsert(c, tx, "source_precedence", "variable", "rank", "source", "tolerance"))
            foreach (var p in m.Variables.Precedence) ins.Add(p.Variable, p.Rank, p.Source, p.Tolerance);
        using (var ins = new BulkInsert(c, tx, "years", "year"))
            foreach (var y in PanelYears.All) ins.Add(y);
        using (var ins = new BulkInsert(c, tx, "admin_events", "event_id", "year", "approval_date", "type", "drops_city", "subject_code", "subject_name",
                   "counterpart_code", "counterpart_name", "prefectures", "approval_document", "title"))
            foreach (var e in m.Events.All)
                ins.Add(e.EventId, e.Year, e.ApprovalDate, e.Type, m.Policy.Drops(e) ? 1 : 0, Code(e.SubjectCode), e.SubjectName,
                    e.CounterpartCode is { } cc ? Code(cc) : null, e.CounterpartName, string.Join(";", e.Prefectures.Select(Code)), e.ApprovalDocument, e.Title);
        using (var ins = new BulkInsert(c, tx, "kdt_branches", "branch_id", "technology_id", "technology", "branch_no", "branch_name", "keywords"))
            foreach (var b in m.Kdt.Branches)
                ins.Add(b.Id, b.TechnologyId, Domain.Mappings.KdtTable.Technologies.First(t => t.Id == b.TechnologyId).NameZh, b.BranchNo, b.Name, string.Join(";", b.Keywords));
        using (var ins = new BulkInsert(c, tx, "mapping_files", "file", "sha256"))
            foreach (var (f, h) in m.FileHashes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) ins.Add(f, h);
    }

    /// <summary>One source file's row and its rule counts.</summary>
    public static void SourceFile(SqliteConnection c, SqliteTransaction tx, long fileId, FileOutcome o, string modifiedUtc, string parserVersion)
    {
        using (var ins = new BulkInsert(c, tx, "source_files", "file_id", "path", "kind", "sha256", "bytes", "modified_utc", "parser_version", "encoding", "note",
                   "rows_read", "rows_loaded", "rows_excluded", "rows_quarantined", "facts", "values_read", "missing_values", "rejection"))
            ins.Add(fileId, o.File, SourceKinds.Name(o.Kind), o.Sha256, o.Bytes, modifiedUtc, parserVersion, o.Encoding, o.Note, o.Read, o.Loaded,
                o.Excluded.Values.Sum(), o.Quarantined.Values.Sum(), o.Facts, o.ValuesRead, o.MissingValues, o.Rejection);
        using var rules = new BulkInsert(c, tx, "file_rules", "file_id", "outcome", "rule", "rows");
        foreach (var (rule, n) in o.Excluded) rules.Add(fileId, "excluded", rule, n);
        foreach (var (rule, n) in o.Quarantined) rules.Add(fileId, "quarantined", rule, n);
        foreach (var (rule, n) in o.RejectedValues) rules.Add(fileId, "rejected_value", rule, n);
    }

    /// <summary>
    /// Where and when each raw file was fetched (<c>.fetch/provenance.json</c> under the raw root), for the files
    /// of this build; <c>same_bytes</c> says whether the file still holds the bytes fetched.
    /// </summary>
    public static void Provenance(SqliteConnection c, SqliteTransaction tx, string raw, IReadOnlyDictionary<string, long> fileIds, IReadOnlyDictionary<string, string> hashes)
    {
        using var ins = new BulkInsert(c, tx, "fetch_provenance", "file_id", "source_id", "url", "final_url", "status", "etag", "last_modified", "content_type",
            "fetched_utc", "checked_utc", "bytes", "sha256", "same_bytes");
        foreach (var r in FetchProvenance.Read(raw).Values.OrderBy(r => r.Path, StringComparer.Ordinal))
            if (fileIds.TryGetValue(r.Path, out var id))
                ins.Add(id, r.SourceId, r.Url, r.FinalUrl, r.Status, r.ETag, r.LastModified, r.ContentType, r.FetchedUtc, r.CheckedUtc, r.Bytes, r.Sha256,
                    hashes[r.Path] == r.Sha256 ? 1 : 0);
    }

    /// <summary>Staged facts and quarantined items of one freshly parsed file, into the staging tables.</summary>
    public static void Parsed(SqliteConnection c, SqliteTransaction tx, long fileId, IEnumerable<StagedFact> facts, IEnumerable<QuarantineItem> quarantine)
    {
        using (var ins = new BulkInsert(c, tx, "temp.staged_stage", "file_id", "seq", "city_code", "year", "variable", "value", "raw_text", "raw_unit", "locator", "context"))
        {
            var seq = 0;
            foreach (var f in facts) ins.Add(fileId, seq++, Code(f.City), f.Year, f.Variable, f.Value, f.RawText, f.RawUnit, f.Locator, f.Context);
        }
        Quarantine(c, tx, fileId, quarantine);
    }

    /// <summary>Quarantined items of one file, into the staging table.</summary>
    public static void Quarantine(SqliteConnection c, SqliteTransaction tx, long fileId, IEnumerable<QuarantineItem> items)
    {
        using var ins = new BulkInsert(c, tx, "temp.quarantine_stage", "file_id", "seq", "locator", "reason", "detail");
        var seq = 0;
        foreach (var q in items) ins.Add(fileId, seq++, q.Locator, q.Reason, q.Detail);
    }

    /// <summary>
    /// Copies the rows of unchanged files from the previous warehouse (attached as <c>old</c>) under their
    /// new ids, in one statement per table: <paramref name="map"/> gives (old id, new id, modification time).
    /// Staged facts and quarantined items go to the staging tables, to be numbered in file order with the
    /// freshly parsed ones (<see cref="FinishStaging"/>).
    /// </summary>
    public static void CopyFiles(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<(long Old, long New, string Modified)> map, bool stagedFacts)
    {
        if (map.Count == 0) return;
        Sql.Execute(c, "DELETE FROM temp.file_map", tx);
        using (var ins = new BulkInsert(c, tx, "temp.file_map", "old_id", "new_id", "modified_utc"))
            foreach (var (o, n, m) in map) ins.Add(o, n, m);
        Sql.Execute(c, """
            INSERT INTO source_files SELECT m.new_id, s.path, s.kind, s.sha256, s.bytes, m.modified_utc, s.parser_version, s.encoding, s.note, s.rows_read,
              s.rows_loaded, s.rows_excluded, s.rows_quarantined, s.facts, s.values_read, s.missing_values, s.rejection
              FROM old.source_files s JOIN temp.file_map m ON m.old_id = s.file_id;
            INSERT INTO file_rules SELECT m.new_id, r.outcome, r.rule, r.rows FROM old.file_rules r JOIN temp.file_map m ON m.old_id = r.file_id;
            INSERT INTO temp.quarantine_stage SELECT m.new_id, q.quarantine_id, q.locator, q.reason, q.detail FROM old.quarantine q JOIN temp.file_map m ON m.old_id = q.file_id;
            """, tx);
        if (stagedFacts)
            Sql.Execute(c, """
                INSERT INTO temp.staged_stage SELECT m.new_id, f.staged_id, f.city_code, f.year, f.variable, f.value, f.raw_text, f.raw_unit, f.locator, f.context
                  FROM old.staged_facts f JOIN temp.file_map m ON m.old_id = f.file_id;
                """, tx);
    }

    /// <summary>Creates the staging tables that order staged facts and quarantine by file before numbering.</summary>
    public static void BeginStaging(SqliteConnection c, SqliteTransaction tx) => Sql.Execute(c, """
        CREATE TEMP TABLE file_map (old_id INTEGER, new_id INTEGER, modified_utc TEXT);
        CREATE TEMP TABLE staged_stage (file_id INTEGER, seq INTEGER, city_code TEXT, year INTEGER, variable TEXT, value REAL, raw_text TEXT,
          raw_unit TEXT, locator TEXT, context TEXT);
        CREATE TEMP TABLE quarantine_stage (file_id INTEGER, seq INTEGER, locator TEXT, reason TEXT, detail TEXT);
        """, tx);

    /// <summary>Numbers the staged rows in (file, position) order into the real tables.</summary>
    public static void FinishStaging(SqliteConnection c, SqliteTransaction tx) => Sql.Execute(c, """
        INSERT INTO staged_facts (file_id, city_code, year, variable, value, raw_text, raw_unit, locator, context)
          SELECT file_id, city_code, year, variable, value, raw_text, raw_unit, locator, context FROM temp.staged_stage ORDER BY file_id, seq;
        INSERT INTO quarantine (file_id, locator, reason, detail)
          SELECT file_id, locator, reason, detail FROM temp.quarantine_stage ORDER BY file_id, seq;
        DELETE FROM temp.staged_stage;
        DELETE FROM temp.quarantine_stage;
        """, tx);
}
