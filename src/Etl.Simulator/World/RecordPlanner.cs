using Etl.Domain.Ipc;
using Etl.Domain.Mappings;
using Etl.Simulator.Text;

namespace Etl.Simulator.World;

/// <summary>The four kinds of located invention application the world generates.</summary>
internal enum RecordCategory
{
    /// <summary>Digital and carrying a real-economy code.</summary>
    Integrated,

    /// <summary>Digital only.</summary>
    Digital,

    /// <summary>Real-economy code, no digital code.</summary>
    RealOnly,

    /// <summary>Neither (including codes of KDT patterns without a confirming keyword).</summary>
    Other,
}

/// <summary>The content of one simulated application, before it is written, with its true classification.</summary>
internal sealed record PlannedRecord(
    RecordCategory Category,
    IpcCode[] Codes,
    int Keyword,
    bool KeywordInTitle,
    bool Device,
    string[] Task,
    int TechnologyMask,
    string[] Industries,
    string[] DigitalSubclasses,
    string[] RealSubclasses);

/// <summary>
/// Decides the content of each record from its identity (unit, year, index) alone, so that the same record
/// comes out identical when the aggregates are computed and when the files are written.
/// </summary>
internal sealed class RecordPlanner
{
    /// <summary>Share of digital applications by KDT technology (AI, chips, quantum, IoT, blockchain, industrial internet, metaverse).</summary>
    private static readonly double[] s_techMix = [0.30, 0.10, 0.04, 0.20, 0.06, 0.20, 0.10];

    /// <summary>Shares of real-only applications with one, two and three real-economy codes.</summary>
    private static readonly double[] s_realCodeCounts = [0.6, 0.3, 0.1];

    private readonly ulong _seed;
    private readonly IpcPools _pools;
    private readonly TextComposer _text;
    private readonly IndustryTable _industries;
    private readonly Dictionary<int, int[]> _branchTech;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, double[]> _profiles = new();
    private readonly int[] _usableKeywords;
    private readonly Dictionary<int, int[]> _usableByBranch;
    // Per usable keyword, the branches that a text holding it confirms: those with a keyword of their own inside it.
    // Asked for every digital record, where going through each branch's keyword list took an eighth of the simulation.
    private readonly Dictionary<int, HashSet<int>> _branchesConfirmedBy = [];

    public RecordPlanner(ulong seed, MappingSet m, IpcPools pools, KeywordIndex keywords, TextComposer text)
    {
        _seed = seed;
        _pools = pools;
        _text = text;
        _industries = m.Industries;
        _branchTech = m.Kdt.Branches.ToDictionary(b => b.Id, b => new[] { b.TechnologyId });
        _usableKeywords = Enumerable.Range(0, keywords.Normalized.Length).Where(text.Usable).ToArray();
        var usable = _usableKeywords.ToHashSet();
        _usableByBranch = keywords.BranchKeywords.ToDictionary(kv => kv.Key, kv => kv.Value.Where(usable.Contains).ToArray());
        var branchesOfKeyword = keywords.BranchKeywords.SelectMany(kv => kv.Value.Select(k => (Keyword: k, Branch: kv.Key)))
            .ToLookup(x => x.Keyword, x => x.Branch);
        foreach (var k in _usableKeywords)
            _branchesConfirmedBy[k] = keywords.Find(keywords.Display[k]).SelectMany(inText => branchesOfKeyword[inText]).ToHashSet();
    }

