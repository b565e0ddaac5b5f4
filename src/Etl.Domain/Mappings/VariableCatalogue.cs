namespace Etl.Domain.Mappings;

/// <summary>A variable of the catalogue: staged from a source, derived, or computed from patents.</summary>
/// <param name="Name">Machine name (panel column or staged variable).</param>
/// <param name="LabelZh">Chinese label.</param>
/// <param name="LabelEn">English label.</param>
/// <param name="Unit">Catalogue unit (ASCII), e.g. <c>100m_yuan</c>.</param>
/// <param name="UnitZh">The unit as Chinese sources write it, e.g. 亿元.</param>
/// <param name="UnitEn">The unit in English words, for labels, tables and exports, e.g. <c>100 million yuan</c>.</param>
/// <param name="Decimals">Decimals the variable is compared at (its published precision).</param>
/// <param name="Role">outcome, core, mediator, control, input or attribute.</param>
/// <param name="InPanel">Whether it is a column of the balanced panel.</param>
/// <param name="Key">Whether a city missing it after interpolation leaves the panel.</param>
/// <param name="Method">observed, derived or computed.</param>
/// <param name="Derivation">For derived variables, the formula over other catalogue variables.</param>
public sealed record Variable(string Name, string LabelZh, string LabelEn, string Unit, string UnitZh, string UnitEn, int Decimals,
    string Role, bool InPanel, bool Key, string Method, string Derivation);

/// <summary>One source of a variable with its precedence rank (1 = preferred).</summary>
public sealed record SourceRank(string Variable, int Rank, string Source, double Tolerance);

/// <summary>The variable catalogue (<c>variables.csv</c>) and source precedence (<c>source_precedence.csv</c>).</summary>
public sealed class VariableCatalogue
{
    /// <summary>Catalogue file name.</summary>
    public const string FileName = "variables.csv";

    /// <summary>Precedence file name.</summary>
    public const string PrecedenceFileName = "source_precedence.csv";

    /// <summary>The sources a staged fact can come from.</summary>
    public static readonly IReadOnlyList<string> Sources = ["yearbook", "bulletin", "patents"];

    private readonly Dictionary<string, Variable> _byName;

    private VariableCatalogue(List<Variable> variables, List<SourceRank> precedence)
    {
        All = variables;
        Precedence = precedence;
        _byName = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    /// <summary>All variables in file order.</summary>
    public IReadOnlyList<Variable> All { get; }

    /// <summary>Source precedence rows.</summary>
    public IReadOnlyList<SourceRank> Precedence { get; }

    /// <summary>The panel columns in catalogue order.</summary>
    public IEnumerable<Variable> PanelVariables => All.Where(v => v.InPanel);

    /// <summary>The variable called <paramref name="name"/>; throws when unknown.</summary>
    public Variable Get(string name) =>
        _byName.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"variable '{name}' is not in {FileName}");

    /// <summary>The variable called <paramref name="name"/>, or null.</summary>
    public Variable? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Sources of <paramref name="variable"/> in order of preference.</summary>
    public IReadOnlyList<SourceRank> SourcesOf(string variable) =>
        Precedence.Where(p => p.Variable == variable).OrderBy(p => p.Rank).ToList();

    /// <summary>Loads and validates both files.</summary>
    public static VariableCatalogue Load(string directory)
    {
        var variables = new List<Variable>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName),
                     "name", "label_zh", "label_en", "unit", "unit_zh", "unit_en", "decimals", "role", "in_panel", "key", "method", "derivation"))
        {
            var name = r.Text("name");
            if (variables.Any(v => v.Name == name)) throw r.Error($"duplicate variable '{name}'");
            var method = r.Text("method");
            if (method is not ("observed" or "derived" or "computed")) throw r.Error($"unknown method '{method}'");
            var derivation = r["derivation"];
            if (method == "derived" && derivation.Length == 0) throw r.Error($"derived variable '{name}' has no derivation");
            var decimals = r.Int("decimals");
            if (decimals is < 0 or > 12) throw r.Error($"decimals {decimals} out of range");
            var role = r.Text("role");
            if (role is not ("outcome" or "core" or "mediator" or "control" or "input")) throw r.Error($"unknown role '{role}'");
            variables.Add(new Variable(name, r.Text("label_zh"), r.Text("label_en"), r.Text("unit"), r.Text("unit_zh"), r.Text("unit_en"), decimals,
                role, r.Bool("in_panel"), r.Bool("key"), method, derivation));
        }
        var names = variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var v in variables.Where(v => v.Method == "derived"))
            foreach (var token in DerivationTokens(v.Derivation))
                if (!names.Contains(token))
                    throw new MappingValidationException(FileName, 0, $"derivation of '{v.Name}' uses unknown variable '{token}'");

        var precedence = new List<SourceRank>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, PrecedenceFileName), "variable", "rank", "source", "tolerance"))
        {
            var variable = r.Text("variable");
            if (!names.Contains(variable)) throw r.Error($"unknown variable '{variable}'");
            var source = r.Text("source");
            if (!Sources.Contains(source)) throw r.Error($"unknown source '{source}'");
            var rank = r.Int("rank");
            if (precedence.Any(p => p.Variable == variable && (p.Rank == rank || p.Source == source)))
                throw r.Error($"duplicate rank or source for '{variable}'");
            var tolerance = r.Double("tolerance");
            if (tolerance is < 0 or > 1) throw r.Error($"tolerance {tolerance} outside [0, 1]");
            precedence.Add(new SourceRank(variable, rank, source, tolerance));
        }
        foreach (var v in variables.Where(v => v.Method == "observed"))
            if (!precedence.Any(p => p.Variable == v.Name))
                throw new MappingValidationException(PrecedenceFileName, 0, $"observed variable '{v.Name}' has no source");
        return new VariableCatalogue(variables, precedence);
    }

    /// <summary>Variable names in a derivation such as <c>students / pop</c>.</summary>
    public static IEnumerable<string> DerivationTokens(string derivation) =>
        derivation.Split([' ', '/', '*', '(', ')', '+', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
}
