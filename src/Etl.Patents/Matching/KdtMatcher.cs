using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Domain.Mappings;
using Etl.Patents.Ipc;

namespace Etl.Patents.Matching;

/// <summary>
/// The fast form of <see cref="KdtDefinition"/>: the same definition of digital, integrated and real-only
/// applications, computed with per-subclass pattern indexes, a cache per distinct code, and one
/// Aho-Corasick pass over the text for all keywords. <see cref="KdtDefinition"/> is its test oracle.
/// </summary>
/// <remarks>Thread-safe: the tables are read-only after construction; callers keep their own code cache (<see cref="Session"/>).</remarks>
public sealed class KdtMatcher
{
    private sealed class SubclassPatterns
    {
        public BranchSet? Whole;
        public readonly Dictionary<int, BranchSet> MainGroups = [];
        public readonly List<(int MainGroup, string Prefix, BranchSet Branches)> Trees = [];
        public readonly Dictionary<(int MainGroup, string Subgroup), BranchSet> Exact = [];
    }

    private readonly Dictionary<string, SubclassPatterns> _patterns = new(StringComparer.Ordinal);
    private readonly IpcReclassificationTable _reclassification;
    private readonly IpcSubclassTable _knownSubclasses;
    private readonly IndustryTable _industries;
    private readonly Dictionary<string, int> _industryIndex;
    private readonly BranchSet[] _keywordBranches;
    private readonly int[] _branchTechnology;

    /// <summary>Builds the indexes from the mapping tables.</summary>
    public KdtMatcher(MappingSet mappings, MatchMode mode)
    {
        Mode = mode;
        var branches = mappings.Kdt.Branches;
        BranchCount = branches.Count;
        BranchIds = branches.Select(b => b.Id).ToArray();
        _branchTechnology = branches.Select(b => b.TechnologyId).ToArray();
        for (var i = 0; i < branches.Count; i++)
            foreach (var p in branches[i].Patterns)
            {
                if (!_patterns.TryGetValue(p.Subclass, out var sp)) _patterns[p.Subclass] = sp = new SubclassPatterns();
                switch (p.Level)
                {
                    case IpcPatternLevel.Subclass: (sp.Whole ??= new BranchSet(BranchCount)).Add(i); break;
                    case IpcPatternLevel.MainGroup: Get(sp.MainGroups, p.MainGroup).Add(i); break;
                    case IpcPatternLevel.SubgroupTree:
                        var tree = sp.Trees.FindIndex(t => t.MainGroup == p.MainGroup && t.Prefix == p.Subgroup);
                        if (tree < 0) { sp.Trees.Add((p.MainGroup, p.Subgroup, new BranchSet(BranchCount))); tree = sp.Trees.Count - 1; }
                        sp.Trees[tree].Branches.Add(i);
                        break;
                    default: Get(sp.Exact, (p.MainGroup, p.Subgroup)).Add(i); break;
                }
            }
        _reclassification = mappings.Reclassification;
        _knownSubclasses = mappings.Subclasses;
        _industries = mappings.Industries;
        Industries = mappings.Industries.Industries.Where(x => x.Sector == IndustrySector.Real).Select(x => x.Code).ToArray();
        _industryIndex = Industries.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

        var keywordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var keywordBranches = new List<BranchSet>();
        for (var i = 0; i < branches.Count; i++)
            foreach (var k in branches[i].Keywords.Select(KeywordText.Normalize))
            {
                if (!keywordIds.TryGetValue(k, out var id))
                {
                    keywordIds[k] = id = keywordBranches.Count;
                    keywordBranches.Add(new BranchSet(BranchCount));
                }
                keywordBranches[id].Add(i);
            }
        _keywordBranches = [.. keywordBranches];
        Keywords = new KeywordAutomaton(keywordIds.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToList());
    }

    private BranchSet Get<TKey>(Dictionary<TKey, BranchSet> d, TKey key) where TKey : notnull
    {
        if (!d.TryGetValue(key, out var s)) d[key] = s = new BranchSet(BranchCount);
        return s;
    }

