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
