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
        using (var ins = new BulkInsert(c, tx, "cities", "city_code", "name", "short_name", "kind", "province_code", "province", "region", "region4",
                   "hu_side", "lon", "lat", "valid_from", "valid_to", "panel_universe"))
            foreach (var x in m.Cities.All)
                ins.Add(Code(x.Code), x.Name, x.ShortName, MappingNames.Name(x.Kind), Code(x.ProvinceCode), x.ProvinceName, MappingNames.Name(x.Region),
                    MappingNames.Name(x.Region4), MappingNames.Name(x.HuSide), x.Longitude, x.Latitude, x.ValidFrom, x.ValidTo, x.IsPanelUniverse ? 1 : 0);
        using (var ins = new BulkInsert(c, tx, "city_aliases", "alias", "city_code", "valid_from", "valid_to", "kind"))
            foreach (var a in m.Cities.Aliases) ins.Add(a.Alias, Code(a.Code), a.ValidFrom, a.ValidTo, a.Kind);
        using (var ins = new BulkInsert(c, tx, "variables", "name", "label_zh", "label_en", "unit", "unit_zh", "decimals", "role", "in_panel", "key", "method", "derivation"))
            foreach (var v in m.Variables.All)
                ins.Add(v.Name, v.LabelZh, v.LabelEn, v.Unit, v.UnitZh, v.Decimals, v.Role, v.InPanel ? 1 : 0, v.Key ? 1 : 0, v.Method, v.Derivation);
        using (var ins = new BulkInsert(c, tx, "source_precedence", "variable", "rank", "source", "tolerance"))
            foreach (var p in m.Variables.Precedence) ins.Add(p.Variable, p.Rank, p.Source, p.Tolerance);
        using (var ins = new BulkInsert(c, tx, "years", "year"))
            foreach (var y in PanelYears.All) ins.Add(y);
        using (var ins = new BulkInsert(c, tx, "admin_events", "event_id", "year", "approval_date", "type", "drops_city", "subject_code", "subject_name",
                   "counterpart_code", "counterpart_name", "prefectures", "approval_document", "title"))
            foreach (var e in m.Events.All)
                ins.Add(e.EventId, e.Year, e.ApprovalDate, e.Type, m.Policy.Drops(e) ? 1 : 0, Code(e.SubjectCode), e.SubjectName,
                    e.CounterpartCode is { } cc ? Code(cc) : null, e.CounterpartName, string.Join(";", e.Prefectures.Select(Code)), e.ApprovalDocument, e.Title);
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

    /// <summary>Staged facts and quarantined items of one freshly parsed file.</summary>
    public static void Parsed(SqliteConnection c, SqliteTransaction tx, long fileId, IEnumerable<StagedFact> facts, IEnumerable<QuarantineItem> quarantine)
    {
        using (var ins = new BulkInsert(c, tx, "staged_facts", "file_id", "city_code", "year", "variable", "value", "raw_text", "raw_unit", "locator", "context"))
            foreach (var f in facts) ins.Add(fileId, Code(f.City), f.Year, f.Variable, f.Value, f.RawText, f.RawUnit, f.Locator, f.Context);
        Quarantine(c, tx, fileId, quarantine);
    }

    public static void Quarantine(SqliteConnection c, SqliteTransaction tx, long fileId, IEnumerable<QuarantineItem> items)
    {
        using var ins = new BulkInsert(c, tx, "quarantine", "file_id", "locator", "reason", "detail");
        foreach (var q in items) ins.Add(fileId, q.Locator, q.Reason, q.Detail);
    }

    /// <summary>Copies a file's rows from the previous warehouse (attached as <c>old</c>) under a new id.</summary>
    public static void CopyFile(SqliteConnection c, SqliteTransaction tx, long oldId, long newId, string modifiedUtc, bool stagedFacts)
    {
        Sql.Execute(c, $"""
            INSERT INTO source_files SELECT {newId}, path, kind, sha256, bytes, '{modifiedUtc}', parser_version, encoding, note, rows_read, rows_loaded,
              rows_excluded, rows_quarantined, facts, values_read, missing_values, rejection FROM old.source_files WHERE file_id = {oldId};
            INSERT INTO file_rules SELECT {newId}, outcome, rule, rows FROM old.file_rules WHERE file_id = {oldId};
            INSERT INTO quarantine (file_id, locator, reason, detail) SELECT {newId}, locator, reason, detail FROM old.quarantine WHERE file_id = {oldId} ORDER BY quarantine_id;
            """, tx);
        if (stagedFacts)
            Sql.Execute(c, $"""
                INSERT INTO staged_facts (file_id, city_code, year, variable, value, raw_text, raw_unit, locator, context)
                SELECT {newId}, city_code, year, variable, value, raw_text, raw_unit, locator, context FROM old.staged_facts WHERE file_id = {oldId} ORDER BY staged_id;
                """, tx);
    }
}
