namespace Etl.Warehouse.Tests;

/// <summary>The packed column of the record index: what a writer packs reads back, also when the writer is reused.</summary>
public class PatentRecordRunsTests
{
    [Fact]
    public void A_reset_writer_packs_a_run_as_a_new_writer_does()
    {
        var reused = new PatentRecordRuns.Writer(firstLine: 10);
        reused.Add(12, 202_010_123_456L, IndexedRecord.DigitalFlag | IndexedRecord.IntegratedFlag, 0b101, [7, 9], [3]);
        reused.Add(40, 202_010_000_001L, IndexedRecord.RealOnlyFlag, 0, [], [1, 2]);

        reused.Reset(firstLine: 500);
        reused.Add(501, 201_810_000_777L, IndexedRecord.DigitalFlag, 0b10, [4], []);
        reused.Add(530, 201_810_000_700L, IndexedRecord.RealOnlyFlag, 0, [], [5]);

        var fresh = new PatentRecordRuns.Writer(firstLine: 500);
        fresh.Add(501, 201_810_000_777L, IndexedRecord.DigitalFlag, 0b10, [4], []);
        fresh.Add(530, 201_810_000_700L, IndexedRecord.RealOnlyFlag, 0, [], [5]);

        Assert.Equal(fresh.ToArray(), reused.ToArray());
        Assert.Equal((500L, 530L, 2, 1, 0, 1), (reused.FirstLine, reused.LastLine, reused.Records, reused.Digital, reused.Integrated, reused.RealOnly));
        var read = PatentRecordRuns.Read(reused.ToArray(), reused.FirstLine, reused.Records);
        Assert.Equal([(501L, 201_810_000_777L, 1, 2, "4", ""), (530L, 201_810_000_700L, 4, 0, "", "5")],
            read.Select(r => (r.Line, r.AppNo, r.Flags, r.Technologies, string.Join(",", r.Branches), string.Join(",", r.Industries))));
    }
}
