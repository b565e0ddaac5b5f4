using Etl.Domain.Mappings;
using Etl.Domain.Text;
using Etl.Domain.Units;

namespace Etl.Ingest.Bulletins;

/// <summary>What becomes of a figure a sentence states about a catalogue variable.</summary>
internal enum StatementOutcome
{
    /// <summary>A city-scope level for the whole year: a candidate fact.</summary>
    Candidate,

    /// <summary>Read and set aside by a named rule (a growth rate, a district's figure, ...).</summary>
    Excluded,

    /// <summary>Quarantined: it names a catalogue indicator with a level, but the reader cannot tell what it is.</summary>
    Quarantined,
}

/// <summary>A figure of a catalogue variable in a sentence, and its outcome.</summary>
/// <param name="Variable">The catalogue variable.</param>
/// <param name="Outcome">Candidate, excluded or quarantined.</param>
/// <param name="Rule">For exclusions and quarantine: the rule or reason.</param>
/// <param name="Number">The number as printed (half-width).</param>
/// <param name="Unit">The unit as printed (亿元, 万人, %).</param>
/// <param name="Start">Offset of the number in the printed sentence.</param>
/// <param name="Length">Length of the number in the printed sentence.</param>
/// <param name="Reading">How it was read: the indicator words, and any scope or role words (for the context).</param>
internal readonly record struct Statement(string Variable, StatementOutcome Outcome, string Rule, string Number, string Unit, int Start, int Length, string Reading);

/// <summary>
/// Reads the figures of one sentence as clauses, not phrasings: for each number it settles the indicator
/// (the lexicon term in force: named in the clause or carried from an earlier clause of the sentence), the
/// subject a measure belongs to (战略性新兴产业 … 营业收入), the scope (the city, or a district, county or
/// park), the period (the year, or part of it), and the number's role (a level, a growth rate or change, a
/// share, a per-capita figure, an approximation, another year's figure). A fact is a city-scope level of a
/// catalogue indicator for the whole year; every other figure about a catalogue indicator is excluded by a
/// named rule, and one the reader cannot settle is quarantined as <c>unread_statement</c>.
/// </summary>
internal sealed class StatementReader(StatementTokens tokens, VariableCatalogue variables)
{
    /// <summary>The variables a subject's figure can be when its measure is not named (战略性新兴产业规模1200亿元).</summary>
    private static readonly string[] s_subjectVariables = ["nq_rev", "nq_emp"];

    /// <summary>Reads one printed sentence of a bulletin reporting <paramref name="year"/>.</summary>
    public List<Statement> Read(string printed, int year, TermTrie<int> places)
    {
        var text = SentenceText.Prepare(printed);
        var list = tokens.Read(text.Text, places);
        var state = new State(year);
        var statements = new List<Statement>();
        for (var k = 0; k < list.Count; k++)
        {
            var t = list[k];
            switch (t.Kind)
            {
                case TokenKind.Boundary: state.EndClause(); break;
                case TokenKind.ListSeparator: break;
                case TokenKind.Year: state.OtherYear = t.Value != year; break;
                case TokenKind.Month: state.PartYear = true; break;
                case TokenKind.Place: state.PartScope = t.Value != 1; break;
                case TokenKind.Term:
                    if (t.Term!.Kind == TermKind.Marker && t.Term.Term == "占" && PartOfCityTotal(state, list, k)) MarkParts(state, statements);
                    Term(state, t.Term, text.Text.Substring(t.Start, t.Length));
                    break;
                case TokenKind.Ratio: Ratio(state, t, k > 0 ? list[k - 1] : null, text, statements); break;
                case TokenKind.Number: Number(state, t, k + 1 < list.Count ? list[k + 1] : null, text, statements); break;
            }
        }
        return statements;
    }

