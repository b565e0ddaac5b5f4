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
        var found = new SortedSet<int>();
        var task = rng.Pick(CleanPool(request.Task));
        var keywordTitle = request.Keyword >= 0 && request.KeywordInTitle;
        var titleTemplate = keywordTitle ? rng.Pick(_titlesWithKeyword) : request.Device ? rng.Pick(_titlesDevice) : rng.Pick(_titlesPlain);
        var title = Fill(rng, titleTemplate, task, request.Keyword, found);
        if (title is null && keywordTitle)
            title = Fill(rng, request.Device ? rng.Pick(_titlesDevice) : rng.Pick(_titlesPlain), task, -1, found);
        title ??= task + (request.Device ? "装置" : "方法");

        var sb = new StringBuilder(256);
        sb.Append(FillAny(rng, request.Device ? _deviceIntros : _intros, task, -1, found));
        sb.Append(FillAny(rng, _bodies, task, -1, found));
        if (request.Keyword >= 0)
        {
            string? sentence = null;
            foreach (var t in _keywordSentences.OrderBy(_ => rng.Next(1000)))
                if ((sentence = Fill(rng, t, task, request.Keyword, found)) is not null) break;
            sb.Append(sentence ?? throw new InvalidOperationException($"keyword {_keywords.Display[request.Keyword]} fits no sentence"));
        }
        sb.Append(FillAny(rng, _closings, task, -1, found));
        return (title, sb.ToString(), [.. found]);
    }

    /// <summary>The phrases of <paramref name="pool"/> that contain no keyword (cached per pool).</summary>
    public string[] CleanPool(string[] pool) => _cleanPools.GetOrAdd(pool, Clean);

    private readonly ConcurrentDictionary<string[], string[]> _cleanPools = new();

    private string FillAny(Prng rng, Template[] templates, string task, int keyword, SortedSet<int> found)
    {
        var start = rng.Next(templates.Length);
        for (var i = 0; i < templates.Length; i++)
            if (Fill(rng, templates[(start + i) % templates.Length], task, keyword, found) is { } s) return s;
        throw new InvalidOperationException($"phrase '{task}' fits none of the sentence templates");
    }

    /// <summary>Whether <paramref name="keyword"/> can be placed in some keyword sentence.</summary>
    public bool Usable(int keyword) => _keywordSentences.Any(t => t.Segments.Where(s => s.Literal is null && s.Kind == SlotKind.Keyword)
        .All(_ => SlotAdmits(t, SlotIndex(t, SlotKind.Keyword), _keywords.Display[keyword])));

    private static int SlotIndex(Template t, SlotKind kind) => Array.FindIndex(t.Segments, s => s.Literal is null && s.Kind == kind);

    /// <summary>Fills a template; null when the keyword does not fit its slot.</summary>
    private string? Fill(Prng rng, Template t, string task, int keyword, SortedSet<int> found)
    {
        var sb = new StringBuilder(96);
        var added = new List<int>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Segments.Length; i++)
        {
            var s = t.Segments[i];
            if (s.Literal is not null) { sb.Append(s.Literal); continue; }
            string item;
            switch (s.Kind)
            {
                case SlotKind.Keyword:
                    if (keyword < 0) return null;
                    item = _keywords.Display[keyword];
                    if (!SlotAdmits(t, i, item)) return null;
                    added.AddRange(KeywordsOf(keyword));
                    break;
                case SlotKind.Task:
                    item = task;
                    if (!SlotAdmits(t, i, item)) return null;
                    break;
                default:
                    var pool = _pools[s.Kind];
                    item = pool[rng.Next(pool.Length)];
                    var tries = 0;
                    while ((!SlotAdmits(t, i, item) || used.Contains(item)) && tries++ < 20) item = pool[rng.Next(pool.Length)];
                    used.Add(item);
                    if (!SlotAdmits(t, i, item)) return null;
                    break;
            }
            sb.Append(item);
        }
        found.UnionWith(added);
        return sb.ToString();
    }

    private int[] KeywordsOf(int keyword) => _keywordsOfKeyword.GetOrAdd(keyword, k => [.. _keywords.Find(_keywords.Display[k])]);

    /// <summary>Whether an item in slot <paramref name="index"/> creates no keyword beyond its own with the literals around it.</summary>
    private bool SlotAdmits(Template t, int index, string item) => _admissible.GetOrAdd((t, index, item), key =>
    {
        var (tpl, i, x) = key;
        var left = i > 0 ? tpl.Segments[i - 1].Literal ?? "" : "";
        var right = i + 1 < tpl.Segments.Length ? tpl.Segments[i + 1].Literal ?? "" : "";
        return _keywords.Find(left + x + right).SetEquals(_keywords.Find(x));
    });

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