    /// <summary>Keyword confirmation or IPC only.</summary>
    public MatchMode Mode { get; }

    /// <summary>Number of KDT branches.</summary>
    public int BranchCount { get; }

    /// <summary>Branch id (as in <c>kdt_branches.csv</c>) of each branch index.</summary>
    public int[] BranchIds { get; }

    /// <summary>Real-economy industries (NACE division codes), by industry index.</summary>
    public string[] Industries { get; }

    /// <summary>The keyword automaton.</summary>
    public KeywordAutomaton Keywords { get; }

    /// <summary>Branches whose keywords include keyword <paramref name="keyword"/>.</summary>
    public BranchSet KeywordBranches(int keyword) => _keywordBranches[keyword];

    /// <summary>Technology (1-7) of branch index <paramref name="branch"/>.</summary>
    public int TechnologyOf(int branch) => _branchTechnology[branch];

    /// <summary>Subclass text of a subclass index (<see cref="IpcCode.SubclassNumber"/>).</summary>
    public static string SubclassName(int index) => IpcCode.SubclassOf(index);

    /// <summary>Computes what the mappings say about a code (callers cache it).</summary>
    public CodeClass Classify(IpcCode code)
    {
        BranchSet? branches = null;
        foreach (var candidate in _reclassification.Replace(code).Prepend(code))
            if (PatternBranches(candidate) is { } b)
            {
                branches ??= new BranchSet(BranchCount);
                branches.UnionWith(b);
            }
        var industry = _industries.ForCode(code) is { Sector: IndustrySector.Real } ind ? _industryIndex[ind.Code] : -1;
        // The subclass's number in IPC order, not an index handed out on first sight: the same in every run and on
        // every thread, so cached results of one run fold with records read in another.
        return new CodeClass(branches, industry, IpcCode.SubclassNumber(code.Subclass), _knownSubclasses.Contains(code.Subclass));
    }

    private BranchSet? PatternBranches(IpcCode code)
    {
        if (!_patterns.TryGetValue(code.Subclass, out var sp)) return null;
        BranchSet? result = null;
        void Add(BranchSet? s)
        {
            if (s is null) return;
            result ??= new BranchSet(BranchCount);
            result.UnionWith(s);
        }
        Add(sp.Whole);
        Add(sp.MainGroups.GetValueOrDefault(code.MainGroup));
        foreach (var (mg, prefix, b) in sp.Trees)
            if (mg == code.MainGroup && code.Subgroup.StartsWith(prefix, StringComparison.Ordinal)) Add(b);
        Add(sp.Exact.GetValueOrDefault((code.MainGroup, code.Subgroup)));
        return result;
    }

    /// <summary>A per-thread classifier with its own cache of codes and buffers.</summary>
    public Session CreateSession() => new(this);

    /// <summary>How one application counts, as computed by a <see cref="Session"/>.</summary>
    public struct Outcome
    {
        /// <summary>Some code falls in a confirmed KDT branch.</summary>
        public bool Digital;

        /// <summary>Digital and carrying a real-economy code that is not itself digital.</summary>
        public bool Integrated;

        /// <summary>A real-economy code and no digital code.</summary>
        public bool RealOnly;

        /// <summary>Bit t-1 set for each technology t (1-7) of a confirmed branch.</summary>
        public byte Technologies;
    }

    /// <summary>Classifies applications on one thread. Not thread-safe; make one per worker.</summary>
    /// <remarks>
    /// The cache of codes is compact, because it is read for every code of every record: code to entry in one
    /// table, entries as structs, and each distinct branch set once, in one flat array of words.
    /// </remarks>
    public sealed class Session
    {
        /// <summary>A cached code: its class, with its branch set as an offset into <see cref="_setWords"/> (-1: none).</summary>
        private readonly record struct CachedCode(int Set, int Industry, int Subclass, bool Known);