    /// <summary>
    /// Whether 占 at <paramref name="k"/> opens "a share of the city's total of the same indicator" (占全市的17.1%,
    /// 占全市生产总值的77.4%): then the level stated before it is a part of the city, not the city.
    /// </summary>
    private static bool PartOfCityTotal(State s, List<Token> list, int k)
    {
        if (s.Current is not { LevelVariable.Length: > 0 } current) return false;
        var next = k + 1;
        var city = false;
        while (next < list.Count && (list[next].Kind == TokenKind.Place && list[next].Value == 1 || list[next].Term is { Kind: TermKind.Scope, Name: "city" }))
        {
            city = true;
            next++;
        }
        if (!city) return false;
        if (next >= list.Count) return true;
        var after = list[next];
        if (after.Kind is TokenKind.Number or TokenKind.Boundary) return true;
        return after.Term is { } term && (term.Kind == TermKind.Marker && term.Name == "share" || term.LevelVariable == current.LevelVariable);
    }

    /// <summary>Turns the sentence's candidates of the current indicator into parts of the city.</summary>
    private static void MarkParts(State s, List<Statement> statements)
    {
        // The level the share is of: the last one of the indicator stated before 占.
        var variable = s.Current!.LevelVariable;
        var i = statements.FindLastIndex(st => st.Variable == variable && st.Unit != "%");
        if (i >= 0 && statements[i] is { Outcome: StatementOutcome.Candidate } st)
            statements[i] = st with { Outcome = StatementOutcome.Excluded, Rule = "not_city_scope", Reading = st.Reading + ", a part whose share of the city's total follows" };
    }

    /// <summary>What the sentence has said so far.</summary>
    private sealed class State(int year)
    {
        public int Year { get; } = year;

        public string? Subject;
        public LexiconTerm? Current;
        public string CurrentWords = "";
        public bool RequirementMet = true;
        public bool PartScope;
        public bool PartYear;
        public bool OtherYear;
        public bool PartOf;
        public HashSet<string> BeforePartOf = [];
        public HashSet<string> Stated = [];

        // Clause markers.
        public bool Change;
        public bool Approximate;
        public bool Share;
        public bool Occupies;
        public bool PerCapita;
        public bool From;
        public bool New;
        public bool PreviousYear;
        public List<LexiconTerm> ClauseIndicators = [];
        public Queue<LexiconTerm>? Respectively;

        // Sentence-wide: the last role a percentage was given (增长 … / 比重 …), for lists that name it once.
        public string? StickyRole;
        public int StructurePercents;

        public void EndClause()
        {
            Change = Approximate = Share = Occupies = PerCapita = From = New = PreviousYear = false;
            ClauseIndicators = [];
            Respectively = null;
        }

        public void SetCurrent(LexiconTerm? term, string words, bool met = true)
        {
            Current = term;
            CurrentWords = words;
            RequirementMet = met;
            StructurePercents = 0;
            if (term is not null && term.Name != "other") ClauseIndicators.Add(term);
        }
    }

    private static void Term(State s, LexiconTerm term, string words)
    {
        switch (term.Kind)
        {
            case TermKind.Subject:
                s.Subject = term.Name;
                s.SetCurrent(null, "");
                s.PartOf = false;
                break;
            case TermKind.Scope:
                s.PartScope = term.Name == "part";
                break;
            case TermKind.Period:
                s.PartYear = true;
                break;
            case TermKind.Structure:
                s.SetCurrent(term, words);
                break;
            case TermKind.Indicator:
                if (s.Occupies && s.Current is not null)
                {
                    // 占地区生产总值的比重: the indicator after 占 is the denominator, not the subject of the figure.
                    s.Occupies = false;
                    break;
                }
                if (term.Subject.Length > 0 && term.Subject != s.Subject)
                {
                    // A measure of another subject (高技术制造业营业收入) is not the subject's; after a sector or a
                    // structure (第三产业 … 增加值) it only qualifies what is named.
                    if (s.Current is { } c && (c.Kind == TermKind.Structure || c.ShareVariable.Length > 0)) break;
                    s.SetCurrent(Placeholder, words);
                    break;
                }
                var met = term.Requires.Length == 0 || (term.Requires == "new" && s.New);
                s.SetCurrent(term, words, met);
                break;
            case TermKind.Marker:
                switch (term.Name)
                {
                    case "new": s.New = true; break;
                    case "change": s.Change = true; s.StickyRole = "change"; break;
                    case "to":
                        s.Change = false;
                        s.From = false;
                        s.PreviousYear = false;
                        break;
                    case "approximate": s.Approximate = true; break;
                    case "share":
                        s.Share = true;
                        s.StickyRole = "share";
                        if (term.Term == "占") s.Occupies = true;
                        break;
                    case "from": s.From = true; break;
                    case "respectively":
                        if (s.ClauseIndicators.Count >= 2) s.Respectively = new Queue<LexiconTerm>(s.ClauseIndicators);
                        break;
                    case "part_of":
                        s.PartOf = true;
                        s.BeforePartOf = [.. s.Stated];
                        break;
                    case "per_capita": s.PerCapita = true; break;
                    case "previous_year": s.PreviousYear = true; break;
                }
                break;
        }
    }

