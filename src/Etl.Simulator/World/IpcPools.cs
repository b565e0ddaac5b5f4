using System.Globalization;
using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Domain.Mappings;
using Etl.Simulator.Text;

namespace Etl.Simulator.World;

/// <summary>
/// Concrete IPC symbols for the simulated records: for every KDT branch, symbols that fall in it (with the
/// older symbols used before an IPC reform); real-economy symbols that fall in no branch; and other symbols
/// that are neither. Every symbol is checked against <see cref="KdtDefinition"/> when the pools are built.
/// </summary>
internal sealed class IpcPools
{
    /// <summary>Symbols created by IPC reforms (subclass, main group or 0 for all, edition year); earlier filings use older symbols.</summary>
    private static readonly (string Subclass, int MainGroup, int Year)[] s_introduced =
    [
        ("G06V", 0, 2022), ("G06F", 18, 2023), ("G06F", 16, 2019), ("G16H", 0, 2018), ("G16B", 0, 2019), ("G16C", 0, 2019),
        ("G16Y", 0, 2020), ("G16Z", 0, 2019), ("H10B", 0, 2023), ("H10K", 0, 2023), ("H10N", 0, 2023),
        ("H04L", 65, 2022), ("H04L", 67, 2022), ("H04L", 69, 2022), ("H04L", 9, 2022),
    ];

    private readonly KdtDefinition _definition;
    private readonly Dictionary<int, List<IpcCode>> _branchCodes = [];
    private readonly Dictionary<int, List<IpcCode>> _branchOldCodes = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IpcCode, int[]> _branchesOf = new();
    private readonly Dictionary<string, List<IpcCode>> _realByIndustry = new(StringComparer.Ordinal);
    private readonly List<IpcCode> _other = [];
    private readonly Dictionary<(int Tech, int Year), int[]> _usableBranches = [];

    public IpcPools(MappingSet m, KdtDefinition definition, KeywordIndex keywords, TextComposer text)
    {
        _definition = definition;
        _industries = m.Industries;
        _branchIds = m.Kdt.Branches.Select(b => b.Id).ToArray();
        var groupsBySubclass = m.Kdt.Branches.SelectMany(b => b.Patterns).Where(p => p.Level != IpcPatternLevel.Subclass)
            .GroupBy(p => p.Subclass).ToDictionary(g => g.Key, g => g.Select(p => p.MainGroup).Distinct().Order().ToArray());

        var oldCodes = m.Reclassification.All.SelectMany(r => OldSymbols(r.Old)).Distinct().ToList();
        foreach (var b in m.Kdt.Branches)
        {
            var codes = b.Patterns.SelectMany(p => Concrete(p, groupsBySubclass)).Distinct().Take(16).ToList();
            _branchCodes[b.Id] = codes.Where(c => BranchesOf(c).Contains(b.Id)).ToList();
            _branchOldCodes[b.Id] = oldCodes.Where(c => BranchesOf(c).Contains(b.Id)).ToList();
        }

        var realSubclasses = m.Subclasses.All.Where(s => m.Industries.ForSubclass(s.Subclass)?.Sector == IndustrySector.Real).ToList();
        foreach (var s in realSubclasses)
        {
            var industry = m.Industries.ForSubclass(s.Subclass)!.Code;
            foreach (var code in Generic(s.Subclass).Where(c => BranchesOf(c).Length == 0))
            {
                if (!_realByIndustry.TryGetValue(industry, out var list)) _realByIndustry[industry] = list = [];
                list.Add(code);
            }
        }
        RealIndustries = _realByIndustry.Keys.Order(StringComparer.Ordinal).ToArray();

        foreach (var s in m.Subclasses.All.Where(s => m.Industries.ForSubclass(s.Subclass) is not { Sector: IndustrySector.Real }))
            _other.AddRange(Generic(s.Subclass).Where(c => BranchesOf(c).Length == 0).Take(2));

        foreach (var tech in KdtTable.Technologies)
            for (var year = Domain.PanelYears.First; year <= Domain.PanelYears.Last; year++)
                _usableBranches[(tech.Id, year)] = m.Kdt.Branches
                    .Where(b => b.TechnologyId == tech.Id && Candidates(b.Id, year).Count > 0
                                && keywords.BranchKeywords[b.Id].Any(text.Usable))
                    .Select(b => b.Id).ToArray();
    }

    /// <summary>Real industries (NACE divisions) that have symbols.</summary>
    public string[] RealIndustries { get; }

    /// <summary>Branches of a technology that can be written for a filing year.</summary>
    public int[] UsableBranches(int technology, int year) => _usableBranches[(technology, year)];

    /// <summary>Branches a symbol falls in (cached reference classification).</summary>
    // The factories below are static and take the pools as an argument: a lambda that captures the instance is a
    // new delegate on every call, and these are called for every simulated record.
    public int[] BranchesOf(IpcCode code) => _branchesOf.GetOrAdd(code, static (c, self) => [.. self._definition.BranchesOf(c)], this);

