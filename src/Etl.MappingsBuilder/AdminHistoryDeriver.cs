using Etl.Domain;
using Etl.Domain.Mappings;
using static Etl.Domain.Mappings.AdminEventTypes;

namespace Etl.MappingsBuilder;

/// <summary>Events, successions and derivation notes produced from the code history.</summary>
internal sealed record AdminHistory(List<AdminEvent> Events, List<CodeSuccession> Successions, List<string> Notes);

/// <summary>
/// Turns the year-to-year area diffs into typed events and code successions. An edge <c>old → new</c> means
/// the territory of <c>old</c> (source list) intersects that of <c>new</c> (target list).
/// </summary>
internal static class AdminHistoryDeriver
{
    private sealed record Edge(int Old, int New, bool Transfer, AreaDiffBlock Block, int Line);

    public static AdminHistory Derive(IReadOnlyDictionary<int, AreaCodeList> lists, string diffDirectory, int firstYear, int lastYear)
    {
        var events = new List<AdminEvent>();
        var successions = new List<CodeSuccession>();
        var notes = new List<string>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var file = Path.Combine(diffDirectory, $"{year - 1}-{year}.diff");
            DeriveYear(year, lists[year - 1], lists[year], AreaDiff.Parse(file), Path.GetFileName(file), events, successions, notes);
        }
        return new AdminHistory(events, successions, notes);
    }

    private static void DeriveYear(int year, AreaCodeList a, AreaCodeList b, List<AreaDiffBlock> blocks, string fileName,
        List<AdminEvent> events, List<CodeSuccession> successions, List<string> notes)
    {
        var edges = CollectEdges(a, b, blocks, fileName, notes);
        var successorsOf = edges.Where(e => !e.Transfer).GroupBy(e => e.Old).ToDictionary(g => g.Key, g => g.Select(e => e.New).Distinct().ToList());
        bool Whole(Edge e) => !e.Transfer && successorsOf.TryGetValue(e.Old, out var s) && s.Count == 1;

        // Which target-list prefecture each source-list prefecture became (same code, or re-coded with the same territory).
        var identity = new Dictionary<int, int>();
        var yearEvents = new List<AdminEvent>();
        var seq = 0;
        string NextId() => $"{year}-{++seq:D3}";

        var prefA = a.Codes.Where(c => AreaCodeList.IsPrefecture(c) || (AreaCodeList.IsProvince(c) && AreaCodeList.IsMunicipality(c))).ToList();
        var prefB = b.Codes.Where(c => AreaCodeList.IsPrefecture(c) || (AreaCodeList.IsProvince(c) && AreaCodeList.IsMunicipality(c))).ToHashSet();
        var convertedTargets = new HashSet<int>();

        foreach (var p in prefA)
        {
            if (b.Contains(p))
            {
                identity[p] = p;
                if (a.Name(p) != b.Name(p))
                {
                    var block = BlockOf(edges, blocks, p);
                    yearEvents.Add(Event(NextId(), year, block, PrefectureRenamed, p, a.Name(p), p, b.Name(p), [p]));
                    successions.Add(new CodeSuccession(year, new CityCode(p), a.Name(p), new CityCode(p), b.Name(p), true));
                }
                continue;
            }
            var children = a.CountiesOf(p).ToHashSet();
            var targets = edges.Where(e => children.Contains(e.Old)).Select(e => b.PrefectureOf(e.New)).OfType<int>().Distinct().Order().ToList();
            var blk = BlockOf(edges, blocks, p, children);
            if (targets.Count == 1 && !a.Contains(targets[0]) && IsConversion(p, targets[0], a, b, edges))
            {
                var q = targets[0];
                identity[p] = q;
                convertedTargets.Add(q);
                yearEvents.Add(Event(NextId(), year, blk, PrefectureConverted, p, a.Name(p), q, b.Name(q), [p, q]));
                successions.Add(new CodeSuccession(year, new CityCode(p), a.Name(p), new CityCode(q), b.Name(q), true));
            }
            else
            {
                var counterpart = targets.Count == 1 ? targets[0] : (int?)null;
                var names = string.Join("、", targets.Select(b.Name));
                yearEvents.Add(Event(NextId(), year, blk, PrefectureAbolished, p, a.Name(p), counterpart, names, [p, .. targets]));
                foreach (var t in targets)
                    successions.Add(new CodeSuccession(year, new CityCode(p), a.Name(p), new CityCode(t), b.Name(t), targets.Count == 1));
                if (targets.Count == 0) notes.Add($"{fileName}: prefecture {p} {a.Name(p)} disappears without successors");
            }
        }

        foreach (var q in prefB.Where(q => !a.Contains(q) && !convertedTargets.Contains(q)).Order())
        {
            var children = b.CountiesOf(q).Append(q).ToHashSet();
            var sources = edges.Where(e => children.Contains(e.New)).Select(e => e.Old).Distinct().Order().ToList();
            var sourcePrefectures = sources.Select(a.PrefectureOf).OfType<int>().Distinct().Order().ToList();
            var blk = BlockOf(edges, blocks, q, children);
            var counterpart = sources.Count == 1 ? sources[0] : (int?)null;
            yearEvents.Add(Event(NextId(), year, blk, PrefectureEstablished, q, b.Name(q), counterpart,
                string.Join("、", sources.Select(a.Name)), [q, .. sourcePrefectures]));
            if (sources.Count == 0) notes.Add($"{fileName}: prefecture {q} {b.Name(q)} appears without resolvable predecessors");
        }

        var seen = new HashSet<(string, int, int)>();
        foreach (var e in edges)
        {
            if (!IsCounty(e.Old) || !IsCounty(e.New)) continue;
            var oldName = a.Name(e.Old);
            var newName = b.Name(e.New);
            if (e.Old == e.New && oldName == newName) continue;
            var po = a.PrefectureOf(e.Old);
            var pn = b.PrefectureOf(e.New);
            var mapped = po is { } x ? identity.GetValueOrDefault(x, -1) : (int?)null;
            var cross = mapped != pn;
            string type;
            List<int> touched;
            if (cross)
            {
                type = Whole(e) ? CountyMoved : PartialTransferBetweenPrefectures;
                touched = new[] { po, pn }.OfType<int>().Distinct().ToList();
            }
            else
            {
                type = ClassifyWithin(e, oldName, newName, a, edges, Whole(e));
                touched = pn is { } y ? [y] : [];
            }
            if (!seen.Add((type, e.Old, e.New))) continue;
            yearEvents.Add(Event(NextId(), year, e.Block, type, e.Old, oldName, e.New, newName, touched));
        }

        foreach (var e in edges.DistinctBy(e => (e.Old, e.New)))
        {
            if (e.Old == e.New && a.Name(e.Old) == b.Name(e.New)) continue;
            if (!IsCounty(e.Old) && !IsCounty(e.New)) continue;
            successions.Add(new CodeSuccession(year, new CityCode(e.Old), a.Name(e.Old), new CityCode(e.New), b.Name(e.New), Whole(e)));
        }
        events.AddRange(yearEvents);
    }

    private static string ClassifyWithin(Edge e, string oldName, string newName, AreaCodeList a, List<Edge> edges, bool whole)
    {
        static bool District(string n) => n.EndsWith('区');
        if (e.Transfer || (!whole && a.Contains(e.New))) return PartialTransferWithinPrefecture;
        if (e.Old == e.New) return CountyRenamed;
        if (!District(oldName) && District(newName)) return CountyToDistrict;
        if (District(oldName) && District(newName))
        {
            var sources = edges.Count(x => x.New == e.New && !x.Transfer);
            return a.Contains(e.New) || sources > 1 ? DistrictMerger : CountyReorganised;
        }
        if (oldName.EndsWith('县') && newName.EndsWith('市')) return CountyToCity;
        return CountyReorganised;
    }

    private static bool IsCounty(int code) => code % 100 != 0;

    /// <summary>A prefecture was re-coded (地区改市) when its counties map one-to-one onto the new unit's.</summary>
    private static bool IsConversion(int p, int q, AreaCodeList a, AreaCodeList b, List<Edge> edges)
    {
        var fromP = a.CountiesOf(p).ToHashSet();
        var intoQ = b.CountiesOf(q).ToHashSet();
        var sources = edges.Where(e => intoQ.Contains(e.New)).Select(e => e.Old).ToHashSet();
        var targets = edges.Where(e => fromP.Contains(e.Old)).Select(e => e.New).ToHashSet();
        return sources.All(fromP.Contains) && targets.All(intoQ.Contains);
    }

    private static List<Edge> CollectEdges(AreaCodeList a, AreaCodeList b, List<AreaDiffBlock> blocks, string fileName, List<string> notes)
    {
        var edges = new List<Edge>();
        foreach (var block in blocks)
            foreach (var line in block.Lines)
            {
                if (line.Selectors.Count == 0) continue;
                var intoTarget = line.Sign == '-' || (line.Sign == '=' && line.Direction == '>');
                var (own, target) = intoTarget ? (a, b) : (b, a);
                foreach (var selector in line.Selectors)
                {
                    var hit = SelectorResolver.Resolve(selector, line.Code, line.Name, own, target);
                    if (hit is null)
                    {
                        notes.Add($"{fileName}:{line.LineNumber}: selector '{selector}' of {line.Code} {line.Name} resolves to no single record");
                        continue;
                    }
                    edges.Add(intoTarget
                        ? new Edge(line.Code, hit.Value, line.Sign == '=', block, line.LineNumber)
                        : new Edge(hit.Value, line.Code, line.Sign == '=', block, line.LineNumber));
                }
            }
        return edges;
    }

    private static AreaDiffBlock? BlockOf(List<Edge> edges, List<AreaDiffBlock> blocks, int code, ISet<int>? related = null)
    {
        var direct = blocks.FirstOrDefault(b => b.Lines.Any(l => l.Code == code));
        if (direct is not null && direct.Document.Length > 0) return direct;
        if (related is not null)
        {
            var e = edges.FirstOrDefault(x => (related.Contains(x.Old) || related.Contains(x.New)) && x.Block.Document.Length > 0);
            if (e is not null) return e.Block;
        }
        return direct;
    }

    private static AdminEvent Event(string id, int year, AreaDiffBlock? block, string type, int subject, string subjectName,
        int? counterpart, string counterpartName, IEnumerable<int> prefectures) =>
        new(id, year, block is null ? "" : ChineseDate.ToIso(block.Date), type, new CityCode(subject), subjectName,
            counterpart is { } c ? new CityCode(c) : null, counterpartName,
            prefectures.Distinct().Order().Select(p => new CityCode(p)).ToList(), block?.Document ?? "", block?.Title ?? "");
}
