namespace Etl.Estimation.Reporting;

/// <summary>Significance stars: *** p &lt; 0.01, ** p &lt; 0.05, * p &lt; 0.1 (strict inequalities: p = 0.05 earns one star).</summary>
public static class Stars
{
    /// <summary>The note printed under every table.</summary>
    public const string Note = "*** p<0.01, ** p<0.05, * p<0.1.";

    /// <summary>The stars for a p-value (none for NaN).</summary>
    public static string For(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}
