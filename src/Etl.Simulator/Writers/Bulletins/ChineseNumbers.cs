using System.Globalization;
using System.Text;

namespace Etl.Simulator.Writers.Bulletins;

/// <summary>Number forms that bulletins use.</summary>
internal static class ChineseNumbers
{
    private static readonly string[] s_digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>A year in Chinese numerals: 2015 → 二〇一五.</summary>
    public static string Year(int year) => string.Concat(year.ToString(CultureInfo.InvariantCulture).Select(c => s_digits[c - '0']));

    /// <summary>ASCII digits and point to full-width forms.</summary>
    public static string FullWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is >= '0' and <= '9' or '.' or ',' or '%' ? Etl.Domain.Text.TextNormalizer.ToFullWidth(c) : c);
        return sb.ToString();
    }

    /// <summary>A decimal as printed: fixed decimals, optionally with thousands separators.</summary>
    public static string Format(decimal value, int decimals, bool thousands) =>
        value.ToString((thousands ? "#,##0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : ""), CultureInfo.InvariantCulture);
}
