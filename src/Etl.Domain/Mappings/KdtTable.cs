using Etl.Domain.Ipc;

namespace Etl.Domain.Mappings;

/// <summary>One of the seven key digital technologies of CNIPA's 2023 classification.</summary>
public sealed record KdtTechnology(int Id, string NameZh, string NameEn);

/// <summary>A branch of the KDT classification: its IPC patterns and the keywords that confirm it.</summary>
public sealed record KdtBranch(int Id, int TechnologyId, string BranchNo, string Name, int Depth, IReadOnlyList<IpcPattern> Patterns, IReadOnlyList<string> Keywords);

/// <summary>
/// The Key Digital Technology table: <c>kdt_branches.csv</c> (one row per branch, keywords ';'-separated)
/// and <c>kdt_ipc.csv</c> (one row per branch and IPC pattern).
/// </summary>
public sealed class KdtTable
{
    /// <summary>Branch file name.</summary>
    public const string BranchFileName = "kdt_branches.csv";

    /// <summary>Pattern file name.</summary>
    public const string PatternFileName = "kdt_ipc.csv";

    /// <summary>The seven technologies, in the classification's order.</summary>
    public static readonly IReadOnlyList<KdtTechnology> Technologies =
    [
        new(1, "人工智能", "artificial intelligence"),
        new(2, "高端芯片", "high-end chips"),
        new(3, "量子信息", "quantum information"),
        new(4, "物联网", "internet of things"),
        new(5, "区块链", "blockchain"),
        new(6, "工业互联网", "industrial internet"),
        new(7, "元宇宙", "metaverse"),
    ];

    private KdtTable(List<KdtBranch> branches, int crossBranchOverlaps)
    {
        Branches = branches;
        CrossBranchOverlaps = crossBranchOverlaps;
    }

    /// <summary>All branches ordered by id.</summary>
    public IReadOnlyList<KdtBranch> Branches { get; }

    /// <summary>
    /// Number of (pattern, pattern) pairs in different branches where one covers the other. These are by
    /// design (many branches list whole subclasses); a code then matches every such branch.
    /// </summary>
    public int CrossBranchOverlaps { get; }

    /// <summary>Loads both files. Within a branch a pattern may neither repeat nor be covered by another.</summary>
    public static KdtTable Load(string directory)
    {
        var branches = new Dictionary<int, (MappingRow Row, int Tech, string No, string Name, int Depth, List<string> Keywords)>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, BranchFileName), "branch_id", "technology_id", "technology", "branch_no", "branch_name", "depth", "keywords"))
        {
            var id = r.Int("branch_id");
            if (branches.ContainsKey(id)) throw r.Error($"duplicate branch id {id}");
            var tech = r.Int("technology_id");
            var t = Technologies.FirstOrDefault(x => x.Id == tech) ?? throw r.Error($"unknown technology {tech}");
            if (t.NameZh != r.Text("technology")) throw r.Error($"technology {tech} is {t.NameZh}, not {r["technology"]}");
            var keywords = r.Text("keywords").Split(';', StringSplitOptions.TrimEntries).ToList();
            if (keywords.Any(k => k.Length == 0)) throw r.Error("empty keyword");
            if (keywords.Distinct(StringComparer.Ordinal).Count() != keywords.Count) throw r.Error("repeated keyword");
            branches[id] = (r, tech, r.Text("branch_no"), r.Text("branch_name"), r.Int("depth"), keywords);
        }

        var patterns = new Dictionary<int, List<(IpcPattern P, MappingRow Row)>>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, PatternFileName), "branch_id", "ipc_pattern"))
        {
            var id = r.Int("branch_id");
            if (!branches.ContainsKey(id)) throw r.Error($"pattern for unknown branch {id}");
            var text = r.Text("ipc_pattern");
            if (!IpcPattern.TryParse(text, out var p)) throw r.Error($"malformed IPC pattern '{text}'");
            if (!patterns.TryGetValue(id, out var list)) patterns[id] = list = [];
            foreach (var (q, qRow) in list)
            {
                if (q.Text == p.Text) throw r.Error($"pattern {p} repeats line {qRow.Line} in branch {id}");
                if (q.Covers(p)) throw r.Error($"pattern {p} is shadowed by {q} (line {qRow.Line}) in branch {id}");
                if (p.Covers(q)) throw r.Error($"pattern {p} shadows {q} (line {qRow.Line}) in branch {id}");
            }
            list.Add((p, r));
        }

        var result = new List<KdtBranch>();
        foreach (var (id, b) in branches.OrderBy(kv => kv.Key))
        {
            if (!patterns.TryGetValue(id, out var ps)) throw b.Row.Error($"branch {id} has no IPC pattern");
            result.Add(new KdtBranch(id, b.Tech, b.No, b.Name, b.Depth, ps.Select(x => x.P).ToList(), b.Keywords));
        }

        var overlaps = 0;
        var all = result.SelectMany(b => b.Patterns.Select(p => (b.Id, p))).ToList();
        foreach (var g in all.GroupBy(x => x.p.Subclass))
        {
            var list = g.ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (list[i].Id != list[j].Id && (list[i].p.Covers(list[j].p) || list[j].p.Covers(list[i].p))) overlaps++;
        }
        return new KdtTable(result, overlaps);
    }
}
