using System.Globalization;

namespace Etl.Domain.Ipc;

/// <summary>
/// An IPC symbol in canonical form: four-character subclass, main group number and subgroup digits,
/// written <c>G06F16/27</c>. Subgroup digits keep leading zeros (<c>3/0481</c>) and at least two digits.
/// </summary>
public readonly record struct IpcCode(string Subclass, int MainGroup, string Subgroup)
{
    /// <summary>The three-character class, e.g. <c>G06</c>.</summary>
    public string Class => Subclass[..3];

    /// <summary>Parses the canonical form only (<c>G06F16/27</c>); noisy notations are normalised elsewhere.</summary>
    public static bool TryParseCanonical(string text, out IpcCode code)
    {
        code = default;
        if (text.Length < 8 || !IsSubclass(text.AsSpan(0, 4))) return false;
        var slash = text.IndexOf('/', 4);
        if (slash < 5 || slash - 4 > 4) return false;
        var main = text.AsSpan(4, slash - 4);
        var sub = text.AsSpan(slash + 1);
        if (!AllDigits(main) || !AllDigits(sub) || sub.Length is < 2 or > 6) return false;
        code = new IpcCode(text[..4], int.Parse(main, NumberStyles.None, CultureInfo.InvariantCulture), NormalizeSubgroup(sub));
        return true;
    }

    /// <summary>
    /// Subgroup digits are a decimal fraction: <c>/270000</c> (PATSTAT padding) and <c>/27</c> are the same
    /// subgroup. Trailing zeros are removed down to two digits.
    /// </summary>
    public static string NormalizeSubgroup(ReadOnlySpan<char> digits)
    {
        var end = digits.Length;
        while (end > 2 && digits[end - 1] == '0') end--;
        return digits[..end].ToString();
    }

    /// <summary>Whether the four characters form an IPC subclass such as <c>G06F</c>.</summary>
    public static bool IsSubclass(ReadOnlySpan<char> s) =>
        s.Length == 4 && s[0] is >= 'A' and <= 'H' && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && s[3] is >= 'A' and <= 'Z';

    /// <summary>Subclasses numbered in IPC order (<c>A01B</c> is 0, <c>H99Z</c> 20,799): a stable integer identity that fits 16 bits.</summary>
    public static int SubclassNumber(string subclass)
    {
        if (!IsSubclass(subclass)) throw new ArgumentException($"not an IPC subclass: '{subclass}'", nameof(subclass));
        return (((subclass[0] - 'A') * 100) + ((subclass[1] - '0') * 10) + (subclass[2] - '0')) * 26 + (subclass[3] - 'A');
    }

    /// <summary>The subclass of a <see cref="SubclassNumber"/>.</summary>
    public static string SubclassOf(int number)
    {
        var (classNumber, letter) = Math.DivRem(number, 26);
        var (section, digits) = Math.DivRem(classNumber, 100);
        return string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + section)}{digits:D2}{(char)('A' + letter)}");
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Subclass}{MainGroup}/{Subgroup}");
}
