using Etl.Pipeline;
using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Tests;

/// <summary>
/// The pass that compares each duplicate with the record kept for its application, on a record index of three hand-packed
/// records and four duplicates whose conflicts, and their wording, are written out by hand below.
/// </summary>
public class ConflictPassTests
{
    // Kept records, all in file 1: (key, line, unit, year, flags, technologies). C has an eight-digit number, which the
    // fold keys 10^12 above its digits and the record index stores as the digits' value.
    private static readonly (long Key, long Stored, long Line, int Unit, short Year, byte Flags, byte Tech) A = (202_010_123_456, 202_010_123_456, 5, 440300, 2020, 3, 1);
    private static readonly (long Key, long Stored, long Line, int Unit, short Year, byte Flags, byte Tech) B = (201_810_000_777, 201_810_000_777, 9, 440300, 2018, 4, 0);
    private static readonly (long Key, long Stored, long Line, int Unit, short Year, byte Flags, byte Tech) C = (1_000_012_345_678, 12_345_678, 12, 440100, 2012, 0, 0);

    private static PatentTables.DuplicateRecord Duplicate(long key, long line, int unit, short year, byte flags, byte tech) =>
        new(key, new KeptDetails(2, line, unit, year, flags, tech));

    /// <summary>Duplicates in file 2, out of line order: A's is identical, B's and C's differ, and one has no kept record.</summary>
    private static List<PatentTables.DuplicateRecord> Duplicates() =>
    [
        Duplicate(B.Key, 20, 440100, 2018, 1, 0),
        Duplicate(A.Key, 30, 440300, 2020, 3, 1),
        Duplicate(C.Key, 10, 440100, 2013, 0, 4),
        Duplicate(209_910_000_001, 40, 440300, 2020, 1, 1),
    ];

    private const string Rule = PatentTables.DuplicateRule;

    private static readonly object[][] s_expected =
    [
        ["12345678", 1L, 12L, 2L, 10L, "440100", 2012L, "year 2012 vs 2013; technologies 0 vs 4", Rule],
        ["201810000777", 1L, 9L, 2L, 20L, "440300", 2018L, "unit 440300 vs 440100; digital 0 vs 1; real_only 1 vs 0", Rule],
    ];

    [Fact]
    public void Conflicts_found_by_scanning_the_record_index_are_written_in_file_and_line_order()
    {
        Assert.Equal(s_expected, Conflicts(atHand: null, out var count));
        Assert.Equal(2, count);
    }

    [Fact]
    public void A_kept_record_at_hand_is_used_and_a_watched_number_not_kept_in_the_fold_is_scanned_for()
    {
        // B's kept record at hand (a number the previous build saw duplicated), given here at another line than the
        // index's so that the row shows where it came from; C was watched too but not met as kept in the fold, so the
        // scan finds it.
        var atHand = new KeptByNumber([B.Stored, C.Stored, 111_111_111]);
        atHand.Keep(B.Stored, new KeptDetails(1, 99, B.Unit, B.Year, B.Flags, B.Tech));
        var expected = s_expected.Select(row => (object[])row.Clone()).ToArray();
        expected[1][2] = 99L;
        Assert.Equal(expected, Conflicts(atHand, out var count));
        Assert.Equal(2, count);
    }

    [Fact]
    public void No_duplicates_write_no_conflicts() => Assert.Equal([], Conflicts(atHand: null, out _, duplicates: []));

    [Fact]
    public void The_fold_and_the_record_index_mark_the_classes_with_the_same_bits()
    {
        // The pass compares a duplicate's flags, as the fold set them, with a kept record's, as the index reads them.
        Assert.Equal(IndexedRecord.DigitalFlag, Etl.Patents.Aggregation.RecordBatch.DigitalFlag);
        Assert.Equal(IndexedRecord.IntegratedFlag, Etl.Patents.Aggregation.RecordBatch.IntegratedFlag);
        Assert.Equal(IndexedRecord.RealOnlyFlag, Etl.Patents.Aggregation.RecordBatch.RealOnlyFlag);
    }

    [Fact]
    public void The_set_of_wanted_numbers_holds_each_once_and_keeps_only_its_own()
    {
        List<long> given = [30, 10, 20, 10, 30];
        var set = new KeptByNumber(given);
        Assert.Equal(3, set.Count);
        Assert.Equal([10L, 20L, 30L], given);
        Assert.True(set.Contains(10) && set.Contains(20) && set.Contains(30));
        Assert.False(set.Contains(15) || set.Contains(0) || set.Contains(31));
        Assert.False(set.TryGet(20, out _));
        set.Keep(20, new KeptDetails(7, 8, 440300, 2015, 1, 2));
        set.Keep(25, new KeptDetails(7, 9, 440300, 2015, 1, 2));
        Assert.True(set.TryGet(20, out var kept));
        Assert.Equal(new KeptDetails(7, 8, 440300, 2015, 1, 2), kept);
        Assert.False(set.TryGet(25, out _));

        // Against a hash set on many numbers, members and not.
        var rng = new Random(3);
        var numbers = Enumerable.Range(0, 50_000).Select(_ => rng.NextInt64(1, 300_000_000_000)).ToList();
        var oracle = numbers.ToHashSet();
        var big = new KeptByNumber([.. numbers]);
        Assert.Equal(oracle.Count, big.Count);
        Assert.All(numbers.Take(5_000), n => Assert.True(big.Contains(n)));
        var others = Enumerable.Range(0, 50_000).Select(_ => rng.NextInt64(1, 300_000_000_000));
        Assert.All(others, n => Assert.Equal(oracle.Contains(n), big.Contains(n)));
    }

    private static object[][] Conflicts(KeptByNumber? atHand, out long count, List<PatentTables.DuplicateRecord>? duplicates = null)
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        Sql.Execute(c, "CREATE TABLE patent_records (unit_code TEXT, year INTEGER, file_id INTEGER, records INTEGER, first_line INTEGER, packed BLOB)");
        Sql.Execute(c, """
            CREATE TABLE patent_conflicts (app_no TEXT, kept_file_id INTEGER, kept_line INTEGER, other_file_id INTEGER, other_line INTEGER,
              kept_unit TEXT, kept_year INTEGER, differs TEXT, rule TEXT)
            """);
        using var tx = c.BeginTransaction();
        foreach (var r in new[] { A, B, C })
        {
            var run = new PatentRecordRuns.Writer(r.Line);
            run.Add(r.Line, r.Stored, r.Flags, r.Tech, [], []);
            using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO patent_records VALUES ($unit, $year, 1, 1, $line, $packed)";
            insert.Parameters.AddWithValue("$unit", r.Unit.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$year", r.Year);
            insert.Parameters.AddWithValue("$line", r.Line);
            insert.Parameters.AddWithValue("$packed", run.ToArray());
            insert.ExecuteNonQuery();
        }
        count = PatentTables.WriteConflicts(c, tx, threads: 2, duplicates ?? Duplicates(), atHand);
        return [.. Sql.Query(c, "SELECT * FROM patent_conflicts").Select(r => Enumerable.Range(0, r.FieldCount).Select(r.GetValue).ToArray())];
    }
}
