using Etl.Domain.Classification;
using Etl.Domain.Mappings;

namespace Etl.Simulator.Text;

/// <summary>
/// The KDT keywords, numbered, with a plain first-character index to find which ones occur in a piece of
/// text (same rule as <see cref="KeywordText.Occurs"/>). The simulator uses it only on its vocabulary and
/// templates, once, to know exactly which keywords every generated title and abstract contains.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly Dictionary<char, List<int>> _byFirst = [];

    public KeywordIndex(KdtTable kdt)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var display = new List<string>();
        var branchKeywords = new Dictionary<int, int[]>();
        foreach (var b in kdt.Branches)
        {
            var list = new List<int>();
            foreach (var k in b.Keywords)
            {
                var n = KeywordText.Normalize(k);
                if (!ids.TryGetValue(n, out var id))
                {
                    ids[n] = id = display.Count;
                    display.Add(k);
                }
                list.Add(id);
            }
            branchKeywords[b.Id] = [.. list.Distinct()];
        }
        Normalized = ids.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        Display = [.. display];
        BranchKeywords = branchKeywords;
        for (var i = 0; i < Normalized.Length; i++)
        {
            if (!_byFirst.TryGetValue(Normalized[i][0], out var l)) _byFirst[Normalized[i][0]] = l = [];
            l.Add(i);
        }
    }

    /// <summary>Keywords in normalised form, by id.</summary>
    public string[] Normalized { get; }

    /// <summary>Keywords as the classification writes them, by id.</summary>
    public string[] Display { get; }

    /// <summary>Keyword ids of each branch.</summary>
    public IReadOnlyDictionary<int, int[]> BranchKeywords { get; }

    /// <summary>Ids of every keyword occurring in <paramref name="text"/>.</summary>
    public SortedSet<int> Find(string text)
    {
        var s = KeywordText.Normalize(text);
        var found = new SortedSet<int>();
        for (var i = 0; i < s.Length; i++)
        {
            if (!_byFirst.TryGetValue(s[i], out var candidates)) continue;
            foreach (var id in candidates)
            {
                var k = Normalized[id];
                if (i + k.Length > s.Length || !s.AsSpan(i, k.Length).SequenceEqual(k)) continue;
                if (KeywordText.IsLatin(k[0]) && i > 0 && KeywordText.IsLatin(s[i - 1])) continue;
                if (KeywordText.IsLatin(k[^1]) && i + k.Length < s.Length && KeywordText.IsLatin(s[i + k.Length])) continue;
                found.Add(id);
            }
        }
        return found;
    }
}
