using Etl.Domain.Ipc;

namespace Etl.Patents.Ipc;

/// <summary>
/// Reads the IPC lists of patent exports in every notation seen in them: <c>G06F16/27;H04L29/08</c>, WIPO
/// spacing <c>G06F 16/27</c> or <c>G06F  16/27</c>, PATSTAT's fixed width <c>G06F0016270000</c>,
/// <c>G06F-016/27</c>, version suffixes <c>(2006.01)</c>, lower case, full-width characters, and the
/// separators <c>;</c> <c>；</c> <c>,</c> <c>|</c> <c>、</c> and spaces (a space also separates subclass and
/// group in WIPO spacing; the scanner tells the two apart by what follows).
/// </summary>
/// <remarks>
/// Codes come out packed in a <see cref="long"/> (<see cref="Pack"/>), so the hot path allocates nothing and
/// a code can key a cache; <see cref="Unpack"/> gives the canonical <see cref="IpcCode"/>. Subgroup digits
/// are a decimal fraction: trailing zeros are cut down to two digits, so <c>/270000</c> is <c>/27</c>.
/// </remarks>
public static class IpcNotation
{
    /// <summary>Parses a list into <paramref name="codes"/>; pieces that are no code are counted in <paramref name="unparsable"/>.</summary>
    public static void Parse(ReadOnlySpan<char> text, List<long> codes, out int unparsable)
    {
        unparsable = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (IsSeparator(Normal(text[i]))) { i++; continue; }
            if (TryCode(text, ref i, out var code)) { codes.Add(code); continue; }
            unparsable++;
            while (i < text.Length && !IsSeparator(Normal(text[i]))) i++;
        }
    }

    /// <summary>The canonical code of one symbol in any notation, or null when the text is not exactly one code.</summary>
    public static IpcCode? ParseOne(string text)
    {
        var list = new List<long>(1);
        Parse(text, list, out var bad);
        return list.Count == 1 && bad == 0 ? Unpack(list[0]) : null;
    }

    /// <summary>Packs a canonical code: subclass (15 bits), main group (14), subgroup length (3) and digits (20).</summary>
    public static long Pack(IpcCode code)
    {
        var s = code.Subclass;
        var sub = 0;
        foreach (var c in code.Subgroup) sub = sub * 10 + (c - '0');
        return PackParts(s[0], s[1], s[2], s[3], code.MainGroup, code.Subgroup.Length, sub);
    }

    /// <summary>The canonical code of a packed one.</summary>
    public static IpcCode Unpack(long key)
    {
        var sub = (int)(key & 0xFFFFF);
        var length = (int)((key >> 20) & 0x7);
        var main = (int)((key >> 23) & 0x3FFF);
        var s3 = (char)('A' + ((key >> 37) & 0x1F));
        var s2 = (char)('0' + ((key >> 42) & 0xF));
        var s1 = (char)('0' + ((key >> 46) & 0xF));
        var s0 = (char)('A' + ((key >> 50) & 0x7));
        return new IpcCode(new string([s0, s1, s2, s3]), main, sub.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, '0'));
    }

    private static long PackParts(char s0, char s1, char s2, char s3, int main, int subLength, int sub) =>
        ((long)(s0 - 'A') << 50) | ((long)(s1 - '0') << 46) | ((long)(s2 - '0') << 42) | ((long)(s3 - 'A') << 37)
        | ((long)main << 23) | ((long)subLength << 20) | (uint)sub;

    private static bool IsSeparator(char c) => c is ';' or ',' or '|' or ' ' or '\t' or '\r' or '\n' or '、';

    /// <summary>Half-width, upper-case ASCII.</summary>
    private static char Normal(char c) => Etl.Domain.Classification.KeywordText.Fold(c);

    private static bool TryCode(ReadOnlySpan<char> text, ref int i, out long code)
    {
        code = 0;
        if (i + 4 > text.Length) return false;
        char s0 = Normal(text[i]), s1 = Normal(text[i + 1]), s2 = Normal(text[i + 2]), s3 = Normal(text[i + 3]);
        if (s0 is < 'A' or > 'H' || !char.IsAsciiDigit(s1) || !char.IsAsciiDigit(s2) || s3 is < 'A' or > 'Z') return false;
        var j = i + 4;
        while (j < text.Length && Normal(text[j]) is ' ' or '-') j++;
        var mainStart = j;
        while (j < text.Length && char.IsAsciiDigit(Normal(text[j]))) j++;
        var mainLength = j - mainStart;
        ReadOnlySpan<char> mainDigits, subDigits;
        if (mainLength is >= 1 and <= 4 && j < text.Length && Normal(text[j]) == '/')
        {
            var subStart = ++j;
            while (j < text.Length && char.IsAsciiDigit(Normal(text[j]))) j++;
            if (j - subStart is < 1 or > 6) return false;
            mainDigits = text.Slice(mainStart, mainLength);
            subDigits = text[subStart..j];
        }
        else if (mainLength == 10)
        {
            // PATSTAT fixed width: four digits of main group, six of subgroup.
            mainDigits = text.Slice(mainStart, 4);
            subDigits = text.Slice(mainStart + 4, 6);
        }
        else return false;

        // A kind letter and a version suffix "(2006.01)" belong to the symbol and are dropped.
        while (j < text.Length && Normal(text[j]) is >= 'A' and <= 'Z' && !(j + 3 < text.Length && LooksLikeSubclass(text, j))) j++;
        var after = j;
        while (after < text.Length && Normal(text[after]) == ' ') after++;
        if (after < text.Length && Normal(text[after]) is '(' or '（')
        {
            var close = text[after..].IndexOfAny(')', '）');
            if (close > 0) j = after + close + 1;
        }
        var main = 0;
        foreach (var c in mainDigits) main = main * 10 + (Normal(c) - '0');
        // Trailing zeros of the subgroup fraction go, down to two digits.
        var end = subDigits.Length;
        while (end > 2 && Normal(subDigits[end - 1]) == '0') end--;
        var sub = 0;
        for (var k = 0; k < end; k++) sub = sub * 10 + (Normal(subDigits[k]) - '0');
        var length = end;
        if (length == 1) { sub *= 10; length = 2; }
        code = PackParts(s0, s1, s2, s3, main, length, sub);
        i = j;
        return true;
    }

    private static bool LooksLikeSubclass(ReadOnlySpan<char> text, int j) =>
        Normal(text[j]) is >= 'A' and <= 'H' && char.IsAsciiDigit(Normal(text[j + 1])) && char.IsAsciiDigit(Normal(text[j + 2])) && Normal(text[j + 3]) is >= 'A' and <= 'Z';
}
