using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Patents.Ipc;
using Etl.Patents.Matching;
using Etl.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Etl.Patents.Tests;

/// <summary>
/// The fast matcher against the definition written as plainly as possible (<see cref="KdtDefinition"/>):
/// random applications drawn from codes near the KDT patterns and texts made of keywords and filler.
/// </summary>
public class MatcherOracleTests
{
    private static readonly KdtDefinition s_oracle = new(RepoPaths.LoadedMappings);
    private static readonly KdtMatcher s_fast = new(RepoPaths.LoadedMappings, MatchMode.IpcAndKeyword);
    private static readonly KdtMatcher s_fastIpcOnly = new(RepoPaths.LoadedMappings, MatchMode.IpcOnly);

    private static readonly IpcCode[] s_codes = BuildCodes();
    private static readonly string[] s_words = BuildWords();

    private static IpcCode[] BuildCodes()
    {
        var m = RepoPaths.LoadedMappings;
        var list = new List<IpcCode>();
        foreach (var p in m.Kdt.Branches.SelectMany(b => b.Patterns).DistinctBy(p => p.Text).Take(600))
        {
            list.Add(new IpcCode(p.Subclass, p.Level == IpcPatternLevel.Subclass ? 7 : p.MainGroup, p.Level is IpcPatternLevel.Subgroup or IpcPatternLevel.SubgroupTree ? IpcCode.NormalizeSubgroup(p.Subgroup.PadRight(2, '0')) : "00"));
            list.Add(new IpcCode(p.Subclass, p.MainGroup + 1, "12"));
        }
        list.AddRange(m.Reclassification.All.Select(r => new IpcCode(r.Old.Subclass, Math.Max(1, r.Old.MainGroup), "62")));
        list.AddRange(m.Industries.Classes.Take(120).Select(c => new IpcCode(c + "B", 3, "00")));
        return [.. list.Distinct()];
    }

    private static string[] BuildWords()
    {
        var keywords = RepoPaths.LoadedMappings.Kdt.Branches.SelectMany(b => b.Keywords).Distinct().Take(400);
        string[] filler = ["一种", "方法", "系统", "装置", "的", "AB", "x", "INFO", "数据", "农业", "芯片", "，", "ｇｐｕ", "gpu", "5G", " "];
        return [.. keywords, .. filler];
    }

    private static readonly Gen<(IpcCode[] Codes, string Text)> s_applications =
        from n in Gen.Choose(1, 5)
        from codes in Gen.ArrayOf(Gen.Elements(s_codes), n)
        from w in Gen.Choose(0, 8)
        from words in Gen.ArrayOf(Gen.Elements(s_words), w)
        select (codes, string.Concat(words));

    [FsCheck.Xunit.Property(MaxTest = 1500)]
    public Property Fast_matcher_agrees_with_the_definition() => Prop.ForAll(s_applications.ToArbitrary(), app =>
        Same(s_fast, app.Codes, app.Text, MatchMode.IpcAndKeyword) && Same(s_fastIpcOnly, app.Codes, app.Text, MatchMode.IpcOnly));

    private static bool Same(KdtMatcher matcher, IpcCode[] codes, string text, MatchMode mode)
    {
        // The stage drops codes of subclasses the IPC lacks before classifying (they count as unparsable),
        // so the definition sees the codes the session kept.
        var session = matcher.CreateSession();
        var packed = codes.Select(IpcNotation.Pack).Distinct().ToList();
        var removed = session.Prepare(packed);
        var kept = codes.Distinct().Where(c => RepoPaths.LoadedMappings.Subclasses.Contains(c.Subclass)).ToArray();
        if (removed != codes.Distinct().Count() - kept.Length) return false;
        var expected = s_oracle.Classify(kept, text, mode);
        var got = session.Classify(text);
        var industries = session.RealIndustries.Select(i => matcher.Industries[i]).Order(StringComparer.Ordinal);
        var digitalSubs = session.DigitalSubclasses.Select(KdtMatcher.SubclassName).Order(StringComparer.Ordinal);
        var realSubs = session.RealSubclasses.Select(KdtMatcher.SubclassName).Order(StringComparer.Ordinal);
        var branches = session.ConfirmedBranches.Select(b => matcher.BranchIds[b]);
        return got.Digital == expected.Digital && got.Integrated == expected.Integrated && got.RealOnly == expected.RealOnly
               && got.Technologies == expected.TechnologyMask && industries.SequenceEqual(expected.Industries)
               && digitalSubs.SequenceEqual(expected.DigitalSubclasses) && realSubs.SequenceEqual(expected.RealSubclasses)
               && branches.SequenceEqual(expected.Branches);
    }

