using System.Globalization;
using System.Text;
using Etl.Domain;
using Etl.Patents.Reading;

namespace Etl.Bench.PatentBench;

/// <summary>
/// The SQL with which DuckDB does what <c>etl patents</c> does: it writes a record index (one row per kept
/// application: its export, number, unit, year and class flags, clustered by unit and year) and computes the
/// city-year counts from it. Where it follows the stage's rules more loosely, <see cref="Simplifications"/> says
/// so (the report prints them next to the cross-check).
/// </summary>
internal static class DuckDbPatentSql
{
    /// <summary>Where the query's rules differ from the stage's, in the words of the report.</summary>
    public static readonly IReadOnlyList<string> Simplifications =
    [
        "digital = some code fits some KDT pattern and some KDT keyword occurs in title or abstract (the stage wants a keyword of that code's own branch); every code fitting a pattern then counts as digital, never as real-economy",
        "addresses: country and province prefix stripped, then the longest known place name (city alias or county-level name of the year, else of another year, designating one unit); no whitespace or full-width folding, no province check",
        "application numbers are not check-digit validated; dates give their first four digits as the year without validating month and day",
        "codes of subclasses the IPC does not have are kept; subgroup-tree patterns (G06F3/048*) are compared with the digits as printed",
        "duplicates of an application are merged (unit and year: the smallest; digital and real: any record; export: the first in path order) instead of the first record in file order being kept",
        "the record index names each kept application's export but not its line: DuckDB's CSV reader does not give line numbers",
    ];

    /// <summary>Statements that create and fill the two lookup tables (place names, real-economy classes).</summary>
    public static IEnumerable<string> Setup(PatentPatterns p)
    {
        yield return "CREATE TEMP TABLE place_names (name VARCHAR, year_from INTEGER, year_to INTEGER, unit INTEGER)";
        foreach (var chunk in p.Places.Chunk(1000))
            yield return "INSERT INTO place_names VALUES " + string.Join(", ", chunk.Select(n =>
                string.Create(CultureInfo.InvariantCulture, $"({SqlRegex.SqlString(n.Name)}, {n.From}, {n.To}, {(n.Unit is { } u ? u.ToString(CultureInfo.InvariantCulture) : "NULL")})")));
        // The concordance's rows: a class, a subclass or a main group, each real or not; a code takes the most specific.
        yield return "CREATE TEMP TABLE ipc_sectors (symbol VARCHAR, is_real BOOLEAN)";
        yield return "INSERT INTO ipc_sectors VALUES " + string.Join(", ", p.Sectors.Select(c => $"({SqlRegex.SqlString(c.Symbol)}, {(c.Real ? "true" : "false")})"));
    }

    /// <summary>The record index's table, which <see cref="Records"/> creates and <see cref="Counts"/> reads.</summary>
    public const string RecordTable = "patent_records";

    /// <summary>The city-year counts from the record index: unit, year, inventions, digital, integrated, real-only.</summary>
    public const string Counts = $"""
        SELECT unit, year, count(*) AS inventions, count_if(digital) AS digital, count_if(integrated) AS integrated, count_if(real_only) AS real_only
        FROM {RecordTable}
        GROUP BY unit, year
        ORDER BY unit, year
        """;

