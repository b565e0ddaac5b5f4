using System.Globalization;
using Etl.Domain.Staging;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Lineage;

/// <summary>
/// Follows a value of the warehouse back to its sources, reading only the warehouse: the fact, how it was
/// made (observed, interpolated, derived, computed), its inputs down to the source file and the sheet and
/// cell or the element and character span, the patent records behind a count, the index parameters and
/// weights, the mapping versions and the run.
/// </summary>
public sealed class LineageTracer : IDisposable
{
    private readonly SqliteConnection _c;

    /// <summary>Opens the warehouse read-only.</summary>
    public LineageTracer(string database)
    {
        if (!File.Exists(database)) throw new BuildException($"warehouse not found: {Path.GetFullPath(database)}");
        if (WarehouseIdentity.Inspect(database) is (WarehouseIdentity.Kind.Foreign, var why))
            throw new BuildException($"{Path.GetFullPath(database)} is not a warehouse: {why}");
        _c = Sql.Open(database, SqliteOpenMode.ReadOnly);
    }

    /// <summary>How many patent records a trace lists (0: only their count per file).</summary>
    public int RecordLimit { get; init; } = 10;

    /// <summary>The SHA-256 of each mapping table the build read (<c>mapping_files</c>), by file name.</summary>
    public IReadOnlyDictionary<string, string> MappingHashes() =>
        Sql.Query(_c, "SELECT file, sha256 FROM mapping_files").ToDictionary(r => r.GetString(0), r => r.GetString(1), StringComparer.Ordinal);

    /// <summary>The lineage of one value.</summary>
    public TraceNode Trace(string city, int year, string variable)
    {
        var (code, name) = CityLookup.Find(_c, city);
        if (Sql.Scalar(_c, "SELECT count(*) FROM variables WHERE name = $v", ("$v", variable)) is not long n || n == 0)
            throw new BuildException($"'{variable}' is not a variable of the warehouse ({string.Join(", ", Sql.Query(_c, "SELECT name FROM variables").Select(r => r.GetString(0)))})");
        var root = Fact(code, year, variable, depth: 0)
                   ?? throw new BuildException($"the warehouse holds no {variable} for {name} ({code}) in {year}{DroppedNote(code)}");
        // The value's identity first, typed, so a reader of the JSON finds it without parsing the title.
        root.Attributes.InsertRange(0, [("city_code", code), ("city_name", name), ("year", year), ("variable", variable)]);
        var panel = Sql.Scalar(_c, "SELECT count(*) FROM panel WHERE city_code = $c AND year = $y", ("$c", code), ("$y", year)) is long p && p > 0;
        root.With("in_panel", panel);
        if (!panel) root.With("not_in_panel_because", DroppedNote(code).Length > 0 ? DroppedNote(code).Trim(' ', '(', ')') : "the city-year is outside the balanced panel");
        root.From(Run());
        return root;
    }

    /// <summary>Why a city is not in the panel, down to the event and its approval document or the missing years.</summary>
    public TraceNode WhyDropped(string city)
    {
        var (code, name) = CityLookup.Find(_c, city);
        var row = Sql.Query(_c, "SELECT reason, event_id, detail FROM dropped_cities WHERE city_code = $c", ("$c", code))
            .Select(r => (Reason: r.GetString(0), Event: r.IsDBNull(1) ? null : r.GetString(1), Detail: r.GetString(2))).FirstOrDefault();
        if (row.Reason is null)
        {
            var universe = Sql.Scalar(_c, "SELECT panel_universe FROM cities WHERE city_code = $c", ("$c", code)) is long u && u == 1;
            return new TraceNode("city", universe ? $"{name} ({code}) is in the panel" : $"{name} ({code}) is not a city or municipality: outside the panel universe");
        }
        var node = new TraceNode("dropped", $"{name} ({code}) is not in the panel: {row.Reason}").With("detail", row.Detail);
        if (row.Event is { } id)
            foreach (var e in Sql.Query(_c, "SELECT year, approval_date, type, subject_code, subject_name, counterpart_code, counterpart_name, prefectures, approval_document, title FROM admin_events WHERE event_id = $e", ("$e", id)))
                node.From(new TraceNode("event", $"{e.GetString(8)} {e.GetString(9)}")
                    .With("event_id", id).With("year", e.GetInt64(0)).With("approved", e.GetString(1)).With("type", e.GetString(2))
                    .With("subject", $"{e.GetString(4)} ({e.GetString(3)})").With("counterpart", e.IsDBNull(5) ? e.GetString(6) : $"{e.GetString(6)} ({e.GetString(5)})")
                    .With("prefectures_touched", e.GetString(7)).With("policy", "mappings/sample_policy.csv drops this event type"));
        if (row.Reason == "missing_key_variable")
        {
            var available = new TraceNode("sources", "what the sources give for the missing variables");
            foreach (var part in row.Detail.Split("; "))
            {
                var variable = part.Split(' ')[0];
                var staged = Sql.Query(_c, """
                        SELECT s.kind, count(*), min(f.year), max(f.year) FROM staged_facts f JOIN source_files s USING (file_id)
                        WHERE f.city_code = $c AND f.variable = $v GROUP BY s.kind
                        """, ("$c", code), ("$v", variable)).Select(r => $"{r.GetString(0)} {r.GetInt64(1)} values ({r.GetInt64(2)}-{r.GetInt64(3)})").ToList();
                available.With(variable, staged.Count == 0 ? "no source states it in any year" : string.Join("; ", staged));
            }
            node.From(available);
        }
        return node;
    }

