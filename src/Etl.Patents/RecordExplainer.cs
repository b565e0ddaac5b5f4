using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Domain.Mappings;
using Etl.Patents.Aggregation;
using Etl.Patents.Geo;
using Etl.Patents.Ipc;
using Etl.Patents.Matching;
using Etl.Patents.Reading;

namespace Etl.Patents;

/// <summary>One KDT branch a record belongs to, and why: the codes of the branch and the keyword that confirmed it.</summary>
/// <param name="BranchNo">The branch number, e.g. 1.1.</param>
/// <param name="Name">The branch name.</param>
/// <param name="Codes">The record's IPC codes that fall under the branch's patterns.</param>
/// <param name="Keyword">The keyword found in the title or abstract (null under IPC-only matching, or when none occurs).</param>
public sealed record BranchEvidence(string BranchNo, string Name, IReadOnlyList<string> Codes, string? Keyword);

/// <summary>A kept record as re-read from its export: its IPC codes, and the evidence for each branch.</summary>
/// <param name="Line">The line (or row) in the export.</param>
/// <param name="IpcCodes">Every IPC code of the record, canonical.</param>
/// <param name="Branches">The branches the record's codes fall under, each with the keyword that confirmed it, if any.</param>
public sealed record ExplainedRecord(long Line, IReadOnlyList<string> IpcCodes, IReadOnlyList<BranchEvidence> Branches);

/// <summary>
/// Explains kept patent records for lineage: re-reads their export with the stage's own reader (so the same
/// header, encoding and field rules apply) and classifies them with the reference definition, which names the
/// codes and the keyword behind each branch. The warehouse keeps only the branch ids; the evidence is read back
/// from the raw file when a trace asks for it.
/// </summary>
public static class RecordExplainer
{
    /// <summary>
    /// The records at <paramref name="lines"/> of the export at <paramref name="path"/>, classified under <paramref name="mode"/>;
    /// <paramref name="unreadable"/> says where and why reading stopped when the export could not be read to its end
    /// (records after that point are then missing from the result), else null.
    /// </summary>
    public static IReadOnlyDictionary<long, ExplainedRecord> Explain(MappingSet mappings, string path, IReadOnlyCollection<long> lines, out string? unreadable,
        MatchMode mode = MatchMode.IpcAndKeyword)
    {
        var reader = new ExportReader(new KdtMatcher(mappings, mode), new AddressGeocoder(mappings)) { ObserveLines = lines.ToHashSet() };
        var read = reader.Read(path, Path.GetFileName(path), "", new FileInfo(path).Length, () => new RecordBatch(), _ => { });
        // A file rejected whole (for whatever reason) or cut short by a read error.
        unreadable = read.Quarantine.FirstOrDefault(q => q.Reason == PatentStage.ReadError || q.Reason == read.Outcome.Rejection) is { } broken
            ? $"{broken.Reason} {broken.Locator}: {broken.Detail}".Replace(" : ", ": ", StringComparison.Ordinal) : null;
        var definition = new KdtDefinition(mappings);
        var branches = mappings.Kdt.Branches.ToDictionary(b => b.Id);
        var explained = new Dictionary<long, ExplainedRecord>();
        foreach (var (line, (ipc, text)) in reader.Observed)
        {
            var packed = new List<long>();
            IpcNotation.Parse(ipc, packed, out _);
            var codes = packed.Distinct().Select(IpcNotation.Unpack).ToList();
            var normalized = KeywordText.Normalize(text);
            var evidence = codes.SelectMany(code => definition.BranchesOf(code).Select(b => (Branch: b, Code: code)))
                .GroupBy(x => x.Branch)
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var b = branches[g.Key];
                    var keyword = mode == MatchMode.IpcOnly ? null : definition.MatchedKeyword(g.Key, normalized);
                    return new BranchEvidence(b.BranchNo, b.Name, g.Select(x => Canonical(x.Code)).Distinct().ToList(), keyword);
                })
                .ToList();
            explained[line] = new ExplainedRecord(line, codes.Select(Canonical).ToList(), evidence);
        }
        return explained;
    }

    private static string Canonical(IpcCode c) => $"{c.Subclass}{c.MainGroup}/{c.Subgroup}";
}