    /// <summary>A stand-in for an indicator the panel does not use, so that later numbers are not given to an earlier one.</summary>
    private static readonly LexiconTerm Placeholder = new(TermKind.Indicator, "", "other", "", "", "", "", "");

    private void Ratio(State s, Token t, Token? previous, SentenceText text, List<Statement> statements)
    {
        if (t.Value != 3 || s.Current is not { Kind: TermKind.Structure } structure) return;
        var reading = $"{s.CurrentWords} as a:b:c";
        string? rule = null;
        if (structure.ShareVariable.Length == 0) rule = "other_structure";
        else if (s.From || s.PreviousYear) rule = "previous_year";
        else if (s.OtherYear) rule = "other_year";
        else if (s.PartScope) rule = "not_city_scope";
        else if (s.PartYear) rule = "part_year";
        // 由a:b:c调整为d:e:f: what came after 由 was last year's; what follows is this year's.
        s.From = false;
        s.PreviousYear = false;
        var variable = structure.ShareVariable.Length > 0 ? structure.ShareVariable : "ind3_share";
        var (start, length) = text.Printed(t.LastPart.Start, t.LastPart.Length);
        statements.Add(new Statement(variable, rule is null ? StatementOutcome.Candidate : StatementOutcome.Excluded, rule ?? "", t.Number, "%", start, length, reading));
        s.Stated.Add(variable);
        _ = previous;
    }

    private void Number(State s, Token t, Token? next, SentenceText text, List<Statement> statements)
    {
        var (start, length) = text.Printed(t.Start, t.Length);
        void Add(string variable, string? rule, bool quarantine = false, string unit = "")
        {
            var outcome = quarantine ? StatementOutcome.Quarantined : rule is null ? StatementOutcome.Candidate : StatementOutcome.Excluded;
            statements.Add(new Statement(variable, outcome, rule ?? "", t.Number, unit.Length > 0 ? unit : t.Unit, start, length, Reading(s)));
            s.Stated.Add(variable);
        }

        var term = s.Current;
        if (s.Respectively is { Count: > 0 } queue && t.UnitKind != UnitKind.Points) term = queue.Dequeue();

        switch (t.UnitKind)
        {
            case UnitKind.Dollars:
                if (term is { } d && (d.LevelVariable.Length > 0 || d.ShareVariable.Length > 0)) Add(d.LevelVariable.Length > 0 ? d.LevelVariable : d.ShareVariable, "foreign_currency");
                return;
            case UnitKind.Points:
                if (term is { } p && (p.LevelVariable.Length > 0 || p.ShareVariable.Length > 0)) Add(p.ShareVariable.Length > 0 ? p.ShareVariable : p.LevelVariable, "change_in_points");
                return;
            case UnitKind.Percent:
                Percent(s, term, t, Add);
                return;
            case UnitKind.Other:
                return;
        }

        if (term is null)
        {
            // A subject's figure whose measure is not named (战略性新兴产业规模达1200亿元): the reader cannot tell
            // revenue from output, so a person must.
            if (s.Subject == "sei" && t.UnitKind is UnitKind.Money or UnitKind.Persons && !s.Change)
                foreach (var v in s_subjectVariables)
                    if (UnitConverter.Factor(variables.Get(v).Unit, t.Unit) is not null) Add(v, "unread_statement", quarantine: true);
            return;
        }
        if (term.LevelVariable.Length == 0)
        {
            // Another measure of the subject (产值, 增加值): read, and not the catalogue's revenue or employment.
            if (term.Subject == "sei" && s.Subject == "sei" && t.UnitKind is UnitKind.Money or UnitKind.Persons)
                Add(t.UnitKind == UnitKind.Money ? "nq_rev" : "nq_emp", "other_measure");
            return;
        }
        var variable = term.LevelVariable;
        if (t.UnitKind == UnitKind.None)
        {
            // A bare figure right after a catalogue indicator, with nothing after it in the clause: a person must read it.
            if ((next is null || next.Kind == TokenKind.Boundary) && !s.Change && t.Number.Length > 1) Add(variable, "unread_statement", quarantine: true);
            return;
        }
        var unit = variables.Get(variable).Unit;
        if (t.UnitKind == UnitKind.Compound) { Add(variable, "per_unit"); return; }
        // A figure the sentence makes a change, a part or another year's is that, whatever its unit
        // (拉动地区生产总值增长0.6个、7.8个和5.7个百分点); only a would-be fact must have a unit that converts.
        var rule = LevelRule(s, term, variable);
        if (rule is null && UnitConverter.Factor(unit, t.Unit) is null) { Add(variable, "unit_not_convertible", quarantine: true); return; }
        Add(variable, rule);
    }