    private string DroppedNote(string code) =>
        Sql.Scalar(_c, "SELECT reason FROM dropped_cities WHERE city_code = $c", ("$c", code)) is string r ? $" (dropped: {r}; see --why-dropped)" : "";

    private TraceNode? Fact(string code, int year, string variable, int depth)
    {
        var f = Sql.Query(_c, """
                SELECT f.value, f.method, f.source, f.note, v.unit, v.unit_zh, v.label_en FROM facts f JOIN variables v ON v.name = f.variable
                WHERE f.city_code = $c AND f.year = $y AND f.variable = $v
                """, ("$c", code), ("$y", year), ("$v", variable))
            .Select(r => (Value: r.GetDouble(0), Method: r.GetString(1), Source: r.GetString(2), Note: r.GetString(3), Unit: r.GetString(4), UnitZh: r.GetString(5), Label: r.GetString(6)))
            .Cast<(double Value, string Method, string Source, string Note, string Unit, string UnitZh, string Label)?>().FirstOrDefault();
        if (f is not { } x) return null;
        var node = new TraceNode("fact", $"{variable} {code} {year} = {x.Value.ToString("R", CultureInfo.InvariantCulture)} {x.Unit} ({x.Label})")
            .With("value", x.Value).With("unit", $"{x.Unit} ({x.UnitZh})").With("method", x.Method).With("source", x.Source.Length == 0 ? null : x.Source);
        if (x.Note.Length > 0) node.With("how", x.Note);
        if (x.Method == "interpolated") node.With("why_missing", WhyMissing(code, year, variable));
        foreach (var input in Sql.Query(_c, "SELECT kind, ref, detail FROM fact_inputs WHERE city_code = $c AND year = $y AND variable = $v ORDER BY seq",
                         ("$c", code), ("$y", year), ("$v", variable)).Select(r => (r.GetString(0), r.GetString(1), r.GetString(2))).ToList())
        {
            var (kind, reference, detail) = input;
            switch (kind)
            {
                case "staged": node.From(Staged(long.Parse(reference, CultureInfo.InvariantCulture))); break;
                case "fact":
                    var p = reference.Split('|');
                    var inner = depth < 4 ? Fact(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), p[2], depth + 1) : null;
                    node.From(inner?.With("role", detail) ?? new TraceNode("fact", $"{reference} ({detail})"));
                    break;
                case "patents": node.From(Patents(code, year, detail)); break;
                case "index": node.From(Index(code, year)); break;
            }
        }
        if (x.Method == "observed") Competing(node, code, year, variable);
        foreach (var conflict in Sql.Query(_c, """
                     SELECT other_source, other_value, relative_difference, other_staged_id FROM source_conflicts
                     WHERE city_code = $c AND year = $y AND variable = $v
                     """, ("$c", code), ("$y", year), ("$v", variable)).Select(r => (r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.GetInt64(3))).ToList())
            node.From(new TraceNode("conflict", $"set aside: {conflict.Item1} gives {conflict.Item2.ToString("R", CultureInfo.InvariantCulture)} ({(100 * conflict.Item3).ToString("0.###", CultureInfo.InvariantCulture)}% apart)")
                .From(Staged(conflict.Item4)));
        return node;
    }

