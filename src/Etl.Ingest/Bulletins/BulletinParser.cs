using System.Collections.Concurrent;
using System.Globalization;
using AngleSharp.Html.Parser;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Domain.Units;
using Etl.Ingest.Html;
using Etl.Ingest.Numbers;

namespace Etl.Ingest.Bulletins;

/// <summary>
/// Reads one city statistical bulletin (国民经济和社会发展统计公报) into staged facts: decodes it
/// (<see cref="HtmlDecoding"/>; a page is HTML whatever its extension, and plain text is read as
/// paragraphs), identifies city and year (<see cref="BulletinIdentity"/>), and reads every sentence and
/// table row clause by clause (<see cref="StatementReader"/>, vocabulary in <c>mappings/statement_lexicon.csv</c>).
/// </summary>
/// <remarks>
/// Counting (<see cref="FileOutcome"/>): a page rejected as a whole is one item, quarantined
/// (<c>encoding_error</c>, <c>no_title</c>, <c>not_a_bulletin</c>, <c>no_subject</c>, <c>identity_conflict</c>,
/// <c>unknown_city</c>, <c>too_large</c>) or excluded (<c>county_bulletin</c>, <c>province_bulletin</c>,
/// <c>outside_window</c>). On an accepted page every figure stated about a catalogue indicator is one item:
/// the first statement of each variable is loaded; statements that restate the same figure are excluded
/// (<c>restated</c>); figures that are not the city's level for the year are excluded by the rule that says
/// why (<c>growth_rate</c>, <c>not_city_scope</c>, <c>part_year</c>, <c>other_measure</c>, ...); when a page
/// states a variable with different figures, all of them are quarantined (<c>ambiguous_value</c>) and the
/// variable counts as missing for that city-year; a statement the reader cannot settle is quarantined as
/// <c>unread_statement</c> with its sentence.
/// </remarks>
public sealed class BulletinParser
{
    /// <summary>Pages larger than this are rejected unread (a bulletin is some tens of KiB).</summary>
    public const long MaxPageBytes = 20L << 20;

    private readonly PlaceResolver _places;
    private readonly VariableCatalogue _variables;
    private readonly StatementReader _reader;
    private readonly ConcurrentDictionary<(int City, int Year), TermTrie<int>> _cityPlaces = new();

    /// <summary>Creates a parser over the mapping tables.</summary>
    public BulletinParser(MappingSet mappings, PlaceResolver places)
    {
        _places = places;
        _variables = mappings.Variables;
        _reader = new StatementReader(new StatementTokens(mappings.Lexicon), mappings.Variables);
    }

    private sealed record Candidate(Statement Statement, double Resolution, double Value, string RawText, string Locator, string Sentence);

