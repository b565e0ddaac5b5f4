using Etl.Patents.Aggregation;

namespace Etl.Patents.Tests;

/// <summary>
/// A batch's memory is bounded whatever its records carry: IPC-only matching confirms dozens of branches a record,
/// and pooled batches are reused for the whole corpus, so a batch that kept the largest room it ever needed made
/// peak memory grow with the corpus.
/// </summary>
public class RecordBatchTests
{
    [Fact]
    public void A_batch_of_long_runs_is_full_before_it_has_its_record_capacity()
    {
        var batch = new RecordBatch();
        // 60 branches a record: 63 values in the run with the two list lengths and one industry.
        var branches = Enumerable.Range(0, 60).ToList();
        var records = 0;
        while (!batch.IsFull)
        {
            batch.Add(201810000000L + records, records + 2, 440300, 2018, RecordBatch.DigitalFlag, 1, [3], branches, [], []);
            records++;
        }
        Assert.True(records < RecordBatch.Capacity, $"{records} records");
        Assert.True(batch.Extra.Count <= RecordBatch.ExtraCapacity, $"{batch.Extra.Count} values");
        Assert.Equal(RecordBatch.ExtraCapacity, batch.Extra.Capacity);
    }

    [Fact]
    public void Clearing_gives_back_the_room_one_very_long_run_took()
    {
        var batch = new RecordBatch();
        var huge = Enumerable.Range(0, RecordBatch.ExtraCapacity + 500).Select(i => (ushort)(i % 900)).ToArray();
        batch.Add(201810000001L, 2, 440300, 2018, RecordBatch.DigitalFlag, 1, huge);
        Assert.True(batch.IsFull);
        Assert.Equal(huge.Length, batch.Extra.Count);
        Assert.True(batch.Extra.Capacity > RecordBatch.ExtraCapacity);

        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.Equal(RecordBatch.ExtraCapacity, batch.Extra.Capacity);
        Assert.False(batch.IsFull);
    }

    [Fact]
    public void Short_runs_fill_the_batch_by_record_count()
    {
        var batch = new RecordBatch();
        var records = 0;
        while (!batch.IsFull)
        {
            batch.Add(201810000000L + records, records + 2, 440300, 2018, RecordBatch.DigitalFlag, 1, [3], [7], [], []);
            records++;
        }
        Assert.Equal(RecordBatch.Capacity, records);
    }
}
