using System.Globalization;
using AngleSharp.Html.Parser;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Domain.Units;
using Etl.Ingest.Numbers;
using Etl.Ingest.Places;

namespace Etl.Ingest.Bulletins;

/// <summary>
/// Reads one city statistical bulletin page (国民经济和社会发展统计公报) into staged facts: decodes it
/// (<see cref="HtmlDecoding"/>), identifies city and year from the title and heading
/// (<see cref="BulletinIdentity"/>), and reads the catalogue figures from prose and tables
/// (<see cref="StatementPatterns"/>).
/// </summary>
/// <remarks>
/// Counting (<see cref="FileOutcome"/>): a page rejected as a whole is one item, quarantined
/// (<c>encoding_error</c>, <c>no_title</c>, <c>not_a_bulletin</c>, <c>no_subject</c>, <c>identity_conflict</c>,
/// <c>unknown_city</c>, <c>too_large</c>) or excluded (<c>county_bulletin</c>, <c>province_bulletin</c>,
/// <c>outside_window</c>). On an accepted page every figure found is one item: the first statement of each
/// variable is loaded; statements that restate the same figure are excluded (<c>restated</c>); when a page
/// states a variable with different figures, all of them are quarantined (<c>ambiguous_value</c>) and the
/// variable counts as missing for that city-year: flagged, never guessed.
/// </remarks>
public sealed class BulletinParser
{
    /// <summary>Pages larger than this are rejected unread (a bulletin is some tens of KiB).</summary>
    public const long MaxPageBytes = 20L << 20;

    private readonly PlaceResolver _places;
    private readonly VariableCatalogue _variables;

    /// <summary>Creates a parser over the mapping tables.</summary>
    public BulletinParser(MappingSet mappings, PlaceResolver places)
    {
        _places = places;
        _variables = mappings.Variables;
    }

    private sealed record Candidate(Statement Statement, double Resolution, double Value, string RawText, string Locator, string Sentence);

