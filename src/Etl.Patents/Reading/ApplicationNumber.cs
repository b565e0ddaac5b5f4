namespace Etl.Patents.Reading;

/// <summary>
/// CNIPA application numbers: since October 2003, four digits of the filing year, one kind digit (1
/// invention, 2 utility model, 3 design, 8 PCT invention entering China, 9 PCT utility model), a seven-digit
/// serial and a check character (0-9 or X), written with or without <c>CN</c> or <c>ZL</c> and the dot
/// (<c>CN201810123456.X</c>, <c>2018101234567</c>); before, two year digits, the kind digit, five serial
/// digits and the check character (<c>00123456.7</c>). The key of an application is its digits without the
/// check character.
/// </summary>
public static class ApplicationNumber
{
    /// <summary>Parses the printed number; false when it is none of the two forms or its check character is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long key, out int kind, out string reason)
    {
        key = 0;
        kind = 0;
        reason = "";
        Span<char> digits = stackalloc char[16];
        var n = 0;
        char check = '\0';
        var t = text.Trim();
        if (t.StartsWith("CN", StringComparison.OrdinalIgnoreCase) || t.StartsWith("ZL", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        foreach (var raw in t)
        {
            var c = Etl.Domain.Text.TextNormalizer.ToHalfWidth(raw);
            if (char.IsAsciiDigit(c))
            {
                if (n == digits.Length) { reason = "too many digits"; return false; }
                digits[n++] = c;
            }
            else if (c is 'X' or 'x' && check == '\0') check = 'X';
            else if (c is '.' or ' ' or '-') continue;
            else { reason = $"character '{c}'"; return false; }
        }
        scoped ReadOnlySpan<char> body;
        if (check == 'X')
        {
            body = digits[..n];
        }
        else if (n is 13 or 9)
        {
            body = digits[..(n - 1)];
            check = digits[n - 1];
        }
        else
        {
            body = digits[..n];
        }
        if (body.Length == 12)
        {
            // The twelve-digit form began in October 2003 and starts with the filing year: anything earlier is a
            // damaged number (and would read as an eight-digit one once stored as an integer).
            var year = ((body[0] - '0') * 1000) + ((body[1] - '0') * 100) + ((body[2] - '0') * 10) + (body[3] - '0');
            if (year < 2003) { reason = $"a twelve-digit number from year {year} (the form began in 2003)"; return false; }
            if (check != '\0' && check != CheckCharacter(body)) { reason = "wrong check character"; return false; }
            kind = body[4] - '0';
        }
        else if (body.Length == 8)
        {
            if (check != '\0' && check != CheckCharacter8(body)) { reason = "wrong check character"; return false; }
            kind = body[2] - '0';
        }
        else { reason = $"{body.Length} digits"; return false; }
        foreach (var c in body) key = key * 10 + (c - '0');
        // Keep the two forms apart: an 8-digit number gets a marker above every 12-digit one.
        if (body.Length == 8) key += 1_000_000_000_000L;
        return true;
    }

    /// <summary>The check character of a 12-digit number: Σ digit × weight (2-9, then 2-5) modulo 11; 10 is X.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> twelveDigits)
    {
        ReadOnlySpan<int> weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (twelveDigits[i] - '0') * weights[i];
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    /// <summary>The check character of an 8-digit number (before October 2003): Σ digit × weight (2-9) modulo 11; 10 is X.</summary>
    public static char CheckCharacter8(ReadOnlySpan<char> eightDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (eightDigits[i] - '0') * (i + 2);
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    /// <summary>Whether the kind digit is an invention (1, or 8 for PCT applications entering China).</summary>
    public static bool IsInvention(int kind) => kind is 1 or 8;
}
