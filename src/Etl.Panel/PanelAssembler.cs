using System.Globalization;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;

namespace Etl.Panel;

/// <summary>
/// Turns staged facts and the patent stage's computed values into the long fact table and the balanced
/// panel (see the README of this project for the rules):
/// <list type="number">
/// <item>reconcile: per city, year and observed variable, the value of the most preferred source
/// (<c>source_precedence.csv</c>); other values beyond the tolerance are recorded as conflicts;</item>
/// <item>interpolate interior gaps of at most <see cref="AssemblySettings.MaxGap"/> years linearly;</item>
/// <item>evaluate derived variables by their catalogue formula;</item>
/// <item>add the computed variables in the years the patent exports cover (<see cref="PatentCoverage"/>):
/// there digital_patent is 0 when a unit-year has no application; in a year they do not cover it is missing;</item>
/// <item>drop cities by the sample policy, then cities that do not exist in every year, then cities still
/// missing a key variable; the rest must be balanced, or assembly fails.</item>
/// </list>
/// </summary>
public static class PanelAssembler
{
    /// <summary>Runs the assembly.</summary>
    /// <param name="mappings">Reference tables.</param>
    /// <param name="staged">Staged facts in a deterministic order (file path, then position in the file): earlier ones win ties.</param>
    /// <param name="digitalPatents">Digital invention applications per unit-year (absent: none, in a covered year).</param>
    /// <param name="digReal">The integration index per unit-year.</param>
    /// <param name="settings">Interpolation settings.</param>
    /// <param name="coverage">The years the patent exports cover; outside them the patent variables are missing.</param>
    public static PanelAssembly Run(MappingSet mappings, IReadOnlyList<StagedFact> staged,
        IReadOnlyDictionary<(CityCode Unit, int Year), long> digitalPatents, IReadOnlyDictionary<(CityCode Unit, int Year), double> digReal,
        AssemblySettings settings, PatentCoverage coverage)
    {
        var catalogue = mappings.Variables;
        var universe = mappings.Cities.All.Where(c => c.IsPanelUniverse && PanelYears.All.Any(c.ValidIn)).ToList();
        var inUniverse = universe.Select(c => c.Code).ToHashSet();
        var byKey = new Dictionary<(CityCode, int, string), List<int>>();
        for (var i = 0; i < staged.Count; i++)
        {
            var f = staged[i];
            if (!inUniverse.Contains(f.City)) continue;
            var key = (f.City, f.Year, f.Variable);
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(i);
        }

        var facts = new Dictionary<(CityCode City, int Year, string Variable), Fact>();
        var conflicts = new List<SourceConflict>();
        var observed = catalogue.All.Where(v => v.Method == "observed").ToList();
        var derived = catalogue.All.Where(v => v.Method == "derived").Select(v => (v, Derivation.Parse(v.Derivation))).ToList();

        foreach (var city in universe)
        {
            var years = PanelYears.All.Where(city.ValidIn).ToList();
            foreach (var v in observed)
            {
                var sources = catalogue.SourcesOf(v.Name);
                foreach (var y in years)
                {
                    if (!byKey.TryGetValue((city.Code, y, v.Name), out var candidates)) continue;
                    var chosen = Choose(candidates, sources, staged);
                    if (chosen < 0) continue;
                    var tolerance = sources.First(s => s.Source == SourceKinds.Name(staged[chosen].Source)).Tolerance;
                    foreach (var other in candidates.Where(o => o != chosen))
                    {
                        var a = staged[chosen].Value;
                        var diff = Math.Abs(staged[other].Value - a) / Math.Max(Math.Abs(a), double.Epsilon);
                        if (diff > tolerance) conflicts.Add(new SourceConflict(city.Code, y, v.Name, chosen, other, diff));
                    }
                    var kept = staged[chosen];
                    facts[(city.Code, y, v.Name)] = new Fact(city.Code, y, v.Name, kept.Value, FactMethods.Observed, SourceKinds.Name(kept.Source),
                        candidates.Count > 1 ? PreferenceNote(chosen, candidates, staged, sources) : "",
                        [new FactInput("staged", chosen.ToString(CultureInfo.InvariantCulture), $"{kept.File} {kept.Locator}")]);
                }
                Interpolate(facts, city.Code, v.Name, years, settings.MaxGap);
            }
            foreach (var (v, formula) in derived)
                foreach (var y in years)
                {
                    var inputs = formula.Inputs.Select(n => facts.GetValueOrDefault((city.Code, y, n))).ToList();
                    if (inputs.Any(f => f is null)) continue;
                    var value = formula.Evaluate(n => facts[(city.Code, y, n)].Value);
                    if (!double.IsFinite(value)) continue;
                    facts[(city.Code, y, v.Name)] = new Fact(city.Code, y, v.Name, value, FactMethods.Derived, "", formula.Text,
                        inputs.Select(f => new FactInput("fact", Ref(f!), f!.Method)).ToList());
                }
            foreach (var y in years.Where(coverage.Years.Contains))
            {
                var dp = digitalPatents.GetValueOrDefault((city.Code, y));
                facts[(city.Code, y, "digital_patent")] = new Fact(city.Code, y, "digital_patent", dp, FactMethods.Computed, "patents",
                    "located digital invention applications (KDT branch confirmed), by application year", [new FactInput("patents", $"{city.Code}|{y}", "digital")]);
                if (digReal.TryGetValue((city.Code, y), out var dr))
                    facts[(city.Code, y, "dig_real")] = new Fact(city.Code, y, "dig_real", dr, FactMethods.Computed, "patents",
                        "integration index: four dimensions, min-max normalised, entropy weights", [new FactInput("index", $"{city.Code}|{y}", "dig_real")]);
            }
        }

        var panelVariables = catalogue.PanelVariables.Select(v => v.Name).ToList();
        var keys = catalogue.All.Where(v => v.Key).Select(v => v.Name).ToList();
        var dropped = new List<DroppedCity>();
        var panel = new List<PanelRow>();
        foreach (var city in universe)
        {
            var reason = DropReason(mappings, city, facts, keys, derived);
            if (reason is not null) { dropped.Add(reason); continue; }
            foreach (var y in PanelYears.All)
                panel.Add(new PanelRow(city.Code, y, panelVariables.ToDictionary(n => n, n => facts[(city.Code, y, n)].Value)));
        }
        CheckBalanced(panel, panelVariables);
        var ordered = facts.Values.OrderBy(f => f.City.Value).ThenBy(f => f.Year).ThenBy(f => f.Variable, StringComparer.Ordinal).ToList();
        return new PanelAssembly(ordered, conflicts, dropped, panel, panelVariables);
    }