        private readonly KdtMatcher _m;
        private readonly int _wordsPerSet;
        private readonly Dictionary<long, CachedCode> _cache = [];
        private readonly Dictionary<string, int> _setOffsets = new(StringComparer.Ordinal);
        private ulong[] _setWords;
        private int _setWordCount;
        private readonly ulong[] _confirmable;
        private readonly ulong[] _candidates;
        private readonly ulong[] _confirmed;
        private readonly List<CachedCode> _classes = new(8);

        internal Session(KdtMatcher m)
        {
            _m = m;
            _wordsPerSet = (m.BranchCount + 63) / 64;
            _confirmable = new ulong[_wordsPerSet];
            _candidates = new ulong[_wordsPerSet];
            _confirmed = new ulong[_wordsPerSet];
            _setWords = new ulong[_wordsPerSet * 64];
        }

        /// <summary>Industry indices of the real-economy codes of the last application classified.</summary>
        public List<int> RealIndustries { get; } = new(4);

        /// <summary>Confirmed KDT branches (indices) of the last application classified, ascending.</summary>
        public List<int> ConfirmedBranches { get; } = new(8);

        /// <summary>Subclass indices of the digital codes of the last application classified.</summary>
        public List<int> DigitalSubclasses { get; } = new(4);

        /// <summary>Subclass indices of the real-economy codes of the last application classified.</summary>
        public List<int> RealSubclasses { get; } = new(4);

        private CachedCode Lookup(long packed)
        {
            if (!_cache.TryGetValue(packed, out var c))
            {
                var cls = _m.Classify(IpcNotation.Unpack(packed));
                _cache[packed] = c = new CachedCode(cls.Branches is { } b ? Intern(b) : -1, cls.Industry, cls.Subclass, cls.Known);
            }
            return c;
        }

        /// <summary>The offset of a branch set's words, stored once per distinct set.</summary>
        private int Intern(BranchSet set)
        {
            var key = string.Join(',', set.Words.ToArray());
            if (_setOffsets.TryGetValue(key, out var offset)) return offset;
            if (_setWordCount + _wordsPerSet > _setWords.Length) Array.Resize(ref _setWords, _setWords.Length * 2);
            offset = _setWordCount;
            set.Words.CopyTo(_setWords.AsSpan(offset));
            _setWordCount += _wordsPerSet;
            _setOffsets[key] = offset;
            return offset;
        }

        private ReadOnlySpan<ulong> SetOf(CachedCode c) => _setWords.AsSpan(c.Set, _wordsPerSet);

        private bool Confirmed(CachedCode c)
        {
            if (c.Set < 0) return false;
            var set = SetOf(c);
            for (var w = 0; w < set.Length; w++) if ((set[w] & _confirmable[w]) != 0) return true;
            return false;
        }

        /// <summary>Removes codes of subclasses the IPC does not have; returns how many were removed.</summary>
        public int RemoveUnknown(List<long> codes) => Prepare(codes);

        /// <summary>
        /// Looks every code up once: removes codes of subclasses the IPC does not have (returning how many) and
        /// keeps the classes of the rest, with the union of their candidate branches, for <see cref="NeedsText"/>
        /// and <see cref="Classify(ReadOnlySpan{char})"/>.
        /// </summary>
        public int Prepare(List<long> codes)
        {
            _classes.Clear();
            Array.Clear(_candidates);
            var kept = 0;
            for (var i = 0; i < codes.Count; i++)
            {
                var c = Lookup(codes[i]);
                if (!c.Known) continue;
                codes[kept++] = codes[i];
                _classes.Add(c);
                if (c.Set < 0) continue;
                var set = SetOf(c);
                for (var w = 0; w < set.Length; w++) _candidates[w] |= set[w];
            }
            var removed = codes.Count - kept;
            codes.RemoveRange(kept, removed);
            return removed;
        }

        /// <summary>Whether a code of the prepared application has a KDT pattern, so that the text must be searched.</summary>
        public bool NeedsText()
        {
            foreach (var w in _candidates) if (w != 0) return true;
            return false;
        }

        /// <summary>Prepares and classifies in one call (codes must be distinct).</summary>
        public Outcome Classify(List<long> codes, ReadOnlySpan<char> text)
        {
            Prepare(codes);
            return Classify(text);
        }