    /// <summary>Parses <paramref name="path"/>; <paramref name="relative"/> is its path under the raw root.</summary>
    public ParsedFile Parse(string path, string relative, string sha256, long bytes)
    {
        var outcome = new FileOutcome(SourceKind.Bulletin, relative, sha256, bytes);
        var result = new ParsedFile(outcome);
        if (bytes > MaxPageBytes) return RejectPage(result, "too_large", $"{bytes} bytes, more than the {MaxPageBytes} a bulletin page may have", quarantine: true);

        DecodedPage page;
        try
        {
            page = HtmlDecoding.Decode(File.ReadAllBytes(path));
        }
        catch (PageEncodingException e)
        {
            return RejectPage(result, "encoding_error", e.Message, quarantine: true);
        }
        outcome.Encoding = $"{page.Encoding} ({page.Evidence})";
        var document = new HtmlParser().ParseDocument(page.Text);
        var title = document.Title?.Trim() ?? "";
        var heading = document.QuerySelectorAll("h1, h2, h3").Select(h => h.TextContent.Trim()).FirstOrDefault(BulletinIdentity.IsBulletinTitle) ?? "";
        if (title.Length == 0 && heading.Length == 0) return RejectPage(result, "no_title", "the page has no <title> and no bulletin heading", quarantine: true);
        if (!BulletinIdentity.IsBulletinTitle(title) && heading.Length == 0)
            return RejectPage(result, "not_a_bulletin", $"<title>{title}</title> announces no statistical bulletin (公报)", quarantine: true);

        var fromTitle = BulletinIdentity.Read(title, _places);
        var fromHeading = heading.Length > 0 ? BulletinIdentity.Read(heading, _places) : null;
        // A title that names no place (a site's own name, say) defers to the heading.
        if (fromTitle is { Place.Kind: PlaceKind.Unknown } && fromHeading is { Place.Kind: not PlaceKind.Unknown }) fromTitle = null;
        if (fromTitle is { } a && fromHeading is { } b && (a.Year != b.Year || a.Place.Kind != b.Place.Kind || a.Place.Code != b.Place.Code))
            return RejectPage(result, "identity_conflict", $"the title names {a.Name} {a.Year}, the heading {b.Name} {b.Year}", quarantine: true);
        if ((fromHeading ?? fromTitle) is not { } subject)
            return RejectPage(result, "no_subject", $"neither the title '{title}' nor the heading '{heading}' states a place and a year", quarantine: true);
        if (!PanelYears.Contains(subject.Year))
            return RejectPage(result, "outside_window", $"the bulletin reports {subject.Year}, outside {PanelYears.First}-{PanelYears.Last}", quarantine: false);
        switch (subject.Place.Kind)
        {
            case PlaceKind.County: return RejectPage(result, "county_bulletin", $"the bulletin of {subject.Name}, a county-level unit", quarantine: false);
            case PlaceKind.Province: return RejectPage(result, "province_bulletin", $"the bulletin of the province {subject.Name}", quarantine: false);
            case not PlaceKind.City: return RejectPage(result, "unknown_city", $"'{subject.Name}' names no prefecture-level unit of {subject.Year}", quarantine: true);
        }
        var city = subject.Place.Code!.Value;
        outcome.Note = $"{city} {subject.Name} {subject.Year.ToString(CultureInfo.InvariantCulture)}";

        var candidates = new List<Candidate>();
        foreach (var piece in PageText.Pieces(document))
        {
            var half = TextNormalizer.ToHalfWidth(piece.Text);
            var sentenceStart = 0;
            foreach (var sentence in Sentences(half))
            {
                foreach (var st in StatementPatterns.Find(sentence))
                {
                    var printed = PrintedNumber.Parse(st.Number);
                    if (printed.Kind != PrintedKind.Number) continue;
                    var raw = piece.Text.Substring(sentenceStart + st.Start, st.Length);
                    var at = sentenceStart + st.Start;
                    var locator = $"{piece.Locator} @{at.ToString(CultureInfo.InvariantCulture)}-{(at + st.Length).ToString(CultureInfo.InvariantCulture)}";
                    var original = piece.Text.Substring(sentenceStart, sentence.Length).Trim();
                    var catalogue = _variables.Get(st.Variable).Unit;
                    var factor = UnitConverter.Factor(catalogue, st.Unit);
                    var value = factor is { } f ? (double)(printed.Value * f) : double.NaN;
                    var decimals = Decimals(printed.Value);
                    var resolution = factor is { } g ? (double)g * Math.Pow(10, -decimals) : double.NaN;
                    candidates.Add(new Candidate(st, resolution, value, raw, locator, original));
                }
                sentenceStart += sentence.Length;
            }
        }
        Resolve(result, city, subject.Year, candidates);
        return result;
    }

    /// <summary>Sentences of a paragraph, each with its closing mark (。！？) or the end of the paragraph.</summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // A line break in the page source is not a sentence boundary.
            if (text[i] is not ('。' or '！' or '？')) continue;
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
                result.Facts.Add(new StagedFact(city, year, variable.Name, best.Value, best.RawText, best.Statement.Unit, SourceKind.Bulletin,
                    outcome.File, best.Locator, best.Sentence));
                continue;
            }
            var values = string.Join(", ", usable.Select(c => $"{c.RawText}{c.Statement.Unit}").Distinct());
            foreach (var c in usable)
            {
                outcome.Quarantine("ambiguous_value");
                result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, c.Locator, "ambiguous_value",
                    $"{variable.Name} of {city} {year} is stated with different figures ({values}); none is staged: \"{c.Sentence}\""));
            }
        }
    }

    /// <summary>Two figures agree when they differ by less than half the coarser one's last printed digit.</summary>
    private static bool Agree(Candidate a, Candidate b) =>
        Math.Abs(a.Value - b.Value) <= 0.5 * Math.Max(a.Resolution, b.Resolution) * (1 + 1e-9);

    private static int Decimals(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;

    private static ParsedFile RejectPage(ParsedFile result, string reason, string detail, bool quarantine)
    {
        var outcome = result.Outcome;
        outcome.Read = 1;
        outcome.Rejection = reason;
        if (quarantine)
        {
            outcome.Quarantine(reason);
            result.Quarantine.Add(new QuarantineItem(SourceKind.Bulletin, outcome.File, "", reason, detail));
        }
        else outcome.Exclude(reason);
        return result;
    }
}