    private TraceNode Staged(long id)
    {
        var r = Sql.Query(_c, """
                SELECT f.value, f.raw_text, f.raw_unit, f.locator, f.context, s.path, s.kind, s.sha256, s.encoding
                FROM staged_facts f JOIN source_files s USING (file_id) WHERE f.staged_id = $id
                """, ("$id", id)).Select(x => (x.GetDouble(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4), x.GetString(5), x.GetString(6), x.GetString(7), x.GetString(8))).Single();
        return Fetched(new TraceNode("staged_fact", $"{r.Item7} {r.Item6} {r.Item4}: printed '{r.Item2}' {r.Item3}")
            .With("staged_id", id).With("value_in_catalogue_unit", r.Item1).With("context", r.Item5)
            .With("file_sha256", r.Item8).With("encoding", r.Item9.Length == 0 ? null : r.Item9), r.Item6);
    }

    /// <summary>Adds where and when the file at <paramref name="path"/> was fetched, or that it was placed by hand.</summary>
    private TraceNode Fetched(TraceNode node, string path)
    {
        var f = Sql.Query(_c, """
            SELECT p.url, p.final_url, p.fetched_utc, p.etag, p.last_modified, p.same_bytes FROM fetch_provenance p
            JOIN source_files s USING (file_id) WHERE s.path = $p
            """, ("$p", path)).Select(x => (Url: x.GetString(0), Final: x.GetString(1), At: x.GetString(2), ETag: x.IsDBNull(3) ? null : x.GetString(3),
                Modified: x.IsDBNull(4) ? null : x.GetString(4), Same: x.GetInt64(5) == 1)).SingleOrDefault();
        if (f.Url is null) return node.With("fetched", "no fetch record: the file was placed by hand");
        node.With("fetched_from", f.Url);
        if (f.Final != f.Url) node.With("redirected_to", f.Final);
        node.With("fetched_utc", f.At).With("etag", f.ETag).With("last_modified", f.Modified);
        return f.Same ? node : node.With("changed_since_fetch", "yes: the file no longer holds the bytes fetched");
    }

    private TraceNode Patents(string code, int year, string what)
    {
        // The run's count of the records asked for, and the record's own flag.
        var (column, flag) = what switch
        {
            "digital" => ("digital", IndexedRecord.DigitalFlag), "integrated" => ("integrated", IndexedRecord.IntegratedFlag),
            "real_only" => ("real_only", IndexedRecord.RealOnlyFlag), _ => ("records", 0),
        };
        var node = new TraceNode("patents", $"patent records of {code} {year} with {what} = 1");
        foreach (var a in Sql.Query(_c, "SELECT inventions, digital, integrated, real_only, network_edges FROM patent_unit_year WHERE unit_code = $c AND year = $y", ("$c", code), ("$y", year)))
            node.With("inventions", a.GetInt64(0)).With("digital", a.GetInt64(1)).With("integrated", a.GetInt64(2)).With("real_only", a.GetInt64(3)).With("network_edges", a.GetInt64(4));
        foreach (var s in Sql.Query(_c, "SELECT name, value FROM patent_settings ORDER BY name")) node.With(s.GetString(0), s.GetString(1));
        foreach (var f in Sql.Query(_c, $"""
                     SELECT s.path, s.sha256, sum(r.{column}) FROM patent_records r JOIN source_files s USING (file_id)
                     WHERE r.unit_code = $c AND r.year = $y AND r.{column} > 0 GROUP BY s.path, s.sha256 ORDER BY s.path
                     """, ("$c", code), ("$y", year)))
            node.From(Fetched(new TraceNode("source_file", $"{f.GetString(0)}: {f.GetInt64(2)} records").With("file_sha256", f.GetString(1)), f.GetString(0)));
        if (RecordLimit > 0)
        {
            var list = new TraceNode("records", $"first {RecordLimit} records (file, line, application number)");
            var branches = Sql.Query(_c, "SELECT branch_id, branch_no || ' ' || branch_name FROM kdt_branches").ToDictionary(r => r.GetInt64(0), r => r.GetString(1));
            var industries = Sql.Query(_c, "SELECT industry_id, industry_code FROM patent_record_industries").ToDictionary(r => r.GetInt64(0), r => r.GetString(1));
            var listed = 0;
            foreach (var run in Sql.Query(_c, $"""
                         SELECT s.path, s.sha256, r.first_line, r.records, r.packed FROM patent_records r JOIN source_files s USING (file_id)
                         WHERE r.unit_code = $c AND r.year = $y AND r.{column} > 0 ORDER BY r.file_id
                         """, ("$c", code), ("$y", year)))
            {
                foreach (var r in PatentRecordRuns.Read((byte[])run.GetValue(4), run.GetInt64(2), run.GetInt64(3)))
                {
                    if (flag != 0 && (r.Flags & flag) == 0) continue;
                    if (listed++ == RecordLimit) break;
                    var number = PatentNumbers.Format(r.AppNo);
                    list.From(new TraceNode("record", $"{run.GetString(0)}:{r.Line} application {number}")
                        .With("file", run.GetString(0)).With("line", r.Line).With("application_number", number).With("integrated", r.Integrated)
                        .With("technologies", KdtTechnologyNames.Where((_, t) => (r.Technologies & (1 << t)) != 0).ToList())
                        .With("branches", r.Branches.Select(b => branches.GetValueOrDefault(b, $"branch {b}")).ToList())
                        .With("industries", r.Industries.Select(i => industries.GetValueOrDefault(i, $"industry {i}")).ToList())
                        .With("file_sha256", run.GetString(1)));
                }
                if (listed > RecordLimit) break;
            }
            node.From(list);
        }
        if (Conflicts(code, year) is { } conflicts) node.From(conflicts);
        return node;
    }

