using System.Collections.Concurrent;
using System.Text;

namespace Etl.Simulator.Text;

/// <summary>What a generated title and abstract should carry.</summary>
/// <param name="Task">Task phrase pool to draw from.</param>
/// <param name="Keyword">A keyword (id in <see cref="KeywordIndex"/>) that must occur, or -1.</param>
/// <param name="KeywordInTitle">Whether the keyword also goes into the title.</param>
/// <param name="Device">Describe a device rather than a method.</param>
internal readonly record struct TextRequest(string[] Task, int Keyword, bool KeywordInTitle, bool Device);

/// <summary>
/// Composes titles and abstracts from templates whose literals no keyword can cross, so that the keywords a
/// generated text contains are exactly those of the phrases and keywords put into its slots. Every slot's
/// admissible items are checked once against its neighbouring literals.
/// </summary>
internal sealed class TextComposer
{
    private enum SlotKind { Task, Keyword, Step, Benefit, Field, Part }

    private sealed record Segment(string? Literal, SlotKind Kind);

    private sealed class Template
    {
        public required Segment[] Segments { get; init; }

        public bool HasKeyword => Segments.Any(s => s.Literal is null && s.Kind == SlotKind.Keyword);
    }

    private readonly KeywordIndex _keywords;
    private readonly Dictionary<SlotKind, string[]> _pools;
    private readonly ConcurrentDictionary<(Template, int, string), bool> _admissible = new();
    private readonly ConcurrentDictionary<int, int[]> _keywordsOfKeyword = new();

    private readonly Template[] _titlesWithKeyword;
    private readonly Template[] _titlesPlain;
    private readonly Template[] _titlesDevice;
    private readonly Template[] _intros;
    private readonly Template[] _deviceIntros;
    private readonly Template[] _bodies;
    private readonly Template[] _keywordSentences;
    private readonly Template[] _closings;

    public TextComposer(KeywordIndex keywords)
    {
        _keywords = keywords;
        _pools = new Dictionary<SlotKind, string[]>
        {
            [SlotKind.Step] = Clean(Vocabulary.Steps),
            [SlotKind.Benefit] = Clean(Vocabulary.Benefits),
            [SlotKind.Field] = Clean(Vocabulary.Fields),
            [SlotKind.Part] = Clean(Vocabulary.Parts),
        };
        _titlesWithKeyword = [Parse("一种基于{K}的{T}方法"), Parse("基于{K}的{T}方法及系统"), Parse("一种应用{K}的{T}系统")];
        _titlesPlain = [Parse("一种{T}方法"), Parse("{T}方法、装置及存储介质"), Parse("一种{T}的控制方法")];
        _titlesDevice = [Parse("一种{T}装置"), Parse("{T}设备及其使用方法"), Parse("一种用于{T}的装置")];
        _intros = [Parse("本发明公开了一种{T}方法，属于{F}技术领域。"), Parse("本发明涉及{F}技术领域，具体涉及一种{T}方法。")];
        _deviceIntros = [Parse("本发明提供了一种{T}装置，包括{P}、{P}、{P}。"), Parse("本技术方案涉及一种{T}设备，所述设备包括{P}、{P}，其中，{P}位于{P}一侧。")];
        _bodies = [Parse("该方法包括以下步骤：{S}；{S}；{S}。"), Parse("具体地，首先{S}，然后{S}，最后{S}。")];
        _keywordSentences = [Parse("本发明采用{K}，{B}。"), Parse("通过引入{K}，改进{T}过程，{B}。"), Parse("在上述过程中结合{K}，{B}。")];
        _closings = [Parse("本发明{B}，具有良好的应用前景。"), Parse("与现有技术相比，本发明{B}。"), Parse("本发明结构简单，{B}。")];
        foreach (var t in AllTemplates()) Validate(t);
    }