    /// <summary>The fact reference used in lineage: <c>city|year|variable</c>.</summary>
    public static string Ref(Fact f) => $"{f.City}|{f.Year.ToString(CultureInfo.InvariantCulture)}|{f.Variable}";

    /// <summary>
    /// The candidate of the best-ranked source; among several of one source, by <see cref="SameSourceRule"/>: a
    /// revised table (修订, 修正, 更正 in its file path or context) before others, then the file that sorts first.
    /// </summary>
    private static int Choose(List<int> candidates, IReadOnlyList<SourceRank> sources, IReadOnlyList<StagedFact> staged)
    {
        foreach (var s in sources)
        {
            var of = candidates.Where(c => SourceKinds.Name(staged[c].Source) == s.Source).ToList();
            if (of.Count == 0) continue;
            return of.OrderBy(c => IsRevision(staged[c]) ? 0 : 1).ThenBy(c => c).First();
        }
        return -1;
    }

    /// <summary>What the kept value was preferred over, with each other value, where it was printed, and the rule.</summary>
    private static string PreferenceNote(int chosen, List<int> candidates, IReadOnlyList<StagedFact> staged, IReadOnlyList<SourceRank> sources)
    {
        var kept = staged[chosen];
        var others = candidates.Where(c => c != chosen).Select(c =>
        {
            var o = staged[c];
            var rule = o.Source != kept.Source ? $"source precedence ({string.Join(" > ", sources.Select(x => x.Source))})" : SameSourceRule;
            return string.Create(CultureInfo.InvariantCulture, $"{o.Value} ({SourceKinds.Name(o.Source)} {o.File} {o.Locator}; by {rule})");
        });
        return $"preferred over {candidates.Count - 1} other value(s): {string.Join("; ", others)}";
    }