    /// <summary>The seven KDT technologies in bit order of <c>patent_records.technologies</c>.</summary>
    private static readonly string[] KdtTechnologyNames = [.. Domain.Mappings.KdtTable.Technologies.Select(t => t.NameEn)];


    /// <summary>
    /// The other values the sources gave for an observed fact, each with its source, where it was printed, and the
    /// rule that preferred the kept one: source precedence between sources, the same-source rule within one.
    /// </summary>
    private void Competing(TraceNode node, string code, int year, string variable)
    {
        var kept = Sql.Query(_c, "SELECT ref FROM fact_inputs WHERE city_code = $c AND year = $y AND variable = $v AND kind = 'staged'", ("$c", code), ("$y", year), ("$v", variable))
            .Select(r => long.Parse(r.GetString(0), CultureInfo.InvariantCulture)).FirstOrDefault();
        if (kept == 0) return;
        var keptSource = Sql.Scalar(_c, "SELECT s.kind FROM staged_facts f JOIN source_files s USING (file_id) WHERE f.staged_id = $id", ("$id", kept)) as string;
        var order = string.Join(" > ", Sql.Query(_c, "SELECT source FROM source_precedence WHERE variable = $v ORDER BY rank", ("$v", variable)).Select(r => r.GetString(0)));
        foreach (var o in Sql.Query(_c, """
                     SELECT f.staged_id, f.value, s.kind, s.path, f.locator FROM staged_facts f JOIN source_files s USING (file_id)
                     WHERE f.city_code = $c AND f.year = $y AND f.variable = $v AND f.staged_id <> $k ORDER BY f.staged_id
                     """, ("$c", code), ("$y", year), ("$v", variable), ("$k", kept))
                     .Select(r => (Id: r.GetInt64(0), Value: r.GetDouble(1), Source: r.GetString(2), Path: r.GetString(3), Locator: r.GetString(4))).ToList())
        {
            var rule = o.Source != keptSource ? $"source precedence ({order})" : SourceRules.SameSource;
            node.From(new TraceNode("competing", $"not used: {o.Source} gives {o.Value.ToString("R", CultureInfo.InvariantCulture)} ({o.Path} {o.Locator})")
                .With("value", o.Value).With("source", o.Source).With("file", o.Path).With("locator", o.Locator).With("staged_id", o.Id).With("rule", rule));
        }
    }

    /// <summary>Why an interpolated year had no value of its own: what the raw folder holds for that city and year.</summary>
    private string WhyMissing(string code, int year, string variable)
    {
        var bulletins = Sql.Query(_c, "SELECT path, rejection FROM source_files WHERE kind = 'bulletin' AND note LIKE $city AND note LIKE $year ORDER BY path",
                ("$city", code + " %"), ("$year", "% " + year.ToString(CultureInfo.InvariantCulture)))
            .Select(r => r.IsDBNull(1) ? $"{r.GetString(0)} was read but states no {variable} for the city" : $"{r.GetString(0)} was rejected: {r.GetString(1)}").ToList();
        var yearbook = Convert.ToInt64(Sql.Scalar(_c, """
            SELECT count(*) FROM staged_facts f JOIN source_files s USING (file_id) WHERE s.kind = 'yearbook' AND f.city_code = $c AND f.year = $y
            """, ("$c", code), ("$y", year)), CultureInfo.InvariantCulture);
        var said = bulletins.Count == 0 ? $"no bulletin of {year} for the city is in the raw folder" : string.Join("; ", bulletins);
        return $"no source states {variable} for {year}: {said}; the yearbooks give {yearbook} other value(s) for the city in {year}, none of them {variable}";
    }

