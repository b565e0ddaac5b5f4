using Etl.Domain.Ipc;
using Etl.Domain.Mappings;

namespace Etl.Domain.Classification;

/// <summary>
/// The definition of digital, integrated and real-only applications, written as directly as possible:
/// every pattern is tried against every code (and against the current symbols an older code was moved
/// to), every keyword is searched for in the text. It is the reference the fast matcher is tested
/// against, and what the simulator uses to label the records it writes.
/// </summary>
public sealed class KdtDefinition
{
    private readonly KdtTable _kdt;
    private readonly IpcReclassificationTable _reclassification;
    private readonly IndustryTable _industries;
    private readonly Dictionary<int, string[]> _keywords;

    /// <summary>Builds the definition from the mapping tables.</summary>
    public KdtDefinition(KdtTable kdt, IpcReclassificationTable reclassification, IndustryTable industries)
    {
        _kdt = kdt;
        _reclassification = reclassification;
        _industries = industries;
        _keywords = kdt.Branches.ToDictionary(b => b.Id, b => b.Keywords.Select(KeywordText.Normalize).ToArray());
    }

    /// <summary>Builds the definition from a mapping set.</summary>
    public KdtDefinition(MappingSet m) : this(m.Kdt, m.Reclassification, m.Industries) { }

    /// <summary>Branches whose patterns fit <paramref name="code"/> or one of its replacement symbols.</summary>
    public IReadOnlyList<int> BranchesOf(IpcCode code)
    {
        var candidates = _reclassification.Replace(code).Prepend(code).ToList();
        return _kdt.Branches.Where(b => b.Patterns.Any(p => candidates.Any(p.Matches))).Select(b => b.Id).ToList();
    }

    /// <summary>Whether any keyword of branch <paramref name="branchId"/> occurs in the normalised text.</summary>
    public bool Confirms(int branchId, string normalizedText) => MatchedKeyword(branchId, normalizedText) is not null;

    /// <summary>The first keyword of branch <paramref name="branchId"/> (in the table's order) that occurs in the normalised text, or null.</summary>
    public string? MatchedKeyword(int branchId, string normalizedText) => _keywords[branchId].FirstOrDefault(k => KeywordText.Occurs(normalizedText, k));

    /// <summary>The industry sector of a code's IPC class, or null when the concordance has none.</summary>
    public Industry? IndustryOf(IpcCode code) => _industries.ForCode(code);

    /// <summary>Classifies one application from its IPC codes and its title and abstract.</summary>
    public PatentClass Classify(IReadOnlyList<IpcCode> codes, string text, MatchMode mode)
    {
        var normalized = KeywordText.Normalize(text);
        var branches = new SortedSet<int>();
        var digitalCodes = new HashSet<IpcCode>();
        foreach (var code in codes.Distinct())
        {
            var confirmed = BranchesOf(code).Where(b => mode == MatchMode.IpcOnly || Confirms(b, normalized)).ToList();
            if (confirmed.Count == 0) continue;
            digitalCodes.Add(code);
            branches.UnionWith(confirmed);
        }
        var realCodes = codes.Distinct().Where(c => !digitalCodes.Contains(c) && IndustryOf(c)?.Sector == IndustrySector.Real).ToList();
        var digital = digitalCodes.Count > 0;
        var mask = 0;
        foreach (var b in branches) mask |= 1 << (_kdt.Branches.First(x => x.Id == b).TechnologyId - 1);
        return new PatentClass(
            digital,
            digital && realCodes.Count > 0,
            !digital && realCodes.Count > 0,
            mask,
            branches.ToList(),
            realCodes.Select(c => IndustryOf(c)!.Code).Distinct().Order(StringComparer.Ordinal).ToList(),
            digitalCodes.Select(c => c.Subclass).Distinct().Order(StringComparer.Ordinal).ToList(),
            realCodes.Select(c => c.Subclass).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
