using System.Globalization;
using Etl.Patents;
using Etl.Warehouse;
using Microsoft.Data.Sqlite;

namespace Etl.Pipeline;

/// <summary>
/// The previous warehouse's record index of the exports that did not change, so that a build after one export changed
/// copies the other exports' packed runs instead of packing them again.
/// <para>
/// An unchanged export's kept records depend on its bytes, on the code, the mappings and the match mode (the
/// <see cref="KeySetting"/> the previous index was written under), and on one thing outside the export: which of its
/// records the de-duplication, spanning exports in file order, declares duplicates. A changed export earlier in the
/// order can change that: an application it no longer holds is kept from a later export instead. So the record writer
/// follows each unchanged export's records as the fold decides them (<see cref="Check"/>): while every duplicate falls
/// on a line the previous warehouse recorded as a duplicate, and no other, it packs nothing, and at the export's end it
/// copies the export's rows. At the first record decided otherwise it packs from there on, after first packing the
/// previous rows' records before that line, which were decided the same way both times. Either way the rows are what
/// a full refresh writes.
/// </para>
/// </summary>
internal sealed class CarriedRecordIndex
{
    /// <summary>The <c>patent_settings</c> row that names what the record index was written with.</summary>
    public const string KeySetting = "record_index_key";

    /// <summary>An unchanged export as the previous warehouse holds it: file id, duplicates' lines in order, kept records.</summary>
    public sealed record Export(string Path, long OldFileId, long[] DuplicateLines, long Kept);

    private readonly Export?[] _exports;

    private CarriedRecordIndex(Export?[] exports) => _exports = exports;

    /// <summary>An index that carries nothing (no previous warehouse, or a full refresh).</summary>
    public static CarriedRecordIndex None(int files) => new(new Export?[files]);

