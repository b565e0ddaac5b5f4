using Etl.Domain.Classification;

namespace Etl.Patents.Matching;

/// <summary>
/// Aho-Corasick automaton over the KDT keywords, with the keyword rule of <see cref="KeywordText"/>: text and
/// keywords are compared half-width with ASCII letters upper-cased, and a keyword that begins (ends) with a
/// Latin letter must not be preceded (followed) by one. One pass over a title or abstract finds every
/// keyword in it, whatever their number.
/// </summary>
/// <remarks>
/// Characters are first mapped to a small alphabet (the characters that occur in keywords, normalised; any
/// other character maps to 0 and sends the automaton back to its root), through a 64K table that also does
/// the width and case folding. The root's transitions are a dense array; other states keep their few
/// transitions in a shared edge list. Failure links are resolved at build time into the transitions of the
/// root and followed at run time only from deeper states.
/// </remarks>
public sealed class KeywordAutomaton
{
    private readonly ushort[] _symbol = new ushort[65536];
    private readonly bool[] _latin = new bool[65536];
    private readonly int[] _rootNext;
    private readonly int[] _edgeStart;
    private readonly ushort[] _edgeSymbol;
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly int[] _length;
    private readonly bool[] _latinStart;
    private readonly bool[] _latinEnd;

    /// <summary>Builds the automaton over <paramref name="keywords"/> (already normalised with <see cref="KeywordText.Normalize"/>).</summary>
    public KeywordAutomaton(IReadOnlyList<string> keywords)
    {
        Count = keywords.Count;
        for (var c = 0; c < 65536; c++) _latin[c] = KeywordText.IsLatin(Fold((char)c));
        var alphabet = new Dictionary<char, ushort>();
        foreach (var k in keywords)
            foreach (var ch in k)
                if (!alphabet.ContainsKey(ch)) alphabet[ch] = (ushort)(alphabet.Count + 1);
        for (var c = 0; c < 65536; c++)
            if (alphabet.TryGetValue(Fold((char)c), out var s)) _symbol[c] = s;
        var symbols = alphabet.Count + 1;

        // Trie.
        var children = new List<Dictionary<ushort, int>> { new() };
        var outputs = new List<List<int>> { new() };
        _length = new int[keywords.Count];
        _latinStart = new bool[keywords.Count];
        _latinEnd = new bool[keywords.Count];
        for (var k = 0; k < keywords.Count; k++)
        {
            var state = 0;
            foreach (var ch in keywords[k])
            {
                var sym = alphabet[ch];
                if (!children[state].TryGetValue(sym, out var next))
                {
                    next = children.Count;
                    children[state][sym] = next;
                    children.Add([]);
                    outputs.Add([]);
                }
                state = next;
            }
            outputs[state].Add(k);
            _length[k] = keywords[k].Length;
            _latinStart[k] = KeywordText.IsLatin(keywords[k][0]);
            _latinEnd[k] = KeywordText.IsLatin(keywords[k][^1]);
        }

        // Failure links, breadth first; outputs inherit those of their failure state.
        var n = children.Count;
        _fail = new int[n];
        var queue = new Queue<int>();
        foreach (var (_, child) in children[0]) queue.Enqueue(child);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var (sym, child) in children[s])
            {
                var f = _fail[s];
                while (f != 0 && !children[f].ContainsKey(sym)) f = _fail[f];
                _fail[child] = children[f].TryGetValue(sym, out var t) && t != child ? t : 0;
                outputs[child].AddRange(outputs[_fail[child]]);
                queue.Enqueue(child);
            }
        }

        _rootNext = new int[symbols];
        foreach (var (sym, child) in children[0]) _rootNext[sym] = child;
        _edgeStart = new int[n + 1];
        var edges = new List<(ushort Sym, int Target)>();
        for (var s = 0; s < n; s++)
        {
            _edgeStart[s] = edges.Count;
            if (s != 0) edges.AddRange(children[s].OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
        }
        _edgeStart[n] = edges.Count;
        _edgeSymbol = edges.Select(e => e.Sym).ToArray();
        _edgeTarget = edges.Select(e => e.Target).ToArray();
        _outputStart = new int[n + 1];
        var flat = new List<int>();
        for (var s = 0; s < n; s++)
        {
            _outputStart[s] = flat.Count;
            flat.AddRange(outputs[s].Distinct());
        }
        _outputStart[n] = flat.Count;
        _outputs = [.. flat];
    }

    /// <summary>Number of keywords.</summary>
    public int Count { get; }

    /// <summary>
    /// Calls <paramref name="found"/> with the index of every keyword occurring in <paramref name="text"/>
    /// (possibly several times for one keyword), until it returns false.
    /// </summary>
    public void Search<TSink>(ReadOnlySpan<char> text, ref TSink found) where TSink : struct, IKeywordSink
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var sym = _symbol[text[i]];
            if (sym == 0) { state = 0; continue; }
            state = Next(state, sym);
            if (state == 0) continue;
            for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
            {
                var k = _outputs[o];
                var start = i - _length[k] + 1;
                if (_latinStart[k] && start > 0 && _latin[text[start - 1]]) continue;
                if (_latinEnd[k] && i + 1 < text.Length && _latin[text[i + 1]]) continue;
                if (!found.Found(k)) return;
            }
        }
    }

    private int Next(int state, ushort sym)
    {
        while (true)
        {
            if (state == 0) return _rootNext[sym];
            for (var e = _edgeStart[state]; e < _edgeStart[state + 1]; e++)
                if (_edgeSymbol[e] == sym) return _edgeTarget[e];
            state = _fail[state];
        }
    }

    private static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
        else if (c is '\u3000' or '\u00A0') c = ' ';
        return c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
    }
}

/// <summary>Receives the keywords an automaton finds.</summary>
public interface IKeywordSink
{
    /// <summary>Keyword <paramref name="keyword"/> occurs; returns whether to go on searching.</summary>
    bool Found(int keyword);
}
