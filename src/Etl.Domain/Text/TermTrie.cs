namespace Etl.Domain.Text;

/// <summary>
/// A set of terms, each with a value, searched for the longest term that starts at a position of a text
/// (one walk of a character trie, <see cref="TrieTransitions"/>). Read-only after construction.
/// </summary>
public sealed class TermTrie<T>
{
    private readonly TrieTransitions _next;
    private readonly List<T?> _values = [default];
    private readonly List<bool> _terminal = [false];

    /// <summary>Builds the trie; a term given twice keeps its first value.</summary>
    public TermTrie(IEnumerable<(string Term, T Value)> terms)
    {
        var next = new Dictionary<long, int>();
        foreach (var (term, value) in terms)
        {
            var node = 0;
            foreach (var ch in term)
            {
                var key = TrieTransitions.Key(node, ch);
                if (!next.TryGetValue(key, out var child))
                {
                    child = _values.Count;
                    _values.Add(default);
                    _terminal.Add(false);
                    next[key] = child;
                }
                node = child;
            }
            if (_terminal[node] || term.Length == 0) continue;
            _terminal[node] = true;
            _values[node] = value;
        }
        _next = new TrieTransitions(next);
    }

    /// <summary>The longest term starting at <paramref name="at"/>: its length (0 when none) and value.</summary>
    public int Longest(ReadOnlySpan<char> text, int at, out T? value)
    {
        value = default;
        var length = 0;
        var node = 0;
        for (var i = at; i < text.Length; i++)
        {
            if ((node = _next.Next(node, text[i])) == 0) break;
            if (!_terminal[node]) continue;
            length = i - at + 1;
            value = _values[node];
        }
        return length;
    }
}