    /// <summary>The statement that reads every export and writes the record index, one row per kept application.</summary>
    public static string Records(IReadOnlyList<DuckDbInput> inputs, PatentPatterns p)
    {
        var sources = string.Join("\n    UNION ALL\n    ", inputs.GroupBy(i => i.Layout, StringComparer.Ordinal).Select(g => Source(g.ToList())));
        var (fullWidth, halfWidth) = WidthTables();
        var names = SqlRegex.SqlString(p.PlaceNames);
        // DuckDB computes the upper-cased text once for all the chunks (common subexpression).
        var keywords = "(" + string.Join(" OR ", p.Keywords.Select(k => $"regexp_matches(upper(concat_ws(chr(10), ti, ab)), {SqlRegex.SqlString(k)})")) + ")";
        var codes = $$"""
            regexp_extract_all(
                regexp_replace(
                    regexp_replace(upper(translate(concat_ws(';', ipc, main_ipc), {{SqlRegex.SqlString(fullWidth)}}, {{SqlRegex.SqlString(halfWidth)}})),
                        '([A-H][0-9]{2}[A-Z])([0-9]{4})([0-9]{6})', '\1\2/\3', 'g'),
                    '([A-H][0-9]{2}[A-Z])[ -]*0*([0-9]{1,4})/', '\1\2/', 'g'),
                '[A-H][0-9]{2}[A-Z][0-9]{1,4}/[0-9]{1,6}')
            """;
        return $$"""
            CREATE TABLE {{RecordTable}} AS
            WITH src AS (
                {{sources}}
            ),
            parsed AS (
                SELECT regexp_replace(coalesce(an, ''), '[^0-9]', '', 'g') AS digits,
                       trim(coalesce(ptype, '')) AS ptype,
                       TRY_CAST(regexp_extract(coalesce(ad, ''), '^\s*([0-9]{4})', 1) AS INTEGER) AS year,
                       file, addr, ipc, main_ipc, ti, ab
                FROM src
            ),
            kept AS (
                SELECT substr(digits, 1, CASE WHEN length(digits) IN (8, 9) THEN 8 ELSE 12 END) AS app_key, year,
                       coalesce(addr, '') AS addr, regexp_extract(coalesce(addr, ''), {{SqlRegex.SqlString(p.Provinces)}}, 0) AS province,
                       file, ipc, main_ipc, ti, ab
                FROM parsed
                WHERE year BETWEEN {{PanelYears.First}} AND {{PanelYears.Last}} AND length(digits) IN (8, 9, 12, 13)
                  AND CASE WHEN ptype LIKE '发明%' OR lower(ptype) LIKE 'invention%' THEN true
                           WHEN ptype LIKE '%实用新型%' OR ptype LIKE '%外观%' OR lower(ptype) LIKE 'utility%' OR lower(ptype) LIKE 'design%' THEN false
                           ELSE substr(digits, CASE WHEN length(digits) IN (8, 9) THEN 3 ELSE 5 END, 1) IN ('1', '8') END
            ),
            placed AS (
                SELECT *, regexp_extract(addr, {{names}}, 0) AS whole FROM kept
            ),
            named AS (
                -- A city name longer than the province name it starts with wins (吉林市 is a city, 吉林省长春市 is not), as in the stage.
                SELECT *, CASE WHEN length(whole) > length(province) THEN whole ELSE regexp_extract(substr(addr, length(province) + 1), {{names}}, 0) END AS place
                FROM placed
            ),
            located AS (
                SELECT k.file, k.app_key, k.year, n.unit, {{codes}} AS codes, k.ti, k.ab
                FROM named k JOIN place_names n ON n.name = k.place AND k.year BETWEEN n.year_from AND n.year_to
                WHERE n.unit IS NOT NULL
            ),
            flagged AS (
                SELECT file, app_key, year, unit, codes, list_transform(codes, c -> regexp_matches(c, {{SqlRegex.SqlString(p.KdtCodes)}})) AS kdt, ti, ab
                FROM located
                WHERE len(codes) > 0
            ),
            confirmed AS (
                SELECT file, app_key, year, unit, codes, kdt,
                       CASE WHEN list_bool_or(kdt) THEN {{keywords}} ELSE false END AS confirmed
                FROM flagged
            ),
            per_code AS (
                SELECT file, app_key, year, unit, confirmed, unnest(codes) AS code, unnest(kdt) AS kdt_code
                FROM confirmed
            ),
            per_app AS (
                SELECT c.app_key, min(c.file) AS file, min(c.unit) AS unit, min(c.year) AS year,
                       bool_or(c.confirmed AND c.kdt_code) AS digital,
                       bool_or(coalesce(g.is_real, s.is_real, k.is_real, false) AND NOT (c.confirmed AND c.kdt_code)) AS has_real
                FROM per_code c
                LEFT JOIN ipc_sectors g ON g.symbol = split_part(c.code, '/', 1)
                LEFT JOIN ipc_sectors s ON s.symbol = substr(c.code, 1, 4)
                LEFT JOIN ipc_sectors k ON k.symbol = substr(c.code, 1, 3)
                GROUP BY c.app_key
            )
            SELECT file, app_key, unit, year, digital, digital AND has_real AS integrated, NOT digital AND has_real AS real_only
            FROM per_app
            ORDER BY unit, year, file, app_key
            """;
    }

    /// <summary>One read_csv over every file of a layout (DuckDB then reads those files in parallel), all columns VARCHAR.</summary>
    private static string Source(IReadOnlyList<DuckDbInput> files)
    {
        var first = files[0];
        string Column(ExportField f) => first[f] >= 0 ? "c" + first[f].ToString(CultureInfo.InvariantCulture) : "NULL::VARCHAR";
        var columns = string.Join(", ", Enumerable.Range(0, first.FieldCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"'c{i}': 'VARCHAR'")));
        var paths = string.Join(", ", files.Select(f => SqlRegex.SqlString(f.Path)));
        // The export each row comes from, by its path under the raw folder (DuckDB's filename is the copy it read).
        var exports = "CASE filename " + string.Join(" ", files.Select(f => $"WHEN {SqlRegex.SqlString(f.Path)} THEN {SqlRegex.SqlString(f.Export)}")) + " END";
        return $"SELECT {exports} AS file, {Column(ExportField.ApplicationNumber)} AS an, {Column(ExportField.ApplicationDate)} AS ad, {Column(ExportField.Type)} AS ptype, "
            + $"{Column(ExportField.Title)} AS ti, {Column(ExportField.Abstract)} AS ab, {Column(ExportField.Address)} AS addr, "
            + $"{Column(ExportField.Ipc)} AS ipc, {Column(ExportField.MainIpc)} AS main_ipc "
            + $"FROM read_csv([{paths}], header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            + $"columns = {{{columns}}}, ignore_errors = true, strict_mode = false, filename = true, max_line_size = {ExportReader.MaxRecordBytes})";
    }

    /// <summary>Full-width ASCII (U+FF01-U+FF5E) and its half-width twins, for translate().</summary>
    private static (string Full, string Half) WidthTables()
    {
        var full = new StringBuilder();
        var half = new StringBuilder();
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            full.Append(c);
            half.Append(Etl.Domain.Text.TextNormalizer.ToHalfWidth(c));
        }
        return (full.ToString(), half.ToString());
    }
}