    /// <summary>Composes a title and an abstract; returns the ids of every keyword they contain.</summary>
    public (string Title, string Abstract, int[] Keywords) Compose(Prng rng, TextRequest request)
    {
        // Called for every simulated record: the builders and lists are the thread's own and reused, since
        // allocating them per record made the collector a fifth of a simulation.
        var scratch = t_scratch ??= new Scratch();
        var found = scratch.Found;
        found.Clear();
        var task = rng.Pick(CleanPool(request.Task));
        var keywordTitle = request.Keyword >= 0 && request.KeywordInTitle;
        var titleTemplate = keywordTitle ? rng.Pick(_titlesWithKeyword) : request.Device ? rng.Pick(_titlesDevice) : rng.Pick(_titlesPlain);
        var sb = scratch.Text.Clear();
        var titled = TryFill(sb, rng, titleTemplate, task, request.Keyword, found);
        if (!titled && keywordTitle)
            titled = TryFill(sb, rng, request.Device ? rng.Pick(_titlesDevice) : rng.Pick(_titlesPlain), task, -1, found);
        var title = titled ? sb.ToString() : task + (request.Device ? "装置" : "方法");

        sb.Clear();
        FillAny(sb, rng, request.Device ? _deviceIntros : _intros, task, -1, found);
        FillAny(sb, rng, _bodies, task, -1, found);
        if (request.Keyword >= 0 && !TryKeywordSentence(sb, rng, task, request.Keyword, found))
            throw new InvalidOperationException($"keyword {_keywords.Display[request.Keyword]} fits no sentence");
        FillAny(sb, rng, _closings, task, -1, found);
        return (title, sb.ToString(), SortedDistinct.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(found), Comparer<int>.Default));
    }

    /// <summary>The keyword sentences in an order drawn by one number each (a stable sort on the draws), the first that fits.</summary>
    private bool TryKeywordSentence(StringBuilder into, Prng rng, string task, int keyword, List<int> found)
    {
        Span<int> draws = stackalloc int[_keywordSentences.Length];
        Span<int> order = stackalloc int[_keywordSentences.Length];
        for (var i = 0; i < draws.Length; i++) { draws[i] = rng.Next(1000); order[i] = i; }
        // Insertion sort keeps equal draws in template order, as a stable sort does.
        for (var i = 1; i < order.Length; i++)
            for (var j = i; j > 0 && draws[order[j - 1]] > draws[order[j]]; j--) (order[j - 1], order[j]) = (order[j], order[j - 1]);
        foreach (var i in order)
            if (TryFill(into, rng, _keywordSentences[i], task, keyword, found)) return true;
        return false;
    }

    /// <summary>The phrases of <paramref name="pool"/> that contain no keyword (cached per pool).</summary>
    public string[] CleanPool(string[] pool) => _cleanPools.GetOrAdd(pool, static (p, self) => self.Clean(p), this);

    private readonly ConcurrentDictionary<string[], string[]> _cleanPools = new();

    /// <summary>A thread's reusable buffers for <see cref="Compose"/>.</summary>
    private sealed class Scratch
    {
        public StringBuilder Text { get; } = new(256);
        public List<int> Found { get; } = [];
        public List<string> Used { get; } = [];
    }

    [ThreadStatic] private static Scratch? t_scratch;

    private void FillAny(StringBuilder into, Prng rng, Template[] templates, string task, int keyword, List<int> found)
    {
        var start = rng.Next(templates.Length);
        for (var i = 0; i < templates.Length; i++)
            if (TryFill(into, rng, templates[(start + i) % templates.Length], task, keyword, found)) return;
        throw new InvalidOperationException($"phrase '{task}' fits none of the sentence templates");
    }

    /// <summary>Whether <paramref name="keyword"/> can be placed in some keyword sentence.</summary>
    public bool Usable(int keyword) => _keywordSentences.Any(t => t.Segments.Where(s => s.Literal is null && s.Kind == SlotKind.Keyword)
        .All(_ => SlotAdmits(t, SlotIndex(t, SlotKind.Keyword), _keywords.Display[keyword])));

    private static int SlotIndex(Template t, SlotKind kind) => Array.FindIndex(t.Segments, s => s.Literal is null && s.Kind == kind);

    /// <summary>
    /// Appends a filled template to <paramref name="into"/>; false, with <paramref name="into"/> as it was, when an
    /// item does not fit its slot.
    /// </summary>
    private bool TryFill(StringBuilder into, Prng rng, Template t, string task, int keyword, List<int> found)
    {
        var start = into.Length;
        var used = (t_scratch ??= new Scratch()).Used;
        used.Clear();
        var keywordPlaced = false;
        for (var i = 0; i < t.Segments.Length; i++)
        {
            var s = t.Segments[i];
            if (s.Literal is not null) { into.Append(s.Literal); continue; }
            string item;
            switch (s.Kind)
            {
                case SlotKind.Keyword:
                    if (keyword < 0) return Undo(into, start);
                    item = _keywords.Display[keyword];
                    if (!SlotAdmits(t, i, item)) return Undo(into, start);
                    keywordPlaced = true;
                    break;
                case SlotKind.Task:
                    item = task;
                    if (!SlotAdmits(t, i, item)) return Undo(into, start);
                    break;
                default:
                    var pool = _pools[s.Kind];
                    item = pool[rng.Next(pool.Length)];
                    var tries = 0;
                    while ((!SlotAdmits(t, i, item) || used.Contains(item)) && tries++ < 20) item = pool[rng.Next(pool.Length)];
                    used.Add(item);
                    if (!SlotAdmits(t, i, item)) return Undo(into, start);
                    break;
            }
            into.Append(item);
        }
        if (keywordPlaced) found.AddRange(KeywordsOf(keyword));
        return true;
    }

    private static bool Undo(StringBuilder into, int start)
    {
        into.Length = start;
        return false;
    }

    private int[] KeywordsOf(int keyword) =>
        _keywordsOfKeyword.GetOrAdd(keyword, static (k, keywords) => [.. keywords.Find(keywords.Display[k])], _keywords);

    /// <summary>Whether an item in slot <paramref name="index"/> creates no keyword beyond its own with the literals around it.</summary>
    private bool SlotAdmits(Template t, int index, string item) => _admissible.GetOrAdd((t, index, item), static (key, keywords) =>
    {
        var (tpl, i, x) = key;
        var left = i > 0 ? tpl.Segments[i - 1].Literal ?? "" : "";
        var right = i + 1 < tpl.Segments.Length ? tpl.Segments[i + 1].Literal ?? "" : "";
        return keywords.Find(left + x + right).SetEquals(keywords.Find(x));
    }, _keywords);

    private string[] Clean(string[] phrases) => phrases.Where(p => _keywords.Find(p).Count == 0).ToArray();

    private IEnumerable<Template> AllTemplates() =>
        _titlesWithKeyword.Concat(_titlesPlain).Concat(_titlesDevice).Concat(_intros).Concat(_deviceIntros).Concat(_bodies).Concat(_keywordSentences).Concat(_closings);

    /// <summary>Literals must hold no keyword, and a literal between two slots must not occur inside any keyword.</summary>
    private void Validate(Template t)
    {
        for (var i = 0; i < t.Segments.Length; i++)
        {
            var lit = t.Segments[i].Literal;
            if (lit is null) continue;
            if (_keywords.Find(lit).Count > 0) throw new InvalidOperationException($"template literal '{lit}' contains a keyword");
            var between = i > 0 && i + 1 < t.Segments.Length && t.Segments[i - 1].Literal is null && t.Segments[i + 1].Literal is null;
            if (between && _keywords.Normalized.Any(k => k.Contains(lit, StringComparison.Ordinal)))
                throw new InvalidOperationException($"template literal '{lit}' occurs inside a keyword and separates two slots");
        }
        for (var i = 1; i < t.Segments.Length; i++)
            if (t.Segments[i].Literal is null && t.Segments[i - 1].Literal is null)
                throw new InvalidOperationException("two adjacent slots in a template");
    }

    private static Template Parse(string text)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { segments.Add(new Segment(text[i..], default)); break; }
            if (open > i) segments.Add(new Segment(text[i..open], default));
            var close = text.IndexOf('}', open);
            var kind = text[(open + 1)..close] switch
            {
                "T" => SlotKind.Task, "K" => SlotKind.Keyword, "S" => SlotKind.Step, "B" => SlotKind.Benefit,
                "F" => SlotKind.Field, "P" => SlotKind.Part, var x => throw new FormatException(x),
            };
            segments.Add(new Segment(null, kind));
            i = close + 1;
        }
        return new Template { Segments = [.. segments] };
    }
}
