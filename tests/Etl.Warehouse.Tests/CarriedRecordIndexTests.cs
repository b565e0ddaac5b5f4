using Etl.Patents;
using Etl.Patents.Aggregation;
using Etl.Pipeline;
using Etl.Testing;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Tests;

/// <summary>
/// The record writer copying unchanged exports' runs from the previous warehouse (<see cref="CarriedRecordIndex"/>):
/// whatever it copies or packs again, the rows equal those of a writer that packs every record. Small hand-made
/// exports, so that the records whose duplicate status changes sit in the middle of an export, after records the
/// writer must take from the previous rows.
/// </summary>
public class CarriedRecordIndexTests
{
    private const string Key = "0123456789abcdef";

    /// <summary>A record of an export: line, application key, unit, year, class flags, industries and branch indices.</summary>
    private sealed record Rec(long Line, long Key, int Unit, int Year, byte Flags, ushort[] Industries, ushort[] Branches);

    private sealed record Export(string Path, string Sha, Rec[] Records);

    private static Rec R(long line, long key, int unit = 440300, int year = 2018, byte flags = RecordBatch.DigitalFlag, ushort[]? industries = null, ushort[]? branches = null) =>
        new(line, key, unit, year, flags, industries ?? [], branches ?? [(ushort)(line % 3)]);

    // Four exports in file order. The application 201810000050 of export b (line 30) repeats one of export a; 201810000090
    // of export c (line 40) appears nowhere else; export d shares nothing.
    private static readonly Export A = new("patents/2018/a.csv", "sha-a", [R(2, 201810000001), R(3, 201810000050, 110100), R(4, 201810000002, year: 2019)]);
    private static readonly Export B = new("patents/2018/b.csv", "sha-b",
        [R(2, 201810000011), R(5, 201810000012, 110100, industries: [1, 2]), R(9, 201810000013, year: 2019), R(30, 201810000050, 310100),
         R(31, 201810000014), R(40, 201810000015, 110100, flags: RecordBatch.RealOnlyFlag, industries: [0])]);
    private static readonly Export C = new("patents/2018/c.csv", "sha-c",
        [R(2, 201810000021, 310100), R(7, 201810000022), R(8, 201810000022), R(40, 201810000090, 110100), R(41, 201810000023, year: 2019)]);
    private static readonly Export D = new("patents/2019/d.csv", "sha-d", [R(2, 201910000001, year: 2019), R(5, 201910000002, 110100, year: 2019)]);

    // The corrected download of export a: without the application export b repeats, with the one export c holds.
    private static readonly Export ACorrected = new("patents/2018/a.csv", "sha-a2", [R(2, 201810000001), R(4, 201810000002, year: 2019), R(6, 201810000090, 440300)]);

    [Fact]
    public void Unchanged_exports_are_copied_or_packed_again_and_the_rows_equal_packing_every_record()
    {
        using var dir = new TempDirectory("carried");
        var old = Build(dir.File("old.db"), [A, B, C, D], previous: null);
        Assert.Equal((0, 0), old);

        // b keeps 201810000050 on line 30 (a duplicate before), c no longer keeps 201810000090 on line 40; d is as it was.
        Assert.Equal((1, 2), CarriedEqualsPacked(dir, "new", [ACorrected, B, C, D], dir.File("old.db")));
    }

    [Fact]
    public void An_export_cut_short_this_time_or_last_time_is_packed_not_copied()
    {
        using var dir = new TempDirectory("carried-short");
        Build(dir.File("old.db"), [A, B, C, D], previous: null);

        // A read error ends export d after its first record: the same bytes, fewer records folded.
        var shortD = D with { Records = D.Records[..1] };
        Assert.Equal((0, 3), CarriedEqualsPacked(dir, "new", [ACorrected, B, C, shortD], dir.File("old.db")));

        // The previous warehouse read export d only up to a read error, keeping the record before it, or rejected it
        // as unreadable: either way its rows there are not the export's rows.
        Build(dir.File("short.db"), [A, B, C, shortD], previous: null);
        using (var c = Sql.Open(dir.File("short.db")))
            Sql.Execute(c, "INSERT INTO file_rules SELECT file_id, 'quarantined', 'read_error', 1 FROM source_files WHERE path = 'patents/2019/d.csv'");
        Assert.Equal((0, 2), CarriedEqualsPacked(dir, "again", [ACorrected, B, C, D], dir.File("short.db")));
        Build(dir.File("short-rejected.db"), [A, B, C, shortD], previous: null);
        using (var c = Sql.Open(dir.File("short-rejected.db")))
            Sql.Execute(c, "UPDATE source_files SET rejection = 'read_error' WHERE path = 'patents/2019/d.csv'");
        Assert.Equal((0, 2), CarriedEqualsPacked(dir, "rejected", [ACorrected, B, C, D], dir.File("short-rejected.db")));
    }

    [Fact]
    public void Nothing_is_copied_from_an_index_written_under_another_key()
    {
        using var dir = new TempDirectory("carried-key");
        Build(dir.File("old.db"), [A, B, C, D], previous: null, key: "fedcba9876543210");
        Assert.Equal((0, 0), CarriedEqualsPacked(dir, "new", [ACorrected, B, C, D], dir.File("old.db")));
    }