    /// <summary>How values of one source that disagree are settled, as lineage and the README state it.</summary>
    public const string SameSourceRule = SourceRules.SameSource;

    private static bool IsRevision(StagedFact f) =>
        f.File.Contains("修订", StringComparison.Ordinal) || f.File.Contains("修正", StringComparison.Ordinal) || f.File.Contains("更正", StringComparison.Ordinal)
        || f.Context.Contains("修订", StringComparison.Ordinal) || f.Context.Contains("更正", StringComparison.Ordinal);

    /// <summary>Linear interpolation of interior gaps up to <paramref name="maxGap"/> years; the ends stay missing.</summary>
    private static void Interpolate(Dictionary<(CityCode, int, string), Fact> facts, CityCode city, string variable, List<int> years, int maxGap)
    {
        Fact? last = null;
        foreach (var y in years)
        {
            if (!facts.TryGetValue((city, y, variable), out var f)) continue;
            if (last is not null && y - last.Year > 1 && y - last.Year - 1 <= maxGap)
                for (var k = last.Year + 1; k < y; k++)
                {
                    var value = last.Value + (f.Value - last.Value) * (k - last.Year) / (y - last.Year);
                    var weight = ((double)(k - last.Year) / (y - last.Year)).ToString("0.######", CultureInfo.InvariantCulture);
                    facts[(city, k, variable)] = new Fact(city, k, variable, value, FactMethods.Interpolated, "",
                        $"linear between {last.Year} and {y}, weight {weight} on {y}",
                        [new FactInput("fact", Ref(last), "left"), new FactInput("fact", Ref(f), "right")]);
                }
            last = f;
        }
    }

    private static DroppedCity? DropReason(MappingSet m, CityRecord city, Dictionary<(CityCode, int, string), Fact> facts, List<string> keys,
        List<(Variable V, Derivation Formula)> derived)
    {
        var e = m.Events.Touching(city.Code).Where(x => m.Policy.Drops(x)).OrderBy(x => x.Year).ThenBy(x => x.EventId, StringComparer.Ordinal).FirstOrDefault();
        if (e is not null)
            return new DroppedCity(city.Code, "admin_event", $"{e.Type} {e.Year} {e.ApprovalDocument} ({e.EventId}): {e.Title}", e.EventId);
        if (!PanelYears.All.All(city.ValidIn))
        {
            var years = PanelYears.All.Where(city.ValidIn).ToList();
            return new DroppedCity(city.Code, "incomplete_window", $"exists {years.Min()}-{years.Max()} of {PanelYears.First}-{PanelYears.Last}", null);
        }
        // Name what is missing in terms of what sources print: a derived variable by its inputs.
        var formulas = derived.ToDictionary(d => d.V.Name, d => d.Formula);
        var missing = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var k in keys)
            foreach (var y in PanelYears.All.Where(y => !facts.ContainsKey((city.Code, y, k))))
            {
                var inputs = formulas.TryGetValue(k, out var f) ? f.Inputs.Where(i => !facts.ContainsKey((city.Code, y, i))).ToList() : [k];
                // A derived value can be missing with all inputs present (a division by zero): name the variable.
                if (inputs.Count == 0) inputs = [k];
                foreach (var input in inputs)
                {
                    if (!missing.TryGetValue(input, out var set)) missing[input] = set = [];
                    set.Add(y);
                }
            }
        if (missing.Count == 0) return null;
        return new DroppedCity(city.Code, "missing_key_variable",
            string.Join("; ", missing.Select(kv => $"{kv.Key} {string.Join(' ', kv.Value)}")), null);
    }

    /// <summary>Every kept city has every year and every panel variable, or assembly fails loudly.</summary>
    private static void CheckBalanced(List<PanelRow> panel, List<string> variables)
    {
        foreach (var g in panel.GroupBy(r => r.City))
            if (g.Count() != PanelYears.Count || g.Select(r => r.Year).Distinct().Count() != PanelYears.Count)
                throw new InvalidOperationException($"the panel is not balanced: {g.Key} has {g.Count()} years");
        var bad = panel.FirstOrDefault(r => variables.Any(v => !double.IsFinite(r.Values[v])));
        if (bad is not null) throw new InvalidOperationException($"the panel holds a non-finite value for {bad.City} {bad.Year}");
    }
}
