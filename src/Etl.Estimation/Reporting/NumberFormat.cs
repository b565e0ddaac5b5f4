using System.Globalization;

namespace Etl.Estimation.Reporting;

/// <summary>Culture-invariant number formats of the publication tables.</summary>
public static class NumberFormat
{
    /// <summary>The most decimals a coefficient is printed with.</summary>
    public const int MaxDecimals = 8;

    /// <summary>
    /// A coefficient or standard error: <paramref name="decimals"/> decimals, or more for values below 0.01 in
    /// magnitude so that three significant digits show (0.000123), at most <see cref="MaxDecimals"/>.
    /// Non-finite values print as an en dash.
    /// </summary>
    public static string Coefficient(double value, int decimals)
    {
        if (!double.IsFinite(value)) return "–";
        var d = decimals;
        var magnitude = Math.Abs(value);
        if (magnitude > 0 && magnitude < 0.01) d = Math.Clamp(2 - (int)Math.Floor(Math.Log10(magnitude)), decimals, MaxDecimals);
        var text = value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // A value that rounds to zero prints without a minus sign.
        return text.TrimStart('-').All(ch => ch is '0' or '.') ? text.TrimStart('-') : text;
    }

    /// <summary>
    /// Decimals for a coefficient and its standard error printed as a pair: at least <paramref name="decimals"/>,
    /// enough for two significant digits of the standard error and three of a coefficient below 0.01, at most
    /// <see cref="MaxDecimals"/>. Both are printed with them, so a coefficient never shows fewer digits than its
    /// standard error (0.014014 (0.000040), not 0.014 (0.0000396)).
    /// </summary>
    public static int PairDecimals(double estimate, double stdError, int decimals)
    {
        var d = decimals;
        if (double.IsFinite(stdError) && stdError > 0) d = Math.Max(d, 1 - (int)Math.Floor(Math.Log10(stdError)));
        var m = Math.Abs(estimate);
        if (double.IsFinite(m) && m > 0 && m < 0.01) d = Math.Max(d, 2 - (int)Math.Floor(Math.Log10(m)));
        return Math.Min(d, MaxDecimals);
    }

    /// <summary>A value with exactly <paramref name="decimals"/> decimals; a value that rounds to zero has no minus sign.</summary>
    public static string WithDecimals(double value, int decimals)
    {
        if (!double.IsFinite(value)) return "–";
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.TrimStart('-').All(ch => ch is '0' or '.') ? text.TrimStart('-') : text;
    }

    /// <summary>A statistic with fixed decimals (R², test statistics).</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    /// <summary>A p-value: three decimals, "&lt;0.001" below 0.001.</summary>
    public static string PValue(double p) => !double.IsFinite(p) ? "–" : p < 0.001 ? "<0.001" : p.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>An integer.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An interval [low, high].</summary>
    public static string Interval(double low, double high, int decimals) => $"[{Coefficient(low, decimals)}, {Coefficient(high, decimals)}]";
}
