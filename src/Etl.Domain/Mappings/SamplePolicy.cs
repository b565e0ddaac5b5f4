namespace Etl.Domain.Mappings;

/// <summary>One line of the sample policy: whether an event type removes the cities it touches.</summary>
public sealed record SamplePolicyRule(string EventType, bool DropsCity, string Rationale);

/// <summary>
/// The sample policy (<c>sample_policy.csv</c>): which administrative event types remove a city from the
/// balanced panel. Events count when their year lies after the first panel year (a change during the
/// first year is already reflected in that year's year-end data).
/// </summary>
public sealed class SamplePolicy
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "sample_policy.csv";

    private readonly Dictionary<string, SamplePolicyRule> _rules;

    private SamplePolicy(List<SamplePolicyRule> rules)
    {
        Rules = rules;
        _rules = rules.ToDictionary(r => r.EventType, StringComparer.Ordinal);
    }

    /// <summary>The rules in file order.</summary>
    public IReadOnlyList<SamplePolicyRule> Rules { get; }

    /// <summary>Whether an event of <paramref name="type"/> removes the cities it touches.</summary>
    public bool Drops(string type) => _rules.TryGetValue(type, out var r)
        ? r.DropsCity
        : throw new KeyNotFoundException($"event type '{type}' has no rule in {FileName}");

    /// <summary>Whether <paramref name="e"/> removes the cities it touches from a panel starting in <paramref name="firstYear"/>.</summary>
    public bool Drops(AdminEvent e, int firstYear = PanelYears.First) => e.Year > firstYear && e.Year <= PanelYears.Last && Drops(e.Type);

    /// <summary>Loads the policy; every event type must have exactly one rule.</summary>
    public static SamplePolicy Load(string directory)
    {
        var rules = new List<SamplePolicyRule>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "event_type", "drops_city", "rationale"))
        {
            var type = r.Text("event_type");
            if (!AdminEventTypes.All.Contains(type)) throw r.Error($"unknown event type '{type}'");
            if (rules.Any(x => x.EventType == type)) throw r.Error($"duplicate rule for '{type}'");
            rules.Add(new SamplePolicyRule(type, r.Bool("drops_city"), r.Text("rationale")));
        }
        var missing = AdminEventTypes.All.Except(rules.Select(r => r.EventType)).ToList();
        if (missing.Count > 0) throw new MappingValidationException(FileName, 0, $"no rule for {string.Join(", ", missing)}");
        return new SamplePolicy(rules);
    }
}
