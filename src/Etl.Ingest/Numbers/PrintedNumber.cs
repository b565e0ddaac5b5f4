using System.Globalization;
using Etl.Domain.Text;

namespace Etl.Ingest.Numbers;

/// <summary>What a printed cell or figure says: a number, an explicit or implicit "missing", or something else.</summary>
public enum PrintedKind
{
    /// <summary>A number.</summary>
    Number,

    /// <summary>Blank or a missing-value mark (…, —, -, 无): missing, never zero.</summary>
    Missing,

    /// <summary>Text that is neither a number nor a missing mark.</summary>
    Invalid,
}

/// <summary>A parsed printed number with the text it came from.</summary>
/// <param name="Kind">What the text says.</param>
/// <param name="Value">The number (exact decimal) when <see cref="Kind"/> is <see cref="PrintedKind.Number"/>.</param>
/// <param name="Text">The text as printed (for numeric cells, the invariant form of the stored number).</param>
/// <param name="Footnote">Whether a footnote mark was removed from the text.</param>
public readonly record struct PrintedNumber(PrintedKind Kind, decimal Value, string Text, bool Footnote)
{
    /// <summary>
    /// Marks that statistical publications print for "not available". A lone hyphen counts as one; a minus
    /// sign before digits does not.
    /// </summary>
    public static readonly IReadOnlySet<string> MissingMarks = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "…", "……", "...", "..", "—", "——", "–", "-", "--", "无", "/", "NA", "N/A", "n/a", "#N/A", "空",
    };

    /// <summary>Parses the printed text of a number: full-width digits, thousands separators, footnote marks.</summary>
    public static PrintedNumber Parse(string? printed)
    {
        var raw = printed ?? "";
        var text = TextNormalizer.ToHalfWidth(raw).Trim();
        var stripped = TextNormalizer.RemoveFootnoteMarks(text).Trim();
        var footnote = stripped.Length != text.Length;
        if (MissingMarks.Contains(stripped)) return new PrintedNumber(PrintedKind.Missing, 0, raw, footnote);
        var compact = stripped.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        // Thousands separators must group digits in threes, or the text is not a number ("1,23" is not).
        if (stripped.Contains(',', StringComparison.Ordinal) && !ValidGrouping(stripped))
            return new PrintedNumber(PrintedKind.Invalid, 0, raw, footnote);
        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value)
            ? new PrintedNumber(PrintedKind.Number, value, raw, footnote)
            : new PrintedNumber(PrintedKind.Invalid, 0, raw, footnote);
    }

    /// <summary>Reads a spreadsheet cell: numbers stored as numbers, text, blanks; dates and booleans are invalid.</summary>
    public static PrintedNumber FromCell(object? cell) => cell switch
    {
        null => new PrintedNumber(PrintedKind.Missing, 0, "", false),
        double d when double.IsFinite(d) => new PrintedNumber(PrintedKind.Number, (decimal)d, d.ToString("R", CultureInfo.InvariantCulture), false),
        int i => new PrintedNumber(PrintedKind.Number, i, i.ToString(CultureInfo.InvariantCulture), false),
        string s => Parse(s),
        DateTime dt => new PrintedNumber(PrintedKind.Invalid, 0, dt.ToString("s", CultureInfo.InvariantCulture), false),
        var other => new PrintedNumber(PrintedKind.Invalid, 0, Convert.ToString(other, CultureInfo.InvariantCulture) ?? "", false),
    };

    private static bool ValidGrouping(string s)
    {
        var body = s.TrimStart('-', '+');
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var integer = point >= 0 ? body[..point] : body;
        var groups = integer.Split(',');
        if (groups[0].Length is < 1 or > 3) return false;
        for (var i = 1; i < groups.Length; i++)
            if (groups[i].Length != 3) return false;
        return point < 0 || !body[(point + 1)..].Contains(',', StringComparison.Ordinal);
    }
}