    /// <summary>A symbol of branch <paramref name="branch"/> as it would be written in <paramref name="year"/>.</summary>
    public IpcCode DigitalCode(Prng rng, int branch, int year) => rng.Pick(Candidates(branch, year));

    /// <summary>A real-economy symbol of <paramref name="industry"/>.</summary>
    public IpcCode RealCode(Prng rng, string industry) => rng.Pick(_realByIndustry[industry]);

    /// <summary>A symbol that is neither digital nor real-economy.</summary>
    public IpcCode OtherCode(Prng rng) => rng.Pick(_other);

    private readonly IndustryTable _industries;
    private readonly int[] _branchIds;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, List<IpcCode>> _unconfirmable = new();

    /// <summary>
    /// A symbol of some KDT pattern whose IPC class is not a real-economy class: without a confirming keyword
    /// the application is neither digital nor real (an unconfirmed code of a real-economy class would make it
    /// real-only by the definition).
    /// </summary>
    public IpcCode PatternCodeOutsideRealClasses(Prng rng, int year) => rng.Pick(_unconfirmable.GetOrAdd(year, static (y, self) =>
        self._branchIds.SelectMany(b => self.Candidates(b, y)).Distinct()
            .Where(c => self._industries.ForCode(c) is not { Sector: IndustrySector.Real })
            .OrderBy(c => c.ToString(), StringComparer.Ordinal).ToList(), this));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), List<IpcCode>> _candidates = new();

    private List<IpcCode> Candidates(int branch, int year) => _candidates.GetOrAdd((branch, year), static (key, self) =>
    {
        var current = self._branchCodes[key.Item1].Where(c => IntroducedIn(c) <= key.Item2).ToList();
        return current.Count > 0 ? current : self._branchOldCodes[key.Item1];
    }, this);

    /// <summary>The edition year a symbol appeared in (2006 for symbols older than the panel).</summary>
    public static int IntroducedIn(IpcCode code)
    {
        foreach (var (sub, mg, year) in s_introduced)
            if (code.Subclass == sub && (mg == 0 || code.MainGroup == mg) && !(sub == "H04L" && mg == 9 && code.Subgroup != "40")) return year;
        return 2006;
    }

    private static IEnumerable<IpcCode> Concrete(IpcPattern p, Dictionary<string, int[]> groups)
    {
        static IpcCode C(string sub, int mg, string sg) => new(sub, mg, IpcCode.NormalizeSubgroup(sg));
        switch (p.Level)
        {
            case IpcPatternLevel.Subclass:
                var mgs = groups.TryGetValue(p.Subclass, out var g) ? g : [1, 3, 5, 10];
                foreach (var mg in mgs.Take(4)) { yield return C(p.Subclass, mg, "00"); yield return C(p.Subclass, mg, "12"); }
                break;
            case IpcPatternLevel.MainGroup:
                yield return C(p.Subclass, p.MainGroup, "00");
                yield return C(p.Subclass, p.MainGroup, "04");
                yield return C(p.Subclass, p.MainGroup, "08");
                break;
            case IpcPatternLevel.SubgroupTree:
                yield return C(p.Subclass, p.MainGroup, p.Subgroup.PadRight(2, '0'));
                yield return C(p.Subclass, p.MainGroup, p.Subgroup + "1");
                break;
            default:
                yield return C(p.Subclass, p.MainGroup, p.Subgroup);
                break;
        }
    }

    private static IEnumerable<IpcCode> OldSymbols(IpcPattern p) => p.Level switch
    {
        IpcPatternLevel.Subclass => [new(p.Subclass, 1, "00")],
        IpcPatternLevel.MainGroup => [new(p.Subclass, p.MainGroup, "00"), new(p.Subclass, p.MainGroup, "20")],
        IpcPatternLevel.SubgroupTree => [new(p.Subclass, p.MainGroup, IpcCode.NormalizeSubgroup(p.Subgroup.PadRight(2, '0'))), new(p.Subclass, p.MainGroup, p.Subgroup + "56")],
        _ => [new(p.Subclass, p.MainGroup, p.Subgroup)],
    };

    /// <summary>A few plausible symbols of a subclass (main groups 1-40).</summary>
    private static IEnumerable<IpcCode> Generic(string subclass)
    {
        var h = 0;
        foreach (var c in subclass) h = h * 31 + c;
        for (var i = 0; i < 6; i++)
        {
            var mg = 1 + (Math.Abs(h + i * 7) % 40);
            var sg = i % 3 == 0 ? "00" : (10 + Math.Abs(h * (i + 3)) % 89).ToString(CultureInfo.InvariantCulture);
            yield return new IpcCode(subclass, mg, IpcCode.NormalizeSubgroup(sg));
        }
    }
}
