namespace Etl.Patents.Reading;

/// <summary>
/// Application dates in the notations exports use: <c>2018-03-05</c>, <c>2018/3/5</c>, <c>20180305</c>,
/// <c>2018.03.05</c>, <c>2018年3月5日</c>, with an optional time after the date. Only the year is needed,
/// but the whole date is checked, so <c>2018-13-45</c> is rejected rather than counted in 2018.
/// </summary>
public static class FilingDate
{
    /// <summary>Parses a date and returns its year; false when it is no valid date.</summary>
    public static bool TryYear(ReadOnlySpan<char> text, out int year)
    {
        year = 0;
        var t = text.Trim();
        var space = t.IndexOfAny(' ', 'T');
        if (space > 0) t = t[..space];
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var digits = 0;
        var value = 0;
        if (t.Length == 8 && AllDigits(t))
        {
            parts[0] = Int(t[..4]);
            parts[1] = Int(t[4..6]);
            parts[2] = Int(t[6..8]);
            count = 3;
        }
        else
        {
            foreach (var raw in t)
            {
                var c = Etl.Domain.Text.TextNormalizer.ToHalfWidth(raw);
                if (char.IsAsciiDigit(c))
                {
                    value = value * 10 + (c - '0');
                    if (++digits > 4) return false;
                    continue;
                }
                if (c is not ('-' or '/' or '.' or '年' or '月' or '日')) return false;
                if (digits == 0) return false;
                if (count == 3) return false;
                parts[count++] = value;
                value = digits = 0;
            }
            if (digits > 0)
            {
                if (count == 3) return false;
                parts[count++] = value;
            }
        }
        if (count != 3) return false;
        int y = parts[0], m = parts[1], d = parts[2];
        if (y is < 1900 or > 2100 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        year = y;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static int Int(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s) v = v * 10 + (c - '0');
        return v;
    }
}
