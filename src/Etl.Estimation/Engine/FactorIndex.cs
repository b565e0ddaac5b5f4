namespace Etl.Estimation.Engine;

/// <summary>A label column re-indexed to 0..Levels-1 in order of first appearance.</summary>
internal sealed class FactorIndex
{
    public FactorIndex(int[] labels)
    {
        var map = new Dictionary<int, int>();
        Codes = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var c)) map[labels[i]] = c = map.Count;
            Codes[i] = c;
        }
        Levels = map.Count;
        Counts = new int[Levels];
        foreach (var c in Codes) Counts[c]++;
    }

    /// <summary>Level of each observation.</summary>
    public int[] Codes { get; }

    /// <summary>Number of distinct labels.</summary>
    public int Levels { get; }

    /// <summary>Observations per level.</summary>
    public int[] Counts { get; }

    /// <summary>Whether every level of this factor lies inside a single level of <paramref name="outer"/>.</summary>
    public bool NestedIn(FactorIndex outer)
    {
        var owner = new int[Levels];
        Array.Fill(owner, -1);
        for (var i = 0; i < Codes.Length; i++)
        {
            ref var o = ref owner[Codes[i]];
            if (o < 0) o = outer.Codes[i];
            else if (o != outer.Codes[i]) return false;
        }
        return true;
    }

    /// <summary>Whether every pair of levels of <paramref name="a"/> and <paramref name="b"/> occurs exactly once (a balanced panel).</summary>
    public static bool IsBalancedPair(FactorIndex a, FactorIndex b)
    {
        if ((long)a.Levels * b.Levels != a.Codes.Length) return false;
        var seen = new bool[a.Levels * b.Levels];
        for (var i = 0; i < a.Codes.Length; i++)
        {
            ref var cell = ref seen[a.Codes[i] * b.Levels + b.Codes[i]];
            if (cell) return false;
            cell = true;
        }
        return true;
    }

    /// <summary>Connected components of the bipartite graph linking the levels of two factors.</summary>
    public static int ConnectedComponents(FactorIndex a, FactorIndex b)
    {
        var parent = new int[a.Levels + b.Levels];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        for (var i = 0; i < a.Codes.Length; i++)
        {
            var ra = Find(a.Codes[i]);
            var rb = Find(a.Levels + b.Codes[i]);
            if (ra != rb) parent[ra] = rb;
        }
        var roots = 0;
        for (var i = 0; i < parent.Length; i++) if (Find(i) == i) roots++;
        return roots;
    }
}
