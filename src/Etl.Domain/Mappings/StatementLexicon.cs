using Etl.Domain.Text;

namespace Etl.Domain.Mappings;

/// <summary>What a lexicon term is.</summary>
public enum TermKind
{
    /// <summary>The name of an indicator (地区生产总值, 常住人口, 营业收入 of a subject).</summary>
    Indicator,

    /// <summary>The name of a three-sector structure (三次产业结构), stated as a ratio a:b:c or three shares.</summary>
    Structure,

    /// <summary>The subject a measure belongs to (战略性新兴产业, or another industry).</summary>
    Subject,

    /// <summary>Whose figure it is: the whole city, or a part of it (县域, 市区, 开发区).</summary>
    Scope,

    /// <summary>A period shorter than the year (前三季度, 上半年).</summary>
    Period,

    /// <summary>A word that gives a number its role: a change, a share, an approximation, "respectively", ...</summary>
    Marker,
}

/// <summary>One term of the statement lexicon.</summary>
/// <param name="Kind">What the term is.</param>
/// <param name="Term">The words as printed (matched after full-width and traditional forms are folded).</param>
/// <param name="Name">Indicator, subject, scope, period or marker name.</param>
/// <param name="LevelVariable">For an indicator: the catalogue variable its level is (empty for indicators the panel does not use).</param>
/// <param name="ShareVariable">For an indicator or structure: the catalogue variable its share of GDP is (ind3_share).</param>
/// <param name="Subject">For a measure (营业收入): the subject it must belong to (sei).</param>
/// <param name="Requires">A marker that must come before the term in its clause (新登记 before 市场主体).</param>
/// <param name="Otherwise">The rule that excludes the figure when the requirement is not met (stock_of_entities).</param>
public sealed record LexiconTerm(TermKind Kind, string Term, string Name, string LevelVariable, string ShareVariable, string Subject,
    string Requires, string Otherwise);

/// <summary>
/// The statement lexicon (<c>statement_lexicon.csv</c>): the words bulletins use for indicators, subjects,
/// scopes, periods and the markers that give a number its role. The bulletin reader is grammar; this table
/// is its vocabulary, so a new synonym is one line.
/// </summary>
public sealed class StatementLexicon
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "statement_lexicon.csv";

    /// <summary>Marker names the reader understands.</summary>
    public static readonly IReadOnlySet<string> Markers = new HashSet<string>(StringComparer.Ordinal)
    {
        "new", "change", "to", "approximate", "share", "from", "respectively", "part_of", "per_capita", "previous_year",
    };

    private StatementLexicon(List<LexiconTerm> terms) => Terms = terms;

    /// <summary>Every term, in file order.</summary>
    public IReadOnlyList<LexiconTerm> Terms { get; }

    /// <summary>Loads and validates the lexicon against the variable catalogue.</summary>
    public static StatementLexicon Load(string directory, VariableCatalogue variables)
    {
        var terms = new List<LexiconTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "kind", "term", "name", "level_variable", "share_variable", "subject", "requires", "otherwise"))
        {
            var kind = r.Text("kind") switch
            {
                "indicator" => TermKind.Indicator,
                "structure" => TermKind.Structure,
                "subject" => TermKind.Subject,
                "scope" => TermKind.Scope,
                "period" => TermKind.Period,
                "marker" => TermKind.Marker,
                var k => throw r.Error($"unknown kind '{k}'"),
            };
            var term = r.Text("term");
            var folded = TextNormalizer.Fold(term).ToUpperInvariant();
            if (folded != term) throw r.Error($"term '{term}' is not in its folded form (half-width, simplified, Latin upper-case): write '{folded}'");
            if (!seen.Add(term)) throw r.Error($"duplicate term '{term}'");
            var name = r.Text("name");
            foreach (var column in new[] { "level_variable", "share_variable" })
                if (r[column] is { Length: > 0 } v && variables.Find(v) is null) throw r.Error($"unknown variable '{v}' in {column}");
            if (kind == TermKind.Marker && !Markers.Contains(name)) throw r.Error($"unknown marker '{name}'");
            if (kind == TermKind.Scope && name is not ("city" or "part")) throw r.Error($"scope must be city or part, not '{name}'");
            if (r["requires"] is { Length: > 0 } req && !Markers.Contains(req)) throw r.Error($"unknown marker '{req}' in requires");
            if (r["requires"].Length > 0 && r["otherwise"].Length == 0) throw r.Error("a term with a requirement needs the rule that applies otherwise");
            terms.Add(new LexiconTerm(kind, term, name, r["level_variable"], r["share_variable"], r["subject"], r["requires"], r["otherwise"]));
        }
        var subjects = terms.Where(t => t.Kind == TermKind.Subject).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in terms.Where(t => t.Subject.Length > 0))
            if (!subjects.Contains(t.Subject)) throw new MappingValidationException(FileName, 0, $"term '{t.Term}' needs subject '{t.Subject}', which no subject term names");
        return new StatementLexicon(terms);
    }
}
