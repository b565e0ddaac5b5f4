using Etl.Domain.Classification;
using Etl.Patents.Aggregation;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>
/// With a per-export callback, the stage hands each export's outcome and quarantined rows over as soon as the export
/// is folded, instead of holding them for the whole corpus: the same rows, in file order, and the same counts.
/// </summary>
[Collection("patent corpus")]
public class FoldedExportTests(PatentCorpus corpus)
{
    [Fact]
    public void Each_export_reaches_the_callback_in_file_order_with_the_rows_the_result_would_hold()
    {
        var files = corpus.Files();
        var whole = new PatentStage(RepoPaths.LoadedMappings, MatchMode.IpcAndKeyword).Run(files, 2);
        var seen = new List<(int File, FileOutcome Outcome, List<QuarantineItem> Items)>();
        var streamed = new PatentStage(RepoPaths.LoadedMappings, MatchMode.IpcAndKeyword)
            .Run(files, 2, folded: (i, outcome, items) => seen.Add((i, outcome, items.ToList())));

        Assert.Equal(Enumerable.Range(0, files.Count), seen.Select(s => s.File));
        // The corpus quarantines rows, so the comparison below is not of two empty lists.
        Assert.NotEmpty(whole.Quarantine);
        Assert.Empty(streamed.Quarantine);
        Assert.Equal(whole.Quarantine.Select(q => q.ToString()), seen.SelectMany(s => s.Items).Select(q => q.ToString()));
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Same(streamed.Files[i], seen[i].Outcome);
            Assert.Equal((whole.Files[i].Read, whole.Files[i].Loaded, whole.Files[i].Quarantined.Values.Sum()),
                (seen[i].Outcome.Read, seen[i].Outcome.Loaded, seen[i].Outcome.Quarantined.Values.Sum()));
        }
        Assert.Equal(InvarianceTests.Fingerprint(whole.Aggregates), InvarianceTests.Fingerprint(streamed.Aggregates));
    }

    /// <summary>Records what a sink and the per-export callback receive, in the order received, with the thread.</summary>
    private sealed class OrderSink : IKeptRecordSink
    {
        public List<(string What, int File, long Line, int Thread)> Calls { get; } = [];

        public int? FailAt { get; init; }

        public void Add(in KeptRecord record, ReadOnlySpan<ushort> industries, ReadOnlySpan<ushort> branches)
        {
            FailWhenDue();
            Calls.Add(("kept", record.File, record.Line, Environment.CurrentManagedThreadId));
        }

        public void Duplicate(in KeptRecord record)
        {
            FailWhenDue();
            Calls.Add(("duplicate", record.File, record.Line, Environment.CurrentManagedThreadId));
        }

        private void FailWhenDue()
        {
            if (Calls.Count >= FailAt) throw new IOException("disk full (from the test sink)");
        }
    }

    [Fact]
    public void With_a_sink_the_records_and_each_exports_callback_arrive_in_fold_order_on_one_thread()
    {
        var files = corpus.Files();
        var sink = new OrderSink();
        var result = new PatentStage(RepoPaths.LoadedMappings, MatchMode.IpcAndKeyword)
            .Run(files, 2, sink, folded: (i, _, _) => sink.Calls.Add(("folded", i, long.MaxValue, Environment.CurrentManagedThreadId)));

        Assert.Single(sink.Calls.Select(c => c.Thread).Distinct());
        Assert.Equal(result.Files.Sum(f => f.Loaded), sink.Calls.Count(c => c.What == "kept"));
        var duplicates = result.Files.Sum(f => f.Excluded.GetValueOrDefault("duplicate_application"));
        Assert.True(duplicates > 0, "the corpus has duplicates, so their order is tested too");
        Assert.Equal(duplicates, sink.Calls.Count(c => c.What == "duplicate"));
        // Each export's records in line order, then its callback, then the next export's.
        var order = sink.Calls.Select(c => (c.File, c.Line)).ToList();
        Assert.Equal(order.OrderBy(o => o.File).ThenBy(o => o.Line), order);
        Assert.Equal(Enumerable.Range(0, files.Count), sink.Calls.Where(c => c.What == "folded").Select(c => c.File));
    }

    [Fact]
    public void A_sink_that_fails_stops_the_stage_with_its_own_exception()
    {
        var sink = new OrderSink { FailAt = 1000 };
        var e = Assert.Throws<IOException>(() => new PatentStage(RepoPaths.LoadedMappings, MatchMode.IpcAndKeyword).Run(corpus.Files(), 2, sink));
        Assert.Equal("disk full (from the test sink)", e.Message);
        Assert.Equal(1000, sink.Calls.Count);
    }
}