    /// <summary>Parses <paramref name="file"/>.</summary>
    public ParsedFile Parse(RawFile file, string sha256)
    {
        var outcome = new FileOutcome(SourceKind.Bulletin, file.Relative, sha256, file.Bytes);
        var result = new ParsedFile(outcome);
        if (file.Bytes > MaxPageBytes)
            return result.Reject("too_large", $"{file.Bytes} bytes, more than the {MaxPageBytes} a bulletin page may have (20 MiB)");

        DecodedPage page;
        try
        {
            page = HtmlDecoding.Decode(File.ReadAllBytes(file.FullPath));
        }
        catch (TextEncodingException e)
        {
            return result.Reject("encoding_error", e.Message);
        }
        outcome.Encoding = page.Describe();
        var html = file.Format.Format == FileFormat.Text ? PlainTextPage(page.Text) : page.Text;
        if (HtmlDecoding.Depth(html) is var depth && depth > HtmlDecoding.MaxDepth)
            return result.Reject("too_deep", $"elements nest more than {HtmlDecoding.MaxDepth} deep, which no bulletin page does; the page is not parsed");
        var document = new HtmlParser().ParseDocument(html);
        var pieces = PageText.Pieces(document).ToList();

        var identity = BulletinIdentity.Identify(document, pieces, _places);
        if (identity.Rejection is { } rejection) return result.Reject(rejection.Reason, rejection.Detail, rejection.Quarantine);
        var subject = identity.Subject!.Value;
        var city = subject.Place.Code!.Value;
        outcome.Note = $"{city} {subject.Name} {subject.Year.ToString(CultureInfo.InvariantCulture)}" + (identity.How.Length > 0 ? $" ({identity.How})" : "");
        var places = CityPlaces(city, subject.Year);

        var candidates = new List<Candidate>();
        foreach (var piece in pieces)
        {
            var sentenceStart = 0;
            foreach (var sentence in Sentences(piece.Text))
            {
                // A damaged byte costs the sentence that holds it, not the page.
                if (sentence.Contains('\uFFFD') && page.Damage.Count > 0)
                {
                    outcome.Read++;
                    outcome.Quarantine("encoding_error");
                    var at = sentenceStart + sentence.IndexOf('\uFFFD');
                    result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, $"{piece.Locator} @{at.ToString(CultureInfo.InvariantCulture)}",
                        "encoding_error", $"the sentence holds bytes not valid {page.Encoding.Name} (the page's damage is at byte {string.Join(", ", page.Damage.Take(5))}): \"{sentence.Trim()}\""));
                    sentenceStart += sentence.Length;
                    continue;
                }
                foreach (var st in _reader.Read(sentence, subject.Year, places))
                {
                    var at = sentenceStart + st.Start;
                    var locator = $"{piece.Locator} @{at.ToString(CultureInfo.InvariantCulture)}-{(at + st.Length).ToString(CultureInfo.InvariantCulture)}";
                    var raw = piece.Text.Substring(at, st.Length);
                    var printedSentence = sentence.Trim();
                    if (st.Outcome == StatementOutcome.Excluded)
                    {
                        outcome.Read++;
                        outcome.Exclude(st.Rule);
                        continue;
                    }
                    if (st.Outcome == StatementOutcome.Quarantined)
                    {
                        outcome.Read++;
                        outcome.Quarantine(st.Rule);
                        result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, locator, st.Rule,
                            $"{st.Variable}: {raw}{st.Unit} ({st.Reading}) cannot be settled: \"{printedSentence}\""));
                        continue;
                    }
                    var printed = PrintedNumber.Parse(st.Number);
                    var catalogue = _variables.Get(st.Variable).Unit;
                    var factor = UnitConverter.Factor(catalogue, st.Unit);
                    var value = printed.Kind == PrintedKind.Number && factor is { } f ? (double)(printed.Value * f) : double.NaN;
                    var resolution = factor is { } g ? (double)g * Math.Pow(10, -Decimals(printed.Value)) : double.NaN;
                    candidates.Add(new Candidate(st, resolution, value, raw, locator, printedSentence));
                }
                sentenceStart += sentence.Length;
            }
        }
        Resolve(result, city, subject.Year, candidates);
        return result;
    }

    /// <summary>A text file as a page: its first line the heading, each further line a paragraph.</summary>
    private static string PlainTextPage(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var sb = new System.Text.StringBuilder("<html><head><title>");
        if (lines.Count > 0) sb.Append(System.Net.WebUtility.HtmlEncode(lines[0]));
        sb.Append("</title></head><body>");
        foreach (var l in lines) sb.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(l)).Append("</p>");
        return sb.Append("</body></html>").ToString();
    }

    /// <summary>The names of the city (1) and of its county-level units (0) in the year, for scopes.</summary>
    private TermTrie<int> CityPlaces(CityCode city, int year) => _cityPlaces.GetOrAdd((city.Value, year), key =>
    {
        var names = new List<(string, int)>();
        foreach (var (name, meanings) in _places.Names.All)
            foreach (var m in meanings)
            {
                if (!m.ValidIn(year)) continue;
                if (m.Kind == PlaceNameKind.City && m.Code == key.City) names.Add((name, 1));
                else if (m.Kind == PlaceNameKind.County && m.Unit == key.City && m.Code != key.City && name.Length >= 2) names.Add((name, 0));
            }
        // The longest, city names first (a county-level unit may share a municipality's short name).
        return new TermTrie<int>(names.OrderByDescending(n => n.Item2).ThenBy(n => n.Item1, StringComparer.Ordinal));
    });

    /// <summary>Sentences of a paragraph, each with its closing mark (。！？) or the end of the paragraph.</summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // A line break in the page source is not a sentence boundary.
            if (text[i] is not ('。' or '！' or '？' or '!' or '?')) continue;
            yield return text[start..(i + 1)];
            start = i + 1;
        }
        if (start < text.Length) yield return text[start..];
    }

    private void Resolve(ParsedFile result, CityCode city, int year, List<Candidate> candidates)
    {
        var outcome = result.Outcome;
        foreach (var group in candidates.GroupBy(c => c.Statement.Variable))
        {
            var list = group.ToList();
            outcome.Read += list.Count;
            var variable = _variables.Get(group.Key);
            foreach (var bad in list.Where(c => double.IsNaN(c.Value)))
            {
                outcome.Quarantine("unit_not_convertible");
                result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, bad.Locator, "unit_not_convertible",
                    $"{bad.RawText}{bad.Statement.Unit} does not convert to {variable.Unit}: \"{bad.Sentence}\""));
            }
            var usable = list.Where(c => !double.IsNaN(c.Value)).ToList();
            if (usable.Count == 0) continue;
            // Figures agree when they are the same number at the coarser of their printed precisions; the
            // most precise one is staged.
            var best = usable.OrderBy(c => c.Resolution).First();
            if (usable.All(c => Agree(c, best)))
            {
                outcome.Loaded++;
                outcome.Facts++;
                outcome.Exclude("restated", usable.Count - 1);
                var reading = best.Statement.Reading.Length > 0 ? $" [{best.Statement.Reading}]" : "";
                result.Facts.Add(new StagedFact(city, year, variable.Name, best.Value, best.RawText, best.Statement.Unit, SourceKind.Bulletin,
                    outcome.File, best.Locator, best.Sentence + reading));
                continue;
            }
            var values = string.Join(", ", usable.Select(c => $"{c.RawText}{c.Statement.Unit}").Distinct());
            var where = string.Join("; ", usable.Select(c => c.Locator));
            foreach (var c in usable)
            {
                outcome.Quarantine("ambiguous_value");
                result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, c.Locator, "ambiguous_value",
                    $"{variable.Name} of {city} {year} is stated as a city-wide level with different figures ({values}; at {where}); none is staged: \"{c.Sentence}\""));
            }
        }
    }

    /// <summary>Two figures agree when they differ by less than half the coarser one's last printed digit.</summary>
    private static bool Agree(Candidate a, Candidate b) =>
        Math.Abs(a.Value - b.Value) <= 0.5 * Math.Max(a.Resolution, b.Resolution) * (1 + 1e-9);

    private static int Decimals(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;
}
