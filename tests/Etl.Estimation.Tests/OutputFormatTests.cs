using Etl.Estimation.Reporting;

namespace Etl.Estimation.Tests;

public class OutputFormatTests
{
    [Theory]
    [InlineData(0.0, "***")]
    [InlineData(0.00999, "***")]
    [InlineData(0.01, "**")]
    [InlineData(0.04999, "**")]
    [InlineData(0.05, "*")]
    [InlineData(0.0999, "*")]
    [InlineData(0.1, "")]
    [InlineData(0.5, "")]
    [InlineData(double.NaN, "")]
    public void Stars_use_strict_thresholds(double p, string stars) => Assert.Equal(stars, Stars.For(p));

    [Theory]
    [InlineData(3.5994, 3, "3.599")]
    [InlineData(3.5996, 3, "3.600")]
    [InlineData(-12.25, 2, "-12.25")]
    [InlineData(0.0144, 3, "0.014")]
    [InlineData(0.00201, 3, "0.00201")]
    [InlineData(-0.0000649, 3, "-0.0000649")]
    [InlineData(1e-12, 3, "0.00000000")]
    [InlineData(-0.0001, 0, "-0.000100")]
    [InlineData(-0.0004, 3, "-0.000400")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(double.NaN, 3, "–")]
    public void Coefficients_keep_three_significant_digits_when_small(double value, int decimals, string text) =>
        Assert.Equal(text, NumberFormat.Coefficient(value, decimals));

    [Fact]
    public void Negative_zero_and_values_rounding_to_zero_print_without_sign()
    {
        Assert.Equal("0.000", NumberFormat.Coefficient(-0.0, 3));
        Assert.Equal("0.00000000", NumberFormat.Coefficient(-1e-12, 3));
    }

    [Fact]
    public void P_values_and_intervals()
    {
        Assert.Equal("<0.001", NumberFormat.PValue(0.0004));
        Assert.Equal("0.001", NumberFormat.PValue(0.001));
        Assert.Equal("0.154", NumberFormat.PValue(0.1536));
        Assert.Equal("[0.473, 0.940]", NumberFormat.Interval(0.4731, 0.94, 3));
    }

    private static PublicationTable Sample() => new("Table 1 & 2: 50% of x_1",
        ["(1)", "(2)"], ["nq_rev", "log1p(nq_rev)"],
        [
            new TableLine("Digital_real", [new Cell("3.599", "***"), new Cell("0.120", "*")], LineKind.Coefficient),
            new TableLine("", [new Cell("(0.117)"), new Cell("(0.065)")], LineKind.StdError),
            new TableLine("City FE", [new Cell("Yes"), new Cell("No")], LineKind.Indicator),
            new TableLine("Observations", [new Cell("2970"), new Cell("2772")], LineKind.Statistic),
            new TableLine("Within R²", [new Cell("0.995"), new Cell("–")], LineKind.Statistic),
        ],
        ["Standard errors clustered by city in parentheses.", "*** p<0.01, ** p<0.05, * p<0.1.", "a <b> & \"c\", {d} ~e^ #f $g \\h"]);

    [Fact]
    public void Latex_uses_booktabs_superscript_stars_and_escapes_every_special_character()
    {
        var tex = LatexWriter.Render(Sample());
        Assert.Contains("\\caption{Table 1 \\& 2: 50\\% of x\\_1}", tex);
        Assert.Contains("\\begin{tabular}{lcc}\n\\toprule\n", tex);
        Assert.Contains(" & (1) & (2) \\\\\n & nq\\_rev & log1p(nq\\_rev) \\\\\n\\midrule\n", tex);
        Assert.Contains("Digital\\_real & 3.599$^{***}$ & 0.120$^{*}$ \\\\\n & (0.117) & (0.065) \\\\\n\\midrule\nCity FE & Yes & No \\\\\n\\midrule\nObservations", tex);
        Assert.Contains("Within R\\textsuperscript{2} & 0.995 & -- \\\\\n\\bottomrule\n\\end{tabular}\n\\begin{tablenotes}", tex);
        Assert.Contains("\\item a \\textless{}b\\textgreater{} \\& \"c\", \\{d\\} \\textasciitilde{}e\\textasciicircum{} \\#f \\$g \\textbackslash{}h\n", tex);
        Assert.Contains("\\begin{threeparttable}", tex);
        Assert.Contains("*** p\\textless{}0.01", tex);
    }

    [Fact]
    public void Markdown_puts_the_standard_error_below_and_escapes_markup()
    {
        var md = MarkdownWriter.Render(Sample());
        Assert.StartsWith("**Table 1 & 2: 50% of x_1**\n\n|  | (1) | (2) |\n|:---|---:|---:|\n|  | nq_rev | log1p(nq_rev) |\n", md);
        Assert.Contains("| Digital_real | 3.599\\*\\*\\* | 0.120\\* |\n|  | (0.117) | (0.065) |\n| City FE | Yes | No |\n", md);
        Assert.Contains("\\*\\*\\* p<0.01", md);
        Assert.Contains("a \\<b> & \"c\"", md); // "<b" could open an HTML tag; "<0" cannot
    }

    [Fact]
    public void Html_encodes_text_and_marks_stars()
    {
        var html = HtmlWriter.Render(Sample());
        Assert.Contains("<caption>Table 1 &amp; 2: 50% of x_1</caption>", html);
        Assert.Contains("<td>Digital_real</td><td>3.599<sup>***</sup></td><td>0.120<sup>*</sup></td>", html);
        Assert.Contains("<p>a &lt;b&gt; &amp; &quot;c&quot;", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
    }

    [Fact]
    public void Csv_quotes_fields_that_need_it()
    {
        var csv = CsvWriter.Render(Sample());
        var lines = csv.Split('\n');
        Assert.Equal(",(1),(2)", lines[0]);
        Assert.Equal(",nq_rev,log1p(nq_rev)", lines[1]);
        Assert.Equal("Digital_real,3.599***,0.120*", lines[2]);
        Assert.Equal(",(0.117),(0.065)", lines[3]);
        Assert.Equal("\"a <b> & \"\"c\"\", {d} ~e^ #f $g \\h\"", lines[^2]);
    }
}