    [Fact]
    public void The_keyword_automaton_finds_what_plain_search_finds()
    {
        var keywords = RepoPaths.LoadedMappings.Kdt.Branches.SelectMany(b => b.Keywords).Select(KeywordText.Normalize).Distinct().ToList();
        var automaton = new KeywordAutomaton(keywords);
        var rng = new Random(7);
        for (var t = 0; t < 300; t++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => s_words[rng.Next(s_words.Length)]));
            var normalized = KeywordText.Normalize(text);
            var expected = keywords.Select((k, i) => (k, i)).Where(x => KeywordText.Occurs(normalized, x.k)).Select(x => x.i).ToHashSet();
            var sink = new CollectSink { Found = [] };
            automaton.Search(text, ref sink);
            Assert.True(expected.SetEquals(sink.Found), $"'{text}': expected {string.Join(",", expected.Select(i => keywords[i]))}, got {string.Join(",", sink.Found.Select(i => keywords[i]))}");
        }
    }

    [Fact]
    public void Searching_utf8_bytes_finds_what_searching_the_decoded_text_finds()
    {
        var keywords = RepoPaths.LoadedMappings.Kdt.Branches.SelectMany(b => b.Keywords).Select(KeywordText.Normalize).Distinct().ToList();
        var automaton = new KeywordAutomaton(keywords);
        // Two-byte (é), three-byte and four-byte (𠀀, outside the BMP) characters next to keywords and Latin letters.
        string[] extra = ["é", "𠀀", "Ａ", "x𠀀", "\u00A0", "ÿ"];
        var words = s_words.Concat(extra).ToArray();
        var rng = new Random(11);
        for (var t = 0; t < 2000; t++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 14)).Select(_ => words[rng.Next(words.Length)]));
            var chars = new CollectSink { Found = [] };
            automaton.Search(text, ref chars);
            var bytes = new CollectSink { Found = [] };
            automaton.SearchUtf8(System.Text.Encoding.UTF8.GetBytes(text), ref bytes);
            Assert.True(chars.Found.SetEquals(bytes.Found), $"'{text}': chars found {string.Join(",", chars.Found.Select(i => keywords[i]))}, bytes {string.Join(",", bytes.Found.Select(i => keywords[i]))}");
        }
    }

    [Fact]
    public void A_long_text_walked_in_two_halves_finds_every_keyword_whatever_its_place_about_the_middle()
    {
        // Texts long enough to be walked in two halves (as characters; UTF-8 is walked once, and checked the same way),
        // with a keyword planted at each place from well before the middle to well after it: straddling it, ending
        // just before it, starting at the second walk's start. Latin keywords are planted next to Latin letters too,
        // where the boundary rule must refuse them.
        var keywords = RepoPaths.LoadedMappings.Kdt.Branches.SelectMany(b => b.Keywords).Select(KeywordText.Normalize).Distinct().ToList();
        var automaton = new KeywordAutomaton(keywords);
        var longest = keywords.Max(k => k.Length);
        string[] filler = ["的", "一", "x", "é", "𠀀", "，", "Q"];
        var rng = new Random(29);
        var checkedTexts = 0;
        for (var t = 0; t < 400; t++)
        {
            var length = rng.Next(4 * longest, 12 * longest);
            // Every other text plants one of the longest keywords, which only an overlap of full length finds.
            var keyword = t % 2 == 0 ? keywords.Where(k => k.Length == longest).ElementAt(rng.Next(keywords.Count(k => k.Length == longest))) : keywords[rng.Next(keywords.Count)];
            var body = new System.Text.StringBuilder();
            while (body.Length < length) body.Append(filler[rng.Next(filler.Length)]);
            foreach (var offset in Enumerable.Range(-2 * longest, 4 * longest))
            {
                var at = Math.Clamp(body.Length / 2 + offset, 0, body.Length);
                if (at > 0 && char.IsLowSurrogate(body[at])) at--;
                var text = body.ToString().Insert(at, keyword);
                var normalized = KeywordText.Normalize(text);
                var expected = keywords.Select((k, i) => (k, i)).Where(x => KeywordText.Occurs(normalized, x.k)).Select(x => x.i).ToHashSet();
                var chars = new CollectSink { Found = [] };
                automaton.Search(text, ref chars);
                Assert.True(expected.SetEquals(chars.Found), $"'{text}' (chars): expected {string.Join(",", expected.Select(i => keywords[i]))}, got {string.Join(",", chars.Found.Select(i => keywords[i]))}");
                var bytes = new CollectSink { Found = [] };
                automaton.SearchUtf8(System.Text.Encoding.UTF8.GetBytes(text), ref bytes);
                Assert.True(expected.SetEquals(bytes.Found), $"'{text}' (UTF-8): expected {string.Join(",", expected.Select(i => keywords[i]))}, got {string.Join(",", bytes.Found.Select(i => keywords[i]))}");
                // A sink that asks to stop at its first keyword stops the search there, whichever walk found it.
                var stop = new StopSink();
                Assert.Equal(expected.Count == 0, automaton.Search(text, ref stop));
                Assert.Equal(Math.Min(1, expected.Count), stop.Calls);
                checkedTexts++;
            }
        }
        Assert.True(checkedTexts > 10_000);
    }

    [Fact]
    public void Title_and_abstract_searched_in_turn_classify_as_the_joined_text()
    {
        var rng = new Random(13);
        for (var t = 0; t < 1000; t++)
        {
            var codes = Enumerable.Range(0, rng.Next(1, 5)).Select(_ => IpcNotation.Pack(s_codes[rng.Next(s_codes.Length)])).Distinct().ToList();
            string Text() => string.Concat(Enumerable.Range(0, rng.Next(0, 6)).Select(_ => s_words[rng.Next(s_words.Length)]));
            var (title, summary) = (Text(), Text());
            var joined = s_fast.CreateSession();
            joined.Prepare([.. codes]);
            var expected = joined.Classify(title + "\n" + summary);
            var parts = s_fast.CreateSession();
            parts.Prepare([.. codes]);
            parts.StartText();
            parts.SearchText(System.Text.Encoding.UTF8.GetBytes(title));
            parts.SearchText(System.Text.Encoding.UTF8.GetBytes(summary));
            var got = parts.Finish();
            Assert.Equal(expected, got);
            Assert.Equal(joined.ConfirmedBranches, parts.ConfirmedBranches);
        }
    }

    private struct CollectSink : IKeywordSink
    {
        public HashSet<int> Found;

        readonly bool IKeywordSink.Found(int keyword)
        {
            Found.Add(keyword);
            return true;
        }
    }

    /// <summary>Asks to stop at the first keyword, and counts the calls.</summary>
    private struct StopSink : IKeywordSink
    {
        public int Calls;

        bool IKeywordSink.Found(int keyword)
        {
            Calls++;
            return false;
        }
    }
}