    [Fact]
    public void A_previous_index_that_does_not_match_an_unchanged_export_fails_the_build_plainly()
    {
        using var dir = new TempDirectory("carried-bad");
        Build(dir.File("old.db"), [A, B, C, D], previous: null);
        using (var c = Sql.Open(dir.File("old.db")))
        using (var cmd = c.CreateCommand())
        {
            // A duplicate on a line between two records of export d, where it has none.
            cmd.CommandText = "INSERT INTO patent_duplicates VALUES (4, 4, '201910000001', '440300', 2019, 1, 0, 0, 0)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<BuildException>(() => Build(dir.File("new.db"), [ACorrected, B, C, D], previous: dir.File("old.db")));
        Assert.StartsWith("patents/2019/d.csv: the previous warehouse's record index does not match this export", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("rebuild with --full-refresh", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Builds <paramref name="exports"/> twice, carrying from <paramref name="previous"/> and packing every record, and
    /// asserts the record index rows are the same; returns (exports copied, exports packed again) of the carrying build.
    /// </summary>
    private static (int Copied, int Repacked) CarriedEqualsPacked(TempDirectory dir, string name, Export[] exports, string previous)
    {
        var counts = Build(dir.File($"{name}.db"), exports, previous);
        Build(dir.File($"{name}-packed.db"), exports, previous: null);
        Assert.Equal(Rows(dir.File($"{name}-packed.db")), Rows(dir.File($"{name}.db")));
        return counts;
    }

    /// <summary>
    /// Writes <paramref name="exports"/> through a record writer into a new warehouse at <paramref name="path"/>, the
    /// fold's decisions made as the stage makes them (the first record of an application is kept, in file and line
    /// order), carrying from <paramref name="previous"/> when given. Returns (exports copied, exports packed again).
    /// </summary>
    private static (int Copied, int Repacked) Build(string path, Export[] exports, string? previous, string key = Key)
    {
        using var c = Sql.Open(path);
        WarehouseSchema.Create(c, RepoPaths.LoadedMappings.Variables);
        if (previous is not null)
        {
            using var attach = c.CreateCommand();
            attach.CommandText = $"ATTACH DATABASE '{previous}' AS old";
            attach.ExecuteNonQuery();
        }
        using var tx = c.BeginTransaction();
        // File ids differ from the previous warehouse's, as they do when the raw folder gains a file.
        var fileIds = exports.Select((_, i) => previous is null ? i + 1L : i + 11L).ToList();
        for (var i = 0; i < exports.Length; i++)
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO source_files VALUES ($id, $path, 'patents', $sha, 0, '', '', 'utf-8', '', 0, 0, 0, 0, 0, 0, 0, NULL)";
            cmd.Parameters.AddWithValue("$id", fileIds[i]);
            cmd.Parameters.AddWithValue("$path", exports[i].Path);
            cmd.Parameters.AddWithValue("$sha", exports[i].Sha);
            cmd.ExecuteNonQuery();
        }
        var files = exports.Select(x => new PatentFile(x.Path, x.Path, x.Sha, 0)).ToList();
        var carried = previous is null ? CarriedRecordIndex.None(files.Count) : CarriedRecordIndex.Load(c, files, Key);
        var writer = new PatentTables.RecordWriter(c, tx, fileIds, ["C10", "C26", "C29"], [101, 102, 103], carried: carried);
        using (writer)
        {
            var seen = new HashSet<long>();
            var slots = new Dictionary<(int, int), int>();
            for (var f = 0; f < exports.Length; f++)
                foreach (var r in exports[f].Records)
                {
                    var kept = seen.Add(r.Key);
                    var slot = kept ? slots.TryGetValue((r.Unit, r.Year), out var s) ? s : slots[(r.Unit, r.Year)] = slots.Count : -1;
                    var record = new KeptRecord(f, r.Line, r.Key, r.Unit, r.Year, r.Flags, 1, slot);
                    if (kept) writer.Add(record, r.Industries, r.Branches);
                    else writer.Duplicate(record);
                }
            writer.Finish();
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO patent_settings VALUES ($n, $v)";
            cmd.Parameters.AddWithValue("$n", CarriedRecordIndex.KeySetting);
            cmd.Parameters.AddWithValue("$v", key);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return (writer.ExportsCopied, writer.ExportsRepacked);
    }

    /// <summary>The record index rows, with file ids made positions in file order, and each run's records decoded.</summary>
    private static List<string> Rows(string path)
    {
        using var c = SqliteRows.Open(path);
        return SqliteRows.Rows(c, """
                SELECT unit_code, year, (SELECT count(*) FROM source_files s WHERE s.file_id <= r.file_id), records, digital, integrated, real_only,
                  first_line, last_line, packed FROM patent_records r ORDER BY 3, 1, 2
                """)
            .Select(r => string.Join('|', r.Take(9).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))
                         + '|' + string.Join(';', PatentRecordRuns.Read((byte[])r[9]!, (long)r[7]!, (long)r[3]!)
                             .Select(x => $"{x.Line},{x.AppNo},{x.Flags},{x.Technologies},{string.Join(' ', x.Branches)},{string.Join(' ', x.Industries)}")))
            .ToList();
    }
}