    /// <summary>The exports among <paramref name="files"/> (in the stage's order) whose rows the attached previous warehouse can give.</summary>
    public static CarriedRecordIndex Load(SqliteConnection c, IReadOnlyList<PatentFile> files, string key)
    {
        var exports = new Export?[files.Count];
        // An index written by other code, mappings or match mode holds other records: nothing is carried.
        if (Sql.Scalar(c, "SELECT value FROM old.patent_settings WHERE name = $n", ("$n", KeySetting)) as string != key) return new(exports);
        var stageIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++) stageIndex[files[i].Relative] = i;
        var unchanged = new Dictionary<long, int>();
        // An export that could not be read to its end last time (cut short by a read error, with the records read
        // before it kept, or rejected) may hold fewer rows there than reading it now gives: it is not carried.
        foreach (var r in Sql.Query(c, """
                     SELECT s.file_id, s.path, s.sha256 FROM old.source_files s
                     WHERE s.rejection IS NULL
                       AND NOT EXISTS (SELECT 1 FROM old.file_rules f WHERE f.file_id = s.file_id AND f.outcome = 'quarantined' AND f.rule = $readError)
                     """, ("$readError", PatentStage.ReadError)))
            if (stageIndex.TryGetValue(r.GetString(1), out var i) && files[i].Sha256 == r.GetString(2)) unchanged[r.GetInt64(0)] = i;
        var kept = new Dictionary<long, long>();
        foreach (var r in Sql.Query(c, "SELECT file_id, sum(records) FROM old.patent_records GROUP BY file_id")) kept[r.GetInt64(0)] = r.GetInt64(1);
        var lines = new Dictionary<long, List<long>>();
        foreach (var r in Sql.Query(c, "SELECT file_id, line FROM old.patent_duplicates ORDER BY file_id, line"))
        {
            if (!unchanged.ContainsKey(r.GetInt64(0))) continue;
            if (!lines.TryGetValue(r.GetInt64(0), out var list)) lines[r.GetInt64(0)] = list = [];
            list.Add(r.GetInt64(1));
        }
        foreach (var (id, i) in unchanged)
            exports[i] = new Export(files[i].Relative, id, lines.TryGetValue(id, out var l) ? [.. l] : [], kept.GetValueOrDefault(id));
        return new(exports);
    }

    /// <summary>The export at <paramref name="file"/> in the stage's order, if its rows can be carried.</summary>
    public Export? For(int file) => _exports[file];

    /// <summary>The previous rows of an export, in key order, as <c>patent_records</c> holds them.</summary>
    public static IEnumerable<(int Unit, int Year, List<IndexedRecord> Records)> Rows(SqliteConnection c, Export e)
    {
        foreach (var r in Sql.Query(c, "SELECT unit_code, year, first_line, records, packed FROM old.patent_records WHERE file_id = $f ORDER BY unit_code, year", ("$f", e.OldFileId)))
            yield return (int.Parse(r.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture), r.GetInt32(1),
                PatentRecordRuns.Read((byte[])r.GetValue(4), r.GetInt64(2), r.GetInt64(3)));
    }

    /// <summary>Copies an export's previous rows under its new file id, in the order the record writer writes rows.</summary>
    public static void Copy(SqliteConnection c, SqliteTransaction tx, Export e, long newFileId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO patent_records (unit_code, year, file_id, records, digital, integrated, real_only, first_line, last_line, packed)
            SELECT unit_code, year, $new, records, digital, integrated, real_only, first_line, last_line, packed
            FROM old.patent_records WHERE file_id = $old ORDER BY unit_code, year
            """;
        cmd.Parameters.AddWithValue("$new", newFileId);
        cmd.Parameters.AddWithValue("$old", e.OldFileId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Follows an unchanged export's records, in line order, as the fold decides them, against the previous warehouse's
    /// duplicates of it. A record decided otherwise ends the check (<see cref="Keep"/> or <see cref="Duplicate"/> returns
    /// false). A previous duplicate that no record of the export falls on means the previous warehouse does not hold
    /// what this export gives, which cannot happen to an export of the same bytes under the same key: that fails the build,
    /// as do more kept records than it recorded.
    /// </summary>
    public sealed class Check(Export export)
    {
        private int _next;
        private long _kept;

        public Export Export => export;

        /// <summary>The line of the last record met (0 before the first).</summary>
        public long LastLine { get; private set; }

        /// <summary>A kept record at <paramref name="line"/>; false when it was a duplicate before.</summary>
        public bool Keep(long line)
        {
            Skipped(line);
            if (_next < export.DuplicateLines.Length && export.DuplicateLines[_next] == line) return false;
            _kept++;
            LastLine = line;
            return true;
        }

        /// <summary>A duplicate at <paramref name="line"/>; false when it was kept before.</summary>
        public bool Duplicate(long line)
        {
            Skipped(line);
            if (_next >= export.DuplicateLines.Length || export.DuplicateLines[_next] != line) return false;
            _next++;
            LastLine = line;
            return true;
        }

        /// <summary>
        /// At the export's end: true when every record was decided as before, so its previous rows are its rows; false
        /// when the export ended before its last record there (a read error cut it short this time), so its rows are
        /// the previous rows' records up to <see cref="LastLine"/>.
        /// </summary>
        public bool Complete()
        {
            if (_next == export.DuplicateLines.Length && _kept == export.Kept) return true;
            if (_kept > export.Kept)
                throw Inconsistent($"{_kept} records kept where it recorded {export.Kept}");
            return false;
        }

        private void Skipped(long line)
        {
            if (_next < export.DuplicateLines.Length && export.DuplicateLines[_next] < line)
                throw Inconsistent(string.Create(CultureInfo.InvariantCulture, $"no record on line {export.DuplicateLines[_next]}, which it recorded as a duplicate"));
        }

        private BuildException Inconsistent(string what) =>
            new($"{export.Path}: the previous warehouse's record index does not match this export ({what}); rebuild with --full-refresh");
    }
}
