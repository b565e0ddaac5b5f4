using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>What one kind of source gave: files read and rejected, rows quarantined, and the commonest reasons.</summary>
/// <param name="Kind">yearbook, bulletin, patents or other.</param>
/// <param name="Files">Files of the kind.</param>
/// <param name="Read">Files read.</param>
/// <param name="Rejected">Files rejected as a whole and quarantined (an unsupported format, an encoding error, ...).</param>
/// <param name="Excluded">Files set aside by a rule (a county's bulletin, a system file, ...).</param>
/// <param name="RowsQuarantined">Rows, statements or records quarantined inside files that were read.</param>
/// <param name="TopReasons">The commonest reasons files were rejected or rows quarantined, with counts.</param>
public sealed record KindSummary(string Kind, int Files, int Read, int Rejected, int Excluded, long RowsQuarantined, IReadOnlyList<(string Reason, long Count)> TopReasons);

/// <summary>What a build read and what came of it, as a data engineer reads it at the end of a run.</summary>
/// <param name="Kinds">Per kind of source.</param>
/// <param name="PanelCities">Cities in the balanced panel.</param>
/// <param name="PanelYears">Years per city.</param>
/// <param name="Dropped">Cities of the universe left out of the panel.</param>
/// <param name="DropReasons">Why, commonest first (a missing key variable is named).</param>
/// <param name="UnreadStatements">Bulletin statements quarantined as unread.</param>
/// <param name="PatentsByYear">Located invention applications per year, nationally.</param>
public sealed record BuildSummary(IReadOnlyList<KindSummary> Kinds, int PanelCities, int PanelYears, int Dropped,
    IReadOnlyList<(string Reason, int Cities)> DropReasons, long UnreadStatements, IReadOnlyDictionary<int, long> PatentsByYear)
{
    /// <summary>What the build found wanting in its inputs (years the patent exports do not cover, ...).</summary>
    public List<string> Coverage { get; } = [];

    /// <summary>Applications exported twice with different contents (<c>patent_conflicts</c>).</summary>
    public long PatentConflicts { get; init; }

    /// <summary>A year's patent total falling below this share of the previous build's is a shrink.</summary>
    public const double ShrinkShare = 0.5;

    /// <summary>The panel falling below this share of the previous build's rows is a shrink.</summary>
    public const double PanelShrinkShare = 0.9;

    /// <summary>Files read, of every kind.</summary>
    public int FilesRead => Kinds.Where(k => k.Kind != "other").Sum(k => k.Read);

    /// <summary>Files rejected and quarantined, of every kind.</summary>
    public int FilesRejected => Kinds.Sum(k => k.Rejected);

    /// <summary>Reads the summary from a finished warehouse connection.</summary>
    internal static BuildSummary Read(SqliteConnection c)
    {
        var kinds = new List<KindSummary>();
        foreach (var r in Sql.Query(c, """
                     SELECT kind, count(*),
                       sum(rejection IS NULL),
                       sum(rejection IS NOT NULL AND rows_quarantined > 0),
                       sum(rejection IS NOT NULL AND rows_quarantined = 0),
                       coalesce(sum(CASE WHEN rejection IS NULL THEN rows_quarantined END), 0)
                     FROM source_files GROUP BY kind ORDER BY kind
                     """).Select(r => (Kind: r.GetString(0), Files: r.GetInt32(1), Read: r.GetInt32(2), Rejected: r.GetInt32(3), Excluded: r.GetInt32(4), Rows: r.GetInt64(5))).ToList())
        {
            var reasons = Sql.Query(c, """
                SELECT f.rule, sum(f.rows) FROM file_rules f JOIN source_files s USING (file_id)
                WHERE s.kind = $kind AND f.outcome IN ('quarantined', 'rejected_value')
                GROUP BY f.rule ORDER BY sum(f.rows) DESC, f.rule LIMIT 3
                """, ("$kind", r.Kind)).Select(x => (x.GetString(0), x.GetInt64(1))).ToList();
            kinds.Add(new KindSummary(r.Kind, r.Files, r.Read, r.Rejected, r.Excluded, r.Rows, reasons));
        }
        var cities = Convert.ToInt32(Sql.Scalar(c, "SELECT count(DISTINCT city_code) FROM panel"), CultureInfo.InvariantCulture);
        var rows = Convert.ToInt32(Sql.Scalar(c, "SELECT count(*) FROM panel"), CultureInfo.InvariantCulture);
        var drops = new Dictionary<string, int>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var r in Sql.Query(c, "SELECT reason, detail FROM dropped_cities"))
        {
            dropped++;
            var reason = r.GetString(0);
            if (reason == "missing_key_variable")
                foreach (var part in r.GetString(1).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = $"missing {part.Split(' ')[0]}";
                    drops[name] = drops.GetValueOrDefault(name) + 1;
                }
            else drops[reason] = drops.GetValueOrDefault(reason) + 1;
        }
        var unread = Convert.ToInt64(Sql.Scalar(c, "SELECT coalesce(sum(rows), 0) FROM file_rules WHERE rule = 'unread_statement'"), CultureInfo.InvariantCulture);
        var patents = Sql.Query(c, "SELECT year, located FROM patent_national").ToDictionary(r => r.GetInt32(0), r => r.GetInt64(1));
        return new BuildSummary(kinds, cities, cities == 0 ? 0 : rows / cities, dropped,
            drops.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList(), unread, patents)
        {
            PatentConflicts = Convert.ToInt64(Sql.Scalar(c, "SELECT count(*) FROM patent_conflicts"), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The lines printed at the end of a build.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var k in Kinds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {k.Kind,-9} {k.Files,6} files: {k.Read} read, {k.Rejected} rejected, {k.Excluded} set aside by rule; {k.RowsQuarantined} rows quarantined");
            if (k.TopReasons.Count > 0) sb.Append("; top reasons: ").Append(string.Join(", ", k.TopReasons.Select(r => $"{r.Reason} {r.Count.ToString(CultureInfo.InvariantCulture)}")));
            sb.AppendLine();
        }
        sb.Append(CultureInfo.InvariantCulture, $"  panel     {PanelCities} cities x {PanelYears} years = {PanelCities * PanelYears} city-years; {Dropped} cities dropped");
        if (DropReasons.Count > 0) sb.Append(" (").Append(DropReasons.Take(4).Select(d => $"{d.Reason} {d.Cities.ToString(CultureInfo.InvariantCulture)}").Aggregate((a, b) => $"{a}, {b}")).Append(')');
        if (UnreadStatements > 0) sb.AppendLine().Append(CultureInfo.InvariantCulture, $"  {UnreadStatements} bulletin statements quarantined as unread_statement (see the quarantine table)");
        if (PatentConflicts > 0)
            sb.AppendLine().Append(CultureInfo.InvariantCulture, $"  {PatentConflicts} applications were exported twice with different contents; the first in export order is counted (patent_conflicts)");
        foreach (var note in Coverage) sb.AppendLine().Append("  coverage: ").Append(note);
        return sb.ToString();
    }

    /// <summary>
    /// How this build shrinks against the previous warehouse, in words (empty when it does not): a source kind
    /// with files read before and none now, a year's located patent applications below <see cref="ShrinkShare"/> of
    /// the previous count, a panel below <see cref="PanelShrinkShare"/> of the previous rows.
    /// </summary>
    public List<string> ShrinksAgainst(BuildSummary previous)
    {
        var shrinks = new List<string>();
        foreach (var k in previous.Kinds.Where(k => k.Kind != "other" && k.Read > 0))
            if (Kinds.FirstOrDefault(x => x.Kind == k.Kind) is not { Read: > 0 })
                shrinks.Add($"no {k.Kind} file is read, where the previous build read {k.Read}");
        foreach (var (year, before) in previous.PatentsByYear.OrderBy(kv => kv.Key))
        {
            var now = PatentsByYear.GetValueOrDefault(year);
            if (before > 0 && now < ShrinkShare * before)
                shrinks.Add(string.Create(CultureInfo.InvariantCulture, $"{year} has {now} located patent applications, where the previous build had {before}"));
        }
        var rowsBefore = previous.PanelCities * previous.PanelYears;
        var rowsNow = PanelCities * PanelYears;
        if (rowsBefore > 0 && rowsNow < PanelShrinkShare * rowsBefore)
            shrinks.Add(string.Create(CultureInfo.InvariantCulture, $"the panel has {rowsNow} city-years, where the previous build had {rowsBefore}"));
        return shrinks;
    }

    /// <summary>Why the build cannot stand as a warehouse (no file read, an empty panel, or, when strict, a rejected file or an unread statement); null when it can.</summary>
    public string? Failure(bool strict)
    {
        if (FilesRead == 0)
        {
            var reasons = Kinds.SelectMany(k => k.TopReasons).GroupBy(r => r.Reason).Select(g => (g.Key, g.Sum(x => x.Count))).OrderByDescending(x => x.Item2).Take(3).ToList();
            return Kinds.Sum(k => k.Files) == 0 ? "no raw file was found: the raw folder holds no yearbook/, bulletins/ or patents/ files"
                : $"no raw file could be read ({Kinds.Sum(k => k.Files)} files, all rejected or set aside: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Item2}"))})";
        }
        if (PanelCities == 0)
            return $"the panel is empty: all {Dropped} cities were dropped; commonest reasons: {string.Join(", ", DropReasons.Take(3).Select(d => $"{d.Reason} ({d.Cities} cities)"))}"
                   + (Coverage.Count > 0 ? $"; {string.Join("; ", Coverage.Take(3))}" : "");
        if (strict && (FilesRejected > 0 || UnreadStatements > 0))
            return $"--strict: {FilesRejected} files rejected and {UnreadStatements} statements unread (see source_files.rejection and the quarantine table)";
        return null;
    }
}
