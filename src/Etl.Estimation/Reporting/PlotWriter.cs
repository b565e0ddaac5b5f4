using Etl.Estimation.Results;
using Etl.Estimation.Specs;
using ScottPlot;

namespace Etl.Estimation.Reporting;

/// <summary>
/// Plots with ScottPlot (rendered by SkiaSharp, headless) as PNG, SVG and PDF: a coefficient across models with
/// 95% intervals, and the bootstrap distribution of a·b with its intervals. Axis titles use the variables'
/// labels (<see cref="Labels"/>). English labels only (the machines have DejaVu fonts, no CJK font). Same
/// results give byte-identical files.
/// </summary>
public static partial class PlotWriter
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of every plot in pixels.</summary>
    public const int Height = 540;

    private const string Font = "DejaVu Sans";

    /// <summary>Renders <paramref name="plot"/> to PNG bytes.</summary>
    public static byte[] Render(StudyResults r, PlotSpec plot) => Build(r, plot).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Renders <paramref name="plot"/> as SVG text.</summary>
    public static string Svg(StudyResults r, PlotSpec plot) => RenumberIds(Build(r, plot).GetSvgXml(Width, Height));

    [System.Text.RegularExpressions.GeneratedRegex(@"id=""([A-Za-z]+)_([0-9a-fA-F]+)""")]
    private static partial System.Text.RegularExpressions.Regex SvgId();

    /// <summary>
    /// Skia numbers the SVG's clip paths with a counter shared by every render in the process, so the same plot
    /// gets other ids the second time; numbered in order of appearance, the same plot gives the same bytes.
    /// </summary>
    private static string RenumberIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in SvgId().Matches(svg))
            map.TryAdd($"{m.Groups[1].Value}_{m.Groups[2].Value}", $"{m.Groups[1].Value}_{map.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (map.Count == 0) return svg;
        // Old and new ids share their form: rename through a placeholder so no id is renamed twice.
        foreach (var (from, to) in map)
            svg = svg.Replace($"id=\"{from}\"", $"id=\"\u0001{to}\"", StringComparison.Ordinal).Replace($"#{from})", $"#\u0001{to})", StringComparison.Ordinal);
        return svg.Replace("\u0001", "", StringComparison.Ordinal);
    }

    /// <summary>Renders <paramref name="plot"/> as a one-page PDF (vector, the font embedded).</summary>
    public static byte[] Pdf(StudyResults r, PlotSpec plot)
    {
        var p = Build(r, plot);
        using var stream = new MemoryStream();
        using (var doc = SkiaSharp.SKDocument.CreatePdf(stream))
        {
            var canvas = doc.BeginPage(Width, Height);
            p.Render(canvas, Width, Height);
            doc.EndPage();
            doc.Close();
        }
        return stream.ToArray();
    }

    /// <summary>The plot, ready to render in any format.</summary>
    public static Plot Build(StudyResults r, PlotSpec plot) => plot.Kind switch
    {
        "coefficients" => Coefficients(r, plot),
        "bootstrap" => Bootstrap(r, plot),
        _ => throw new ArgumentOutOfRangeException(nameof(plot), plot.Kind, "unknown plot kind"),
    };

    private static Plot Coefficients(StudyResults r, PlotSpec spec)
    {
        var term = spec.Term!.ToString();
        var terms = spec.Models.Select(id => r.Model(id).Fit[term]).ToList();
        var xs = Enumerable.Range(1, terms.Count).Select(i => (double)i).ToArray();
        var plt = new Plot();
        plt.Font.Set(Font);
        plt.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        // The intervals are symmetric (estimate ± t-quantile × SE), so one half-width per point.
        var bars = plt.Add.ErrorBar(xs, terms.Select(t => t.Estimate).ToArray(), terms.Select(t => (t.CiHigh - t.CiLow) / 2).ToArray());
        bars.Color = Colors.Black;
        bars.LineWidth = 1.5f;
        var points = plt.Add.ScatterPoints(xs, terms.Select(t => t.Estimate).ToArray(), Colors.Black);
        points.MarkerSize = 9;
        var labels = spec.Labels.Count > 0 ? spec.Labels : spec.Models.Select(id => r.Model(id).Spec.Label).ToList();
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, [.. labels]);
        if (terms.Count > 6) plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.SetLimitsX(0.4, terms.Count + 0.6);
        plt.Title(spec.Title);
        plt.YLabel($"Coefficient of {new Labels(r.Spec, r.WarehouseLabels).Term(term)}");
        plt.XLabel("Model (vertical bars: 95% confidence intervals, clustered by city)");
        return plt;
    }

    private static Plot Bootstrap(StudyResults r, PlotSpec spec)
    {
        var m = r.Mediation ?? throw new InvalidOperationException("no mediation results to plot");
        var values = m.Draws.SortedAB;
        var plt = new Plot();
        plt.Font.Set(Font);
        var lo = Math.Min(values[0], m.BiasCorrected.Low is var b && double.IsFinite(b) ? b : values[0]);
        var hi = Math.Max(values[^1], m.BiasCorrected.High is var c && double.IsFinite(c) ? c : values[^1]);
        var hist = ScottPlot.Statistics.Histogram.WithBinCount(40, lo, hi + (hi - lo) * 1e-9);
        hist.AddRange(values);
        plt.Add.Histogram(hist, Colors.SteelBlue.WithAlpha(0.6));
        void Line(double x, Color color, LinePattern pattern, string legend)
        {
            if (!double.IsFinite(x)) return;
            var l = plt.Add.VerticalLine(x, 2, color, pattern);
            l.LegendText = legend;
        }
        var level = (int)Math.Round(m.Spec.Level * 100);
        Line(m.AB, Colors.Black, LinePattern.Solid, $"estimate a×b = {NumberFormat.Coefficient(m.AB, r.Spec.Decimals)}");
        Line(m.Percentile.Low, Colors.DarkRed, LinePattern.Dashed, $"{level}% percentile CI {NumberFormat.Interval(m.Percentile.Low, m.Percentile.High, r.Spec.Decimals)}");
        Line(m.Percentile.High, Colors.DarkRed, LinePattern.Dashed, "");
        Line(m.BiasCorrected.Low, Colors.DarkGreen, LinePattern.Dotted, $"{level}% bias-corrected CI {NumberFormat.Interval(m.BiasCorrected.Low, m.BiasCorrected.High, r.Spec.Decimals)}");
        Line(m.BiasCorrected.High, Colors.DarkGreen, LinePattern.Dotted, "");
        plt.ShowLegend(Alignment.UpperRight);
        plt.Title(spec.Title);
        var labels = new Labels(r.Spec, r.WarehouseLabels);
        plt.XLabel($"a×b over {values.Length} city-bootstrap replications ({labels.Term(m.Spec.Treatment)} -> {labels.Term(m.Spec.Mediator)})");
        plt.YLabel("Replications");
        plt.Axes.Margins(bottom: 0);
        return plt;
    }
}
