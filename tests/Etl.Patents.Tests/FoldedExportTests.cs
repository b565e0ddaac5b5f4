using Etl.Domain.Classification;
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
}