    /// <summary>Why a level of a catalogue variable is not the city's figure for the year, or null when it is.</summary>
    private static string? LevelRule(State s, LexiconTerm term, string variable)
    {
        if (!s.RequirementMet) return term.Otherwise;
        if (s.Approximate) return "approximate";
        if (s.Change) return "change";
        if (s.PerCapita && !term.Name.Contains("per_capita", StringComparison.Ordinal)) return "per_capita";
        if (s.OtherYear || s.PreviousYear) return "other_year";
        if (s.PartScope) return "not_city_scope";
        if (s.PartYear) return "part_year";
        if (s.PartOf && s.BeforePartOf.Contains(variable)) return "part_of_total";
        return null;
    }

    private static void Percent(State s, LexiconTerm? term, Token t, Action<string, string?, bool, string> add)
    {
        if (term is null || term.Name == "other") return;
        var role = s.Change ? "change" : s.Share ? "share" : term.Term.Contains("比重", StringComparison.Ordinal) || term.Term.Contains("占比", StringComparison.Ordinal) ? "share" : s.StickyRole;
        if (term.Kind == TermKind.Structure)
        {
            // 三次产业…比重分别为a%、b%和c%: the third is the tertiary share.
            if (role == "change" || term.ShareVariable.Length == 0) return;
            s.StructurePercents++;
            if (s.StructurePercents != 3) return;
            add(term.ShareVariable, ShareRule(s), false, "%");
            return;
        }
        if (term.ShareVariable.Length > 0)
        {
            if (role == "share") add(term.ShareVariable, ShareRule(s), false, "%");
            else if (role == "change") add(term.ShareVariable, "growth_rate", false, "%");
            return;
        }
        if (term.LevelVariable.Length > 0) add(term.LevelVariable, role == "share" ? "share_not_level" : "growth_rate", false, "%");
    }

    private static string? ShareRule(State s) =>
        s.Approximate ? "approximate" : s.OtherYear || s.PreviousYear || s.From ? "other_year" : s.PartScope ? "not_city_scope" : s.PartYear ? "part_year" : null;

    private static string Reading(State s)
    {
        var words = new List<string>();
        if (s.Subject == "sei") words.Add("subject 战略性新兴产业");
        if (s.CurrentWords.Length > 0) words.Add($"indicator '{s.CurrentWords}'");
        if (s.PartScope) words.Add("part of the city");
        if (s.PartYear) words.Add("part of the year");
        if (s.OtherYear) words.Add("another year");
        return string.Join(", ", words);
    }
}