        /// <summary>Classifies the prepared application from its title and abstract (one text).</summary>
        public Outcome Classify(ReadOnlySpan<char> text)
        {
            StartText();
            SearchText(text);
            return Finish();
        }

        /// <summary>
        /// Starts the keyword confirmation of the prepared application; its text is then given in parts
        /// (title, abstract) to <see cref="SearchText(ReadOnlySpan{byte})"/> while <see cref="WantsText"/>,
        /// and <see cref="Finish"/> gives the outcome. Searching parts one by one finds what searching them
        /// joined by a line break finds.
        /// </summary>
        public void StartText()
        {
            Array.Clear(_confirmable);
            if (_m.Mode == MatchMode.IpcOnly) Array.Fill(_confirmable, ulong.MaxValue);
            WantsText = _m.Mode != MatchMode.IpcOnly && NeedsText();
        }

        /// <summary>Whether a candidate branch is still unconfirmed, so that more text may change the outcome.</summary>
        public bool WantsText { get; private set; }

        /// <summary>Searches one part of the text, as characters. The keyword search stops once every candidate branch is confirmed.</summary>
        public void SearchText(ReadOnlySpan<char> text)
        {
            if (!WantsText) return;
            var sink = new ConfirmSink(_m, _confirmable, _candidates);
            WantsText = _m.Keywords.Search(text, ref sink);
        }

        /// <summary>Searches one part of the text, as UTF-8 bytes.</summary>
        public void SearchText(ReadOnlySpan<byte> utf8)
        {
            if (!WantsText) return;
            var sink = new ConfirmSink(_m, _confirmable, _candidates);
            WantsText = _m.Keywords.SearchUtf8(utf8, ref sink);
        }

        /// <summary>The outcome of the prepared application from the keywords found since <see cref="StartText"/>.</summary>
        public Outcome Finish()
        {
            RealIndustries.Clear();
            ConfirmedBranches.Clear();
            DigitalSubclasses.Clear();
            RealSubclasses.Clear();
            var outcome = new Outcome();
            // The confirmed branches of all codes as one set, listed once in ascending order (a code may fall in
            // dozens of branches, and IPC-only matching confirms all of them).
            Array.Clear(_confirmed);
            foreach (var c in _classes)
            {
                if (!Confirmed(c)) continue;
                outcome.Digital = true;
                AddDistinct(DigitalSubclasses, c.Subclass);
                var words = SetOf(c);
                for (var w = 0; w < words.Length; w++) _confirmed[w] |= words[w] & _confirmable[w];
            }
            for (var w = 0; w < _confirmed.Length; w++)
            {
                var bits = _confirmed[w];
                while (bits != 0)
                {
                    var b = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    outcome.Technologies |= (byte)(1 << (_m._branchTechnology[b] - 1));
                    ConfirmedBranches.Add(b);
                    bits &= bits - 1;
                }
            }
            foreach (var c in _classes)
            {
                if (c.Industry < 0 || Confirmed(c)) continue;
                AddDistinct(RealIndustries, c.Industry);
                AddDistinct(RealSubclasses, c.Subclass);
            }
            var real = RealIndustries.Count > 0;
            outcome.Integrated = outcome.Digital && real;
            outcome.RealOnly = !outcome.Digital && real;
            return outcome;
        }

        private static void AddDistinct(List<int> list, int value)
        {
            if (!list.Contains(value)) list.Add(value);
        }
    }

    private struct ConfirmSink(KdtMatcher m, ulong[] confirmable, ulong[] candidates) : IKeywordSink
    {
        /// <summary>Adds the keyword's branches; false (stop) once every candidate branch is confirmed.</summary>
        public readonly bool Found(int keyword)
        {
            var words = m._keywordBranches[keyword].Words;
            var open = false;
            for (var i = 0; i < words.Length; i++)
            {
                confirmable[i] |= words[i];
                open |= (candidates[i] & ~confirmable[i]) != 0;
            }
            return open;
        }
    }
}