    /// <summary>The record with index <paramref name="index"/> of <paramref name="unitCode"/> in <paramref name="year"/>.</summary>
    public PlannedRecord Plan(int unitCode, int year, long index, RecordCategory category)
    {
        var rng = Prng.For(_seed, 100, unitCode, year, index);
        var profile = Profile(unitCode);
        var device = rng.Chance(0.3);
        switch (category)
        {
            case RecordCategory.Integrated:
            case RecordCategory.Digital:
            {
                var tech = 1 + rng.PickWeighted(s_techMix);
                var branches = _pools.UsableBranches(tech, year);
                if (branches.Length == 0) branches = _pools.UsableBranches(1, year);
                var branch = rng.Pick(branches);
                var keyword = rng.Pick(_usableByBranch[branch]);
                var digital = new DistinctCodes();
                digital.Add(_pools.DigitalCode(rng, branch, year));
                if (rng.Chance(0.4)) digital.Add(_pools.DigitalCode(rng, branch, year));
                var real = new DistinctCodes();
                string[] task = Vocabulary.TechTasks[tech];
                if (category == RecordCategory.Integrated)
                {
                    var industry = _pools.RealIndustries[rng.PickWeighted(profile)];
                    real.Add(_pools.RealCode(rng, industry));
                    if (rng.Chance(0.3)) real.Add(_pools.RealCode(rng, _pools.RealIndustries[rng.PickWeighted(profile)]));
                    task = Vocabulary.RealTasks[Vocabulary.GroupOf(industry)];
                }
                IpcCode? other = rng.Chance(0.2) ? _pools.OtherCode(rng) : null;
                var realFirst = category == RecordCategory.Integrated && rng.Chance(0.4);
                var codes = new DistinctCodes();
                codes.AddAll(realFirst ? real : digital);
                codes.AddAll(realFirst ? digital : real);
                if (other is { } o) codes.Add(o);
                return Classified(category, codes.ToArray(), digital.ToArray(), real.ToArray(), keyword, rng.Chance(0.5), device, task);
            }
            case RecordCategory.RealOnly:
            {
                var n = 1 + rng.PickWeighted(s_realCodeCounts);
                var drawn = new DistinctCodes();
                for (var i = 0; i < n; i++) drawn.Add(_pools.RealCode(rng, _pools.RealIndustries[rng.PickWeighted(profile)]));
                var real = drawn.ToArray();
                var codes = rng.Chance(0.25) ? [.. real, _pools.OtherCode(rng)] : real;
                var incidental = rng.Chance(0.1) ? rng.Pick(_usableKeywords) : -1;
                var industry = _industries.ForCode(real[0])!.Code;
                return new PlannedRecord(category, codes, incidental, false, device, Vocabulary.RealTasks[Vocabulary.GroupOf(industry)], 0,
                    Industries(real), [], Subclasses(real));
            }
            default:
            {
                if (rng.Chance(0.4))
                {
                    // A code of a KDT pattern, but no keyword: digital under IPC-only matching, not under the official rule.
                    var tech = 1 + rng.PickWeighted(s_techMix);
                    var code = _pools.PatternCodeOutsideRealClasses(rng, year);
                    return new PlannedRecord(category, [code, _pools.OtherCode(rng)], -1, false, device, Vocabulary.TechTasks[tech], 0, [], [], []);
                }
                IpcCode[] codes;
                if (rng.Chance(0.5))
                {
                    var (first, second) = (_pools.OtherCode(rng), _pools.OtherCode(rng));
                    codes = first == second ? [first] : [first, second];
                }
                else codes = [_pools.OtherCode(rng)];
                return new PlannedRecord(category, codes, -1, false, device, Vocabulary.OtherTasks, 0, [], [], []);
            }
        }
    }

    /// <summary>Technologies and subclasses as the definition will find them, given the one keyword placed in the text.</summary>
    private PlannedRecord Classified(RecordCategory category, IpcCode[] codes, IpcCode[] digital, IpcCode[] real, int keyword,
        bool inTitle, bool device, string[] task)
    {
        var confirmed = _branchesConfirmedBy[keyword];
        var mask = 0;
        foreach (var c in digital)
            foreach (var b in _pools.BranchesOf(c))
                if (confirmed.Contains(b)) mask |= 1 << (_branchTech[b][0] - 1);
        return new PlannedRecord(category, codes, keyword, inTitle, device, task, mask, Industries(real), Subclasses(digital), Subclasses(real));
    }

    // A record has at most five codes: the lists below are built by hand rather than with LINQ, which allocated
    // an iterator, a set and a buffer per call for every simulated record and kept the collector busy.

    private string[] Industries(IpcCode[] real)
    {
        var codes = new string[real.Length];
        for (var i = 0; i < real.Length; i++) codes[i] = _industries.ForCode(real[i])!.Code;
        return SortedDistinct.Of(codes.AsSpan(), StringComparer.Ordinal);
    }

    private static string[] Subclasses(IpcCode[] codes)
    {
        var subclasses = new string[codes.Length];
        for (var i = 0; i < codes.Length; i++) subclasses[i] = codes[i].Subclass;
        return SortedDistinct.Of(subclasses.AsSpan(), StringComparer.Ordinal);
    }

    /// <summary>Codes in the order first added, each once (as <c>Distinct</c> keeps them); at most a handful.</summary>
    private sealed class DistinctCodes
    {
        private readonly List<IpcCode> _codes = new(4);

        public void Add(IpcCode code)
        {
            if (!_codes.Contains(code)) _codes.Add(code);
        }

        public void AddAll(DistinctCodes other)
        {
            foreach (var c in other._codes) Add(c);
        }

        public IpcCode[] ToArray() => [.. _codes];
    }

    /// <summary>The unit's mix of real-economy industries (fixed per unit).</summary>
    private double[] Profile(int unitCode) => _profiles.GetOrAdd(unitCode, static (code, self) =>
    {
        var rng = Prng.For(self._seed, 101, code);
        return self._pools.RealIndustries.Select(_ => Math.Exp(0.9 * rng.Normal())).ToArray();
    }, this);
}