    /// <summary>Applications exported twice with different contents, counted in this unit-year or claimed for it by the record set aside.</summary>
    private TraceNode? Conflicts(string code, int year)
    {
        var rows = Sql.Query(_c, """
            SELECT k.app_no, ks.path, k.kept_line, os.path, k.other_line, k.differs, k.rule FROM patent_conflicts k
            JOIN patent_duplicates d ON d.file_id = k.other_file_id AND d.line = k.other_line
            JOIN source_files ks ON ks.file_id = k.kept_file_id JOIN source_files os ON os.file_id = k.other_file_id
            WHERE (k.kept_unit = $c AND k.kept_year = $y) OR (d.unit_code = $c AND d.year = $y)
            ORDER BY ks.path, k.kept_line, os.path, k.other_line
            """, ("$c", code), ("$y", year))
            .Select(r => (App: r.GetString(0), Kept: $"{r.GetString(1)}:{r.GetInt64(2)}", Other: $"{r.GetString(3)}:{r.GetInt64(4)}", Differs: r.GetString(5), Rule: r.GetString(6)))
            .ToList();
        if (rows.Count == 0) return null;
        var node = new TraceNode("conflicts", $"{rows.Count} application(s) exported twice with different contents touch this unit-year").With("rule", rows[0].Rule);
        foreach (var r in rows.Take(Math.Max(RecordLimit, 1)))
            node.With(r.App, $"counted {r.Kept}, set aside {r.Other}: {r.Differs}");
        return node;
    }

    private TraceNode Index(string code, int year)
    {
        var node = new TraceNode("index", $"integration index of {code} {year}");
        foreach (var v in Sql.Query(_c, "SELECT time, industry, region, network, time_norm, industry_norm, region_norm, network_norm, dig_real FROM index_values WHERE unit_code = $c AND year = $y", ("$c", code), ("$y", year)))
        {
            string[] dims = ["time", "industry", "region", "network"];
            for (var j = 0; j < 4; j++) node.With(dims[j], $"{v.GetDouble(j).ToString("R", CultureInfo.InvariantCulture)} (normalised {v.GetDouble(4 + j).ToString("R", CultureInfo.InvariantCulture)})");
        }
        foreach (var w in Sql.Query(_c, "SELECT dimension, min, max, entropy, weight FROM index_weights"))
            node.With($"weight_{w.GetString(0)}", $"{w.GetDouble(4).ToString("R", CultureInfo.InvariantCulture)} (entropy {w.GetDouble(3).ToString("0.######", CultureInfo.InvariantCulture)}, range {w.GetDouble(1).ToString("R", CultureInfo.InvariantCulture)}..{w.GetDouble(2).ToString("R", CultureInfo.InvariantCulture)})");
        foreach (var p in Sql.Query(_c, "SELECT parameters, unit_years, definition FROM index_runs")) node.With("parameters", p.GetString(0)).With("unit_years", p.GetInt64(1)).With("definition", p.GetString(2));
        foreach (var n in Sql.Query(_c, "SELECT located, integrated, real_only, digital_subclasses, real_subclasses FROM patent_national WHERE year = $y", ("$y", year)))
            node.With("national", $"located {n.GetInt64(0)}, integrated {n.GetInt64(1)}, real-only {n.GetInt64(2)}, digital subclasses {n.GetInt64(3)}, real subclasses {n.GetInt64(4)}");
        node.From(Patents(code, year, "integrated"));
        return node;
    }

    private TraceNode Run()
    {
        var node = new TraceNode("run", "warehouse run");
        foreach (var r in Sql.Query(_c, "SELECT run_id, started_utc, finished_utc, tool_version, settings, mappings_hash, inputs_hash, panel_hash, commit_sha, code_dirty FROM runs ORDER BY run_id DESC LIMIT 1"))
            node.With("run_id", r.GetInt64(0)).With("finished", r.GetString(2)).With("tool_version", r.GetString(3)).With("commit", r.GetString(8))
                .With("code_dirty", r.GetInt64(9) != 0 ? "yes: the code had uncommitted changes" : "no").With("settings", r.GetString(4))
                .With("mappings_hash", r.GetString(5)).With("inputs_hash", r.GetString(6)).With("panel_hash", r.GetString(7));
        foreach (var m in Sql.Query(_c, "SELECT file, sha256 FROM mapping_files ORDER BY file")) node.With($"mappings/{m.GetString(0)}", m.GetString(1)[..16]);
        return node;
    }

    /// <inheritdoc />
    public void Dispose() => _c.Dispose();
}
