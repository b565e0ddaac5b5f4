using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Etl.Publish.Report;

/// <summary>The lineage of one panel value as text (what <c>etl trace</c> prints).</summary>
public delegate string TraceText(string city, int year, string variable);

/// <summary>What the report holds, for the command's summary line and the tests.</summary>
public sealed record ReportSummary(string Path, int CitiesKept, int CitiesDropped, int Tables, int Figures, int TracedValues);

/// <summary>
/// One self-contained HTML page (no script, no request to any other file or host) with: the sample, cities
/// kept and dropped with their reasons on a map with the Hu line; data quality (files read and rejected,
/// quarantine and exclusion by reason, interpolated shares); an excerpt of the panel whose every value links to
/// its lineage; every publication table and figure of the results folder. Reads the warehouse by SQL and the
/// results folder's files; the lineage text comes from the caller.
/// </summary>
public static partial class ReportWriter
{
    /// <summary>How many cities the panel excerpt shows (the most populous in the last year).</summary>
    public const int ExcerptCities = 10;

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double v, int decimals = 2) => double.IsFinite(v) ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    /// <summary>
    /// Refuses results computed from another panel than the warehouse holds (a rebuild since <c>etl estimate</c>):
    /// a page whose data section and tables describe two different panels would mislead its reader.
    /// </summary>
    private static void EnsureCurrent(string results, string panelHash, string db)
    {
        var manifest = Path.Combine(results, "manifest.json");
        if (!File.Exists(manifest)) return;
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
        if (doc.RootElement.TryGetProperty("panel_hash", out var hash) && hash.GetString() is { } estimated && estimated != panelHash)
            throw new InvalidDataException(
                $"{results}: the results were computed from panel {estimated[..12]}, but {Path.GetFullPath(db)} now holds panel {panelHash[..Math.Min(12, panelHash.Length)]}: run etl estimate (make results) first");
    }

    /// <summary>Writes the report of the warehouse <paramref name="db"/> and the results in <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static ReportSummary Write(string db, string results, string path, TraceText trace)
    {
        using var w = new WarehouseQuery(db);
        List<object?[]> Q(string sql) => w.Rows(sql);
        static string S(object? o) => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
        static double D(object? o) => o is null ? double.NaN : Convert.ToDouble(o, CultureInfo.InvariantCulture);

        var run = Q("SELECT panel_hash, finished_utc, summary FROM runs ORDER BY run_id DESC LIMIT 1").FirstOrDefault()
                  ?? throw new InvalidDataException($"{Path.GetFullPath(db)} holds no build");
        EnsureCurrent(results, S(run[0]), db);
        var kept = Q("SELECT DISTINCT p.city_code, c.name, c.name_en, c.lon, c.lat, c.hu_side, c.region FROM panel p JOIN cities c USING (city_code) ORDER BY p.city_code");
        var dropped = Q("SELECT d.city_code, c.name, c.name_en, c.lon, c.lat, d.reason, d.detail FROM dropped_cities d JOIN cities c USING (city_code) ORDER BY d.reason, d.city_code");
        var years = Q("SELECT min(year), max(year) FROM panel")[0];
        var lastYear = Convert.ToInt32(years[1], CultureInfo.InvariantCulture);
        // The panel's variables in its column order, with their labels and units.
        var variables = Q("""
            SELECT v.name, v.label_en, v.unit_en, v.decimals FROM pragma_table_info('panel') t JOIN variables v ON v.name = t.name WHERE v.in_panel = 1 ORDER BY t.cid
            """).Select(r => (Name: S(r[0]), Label: S(r[1]), Unit: S(r[2]), Decimals: Convert.ToInt32(r[3], CultureInfo.InvariantCulture))).ToList();

        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Digital-real integration city panel: report</title>\n<style>\n")
          .Append(Style).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>Digital-real integration and new-quality industries: the city panel</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Panel {E(S(run[0]))[..Math.Min(16, S(run[0]).Length)]} built {E(S(run[1]))}: {E(S(run[2]))}.</p>\n");
        sb.Append("<nav><a href=\"#sample\">Sample</a> · <a href=\"#quality\">Data quality</a> · <a href=\"#panel\">Panel excerpt</a> · <a href=\"#tables\">Tables</a> · <a href=\"#figures\">Figures</a></nav>\n");

        // The sample.
        sb.Append(CultureInfo.InvariantCulture, $"<section id=\"sample\">\n<h2>Sample</h2>\n<p>{kept.Count} cities kept over {S(years[0])}-{S(years[1])}, {dropped.Count} dropped from the universe of prefecture-level cities.</p>\n");
        sb.Append("<table class=\"data\" id=\"drop-reasons\"><thead><tr><th>Reason a city was dropped</th><th>Cities</th></tr></thead><tbody>\n");
        foreach (var g in dropped.GroupBy(r => S(r[5])).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(g.Key)}</td><td>{g.Count()}</td></tr>\n");
        sb.Append("</tbody></table>\n");
        sb.Append(Map(kept.Select(r => (S(r[1]), S(r[2]), D(r[3]), D(r[4]), S(r[5]))).ToList(), dropped.Select(r => (S(r[1]), S(r[2]), D(r[3]), D(r[4]), S(r[5]))).ToList()));
        sb.Append("<details><summary>Every dropped city and why</summary>\n<table class=\"data\"><thead><tr><th>City</th><th>Reason</th><th>Detail</th></tr></thead><tbody>\n");
        foreach (var r in dropped) sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(S(r[1]))} ({E(S(r[2]))})</td><td>{E(S(r[5]))}</td><td>{E(S(r[6]))}</td></tr>\n");
        sb.Append("</tbody></table>\n</details>\n</section>\n");

        // Data quality.
        sb.Append("<section id=\"quality\">\n<h2>Data quality</h2>\n<table class=\"data\" id=\"files\"><thead><tr><th>Source</th><th>Files</th><th>Read</th><th>Rejected</th><th>Rows loaded</th><th>Rows excluded by rule</th><th>Rows quarantined</th></tr></thead><tbody>\n");
        foreach (var r in Q("SELECT kind, count(*), sum(rejection IS NULL), sum(rejection IS NOT NULL), sum(rows_loaded), sum(rows_excluded), sum(rows_quarantined) FROM source_files GROUP BY kind ORDER BY kind"))
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(S(r[0]))}</td><td>{S(r[1])}</td><td>{S(r[2])}</td><td>{S(r[3])}</td><td>{N(D(r[4]), 0)}</td><td>{N(D(r[5]), 0)}</td><td>{N(D(r[6]), 0)}</td></tr>\n");
        sb.Append("</tbody></table>\n");
        sb.Append("<div class=\"cols\">\n<table class=\"data\" id=\"quarantine\"><thead><tr><th>Quarantined or rejected, by reason</th><th>Items</th></tr></thead><tbody>\n");
        foreach (var r in Q("SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 20"))
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(S(r[0]))}</td><td>{N(D(r[1]), 0)}</td></tr>\n");
        sb.Append("</tbody></table>\n<table class=\"data\" id=\"excluded\"><thead><tr><th>Excluded by rule</th><th>Rows</th></tr></thead><tbody>\n");
        foreach (var r in Q("SELECT rule, sum(rows) FROM file_rules WHERE outcome = 'excluded' GROUP BY rule ORDER BY sum(rows) DESC, rule LIMIT 20"))
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(S(r[0]))}</td><td>{N(D(r[1]), 0)}</td></tr>\n");
        sb.Append("</tbody></table>\n</div>\n");
        sb.Append("<table class=\"data\" id=\"methods\"><thead><tr><th>Variable</th><th>Observed</th><th>Interpolated</th><th>Derived</th><th>Computed</th></tr></thead><tbody>\n");
        var methods = Q("""
            SELECT f.variable, f.method, count(*) FROM facts f JOIN (SELECT DISTINCT city_code, year FROM panel) p USING (city_code, year)
            GROUP BY f.variable, f.method
            """).ToDictionary(r => (S(r[0]), S(r[1])), r => D(r[2]));
        foreach (var v in variables)
        {
            var total = new[] { "observed", "interpolated", "derived", "computed" }.Sum(m => methods.GetValueOrDefault((v.Name, m)));
            string Share(string m) => total > 0 ? (100 * methods.GetValueOrDefault((v.Name, m)) / total).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(v.Label)}</td><td>{Share("observed")}</td><td>{Share("interpolated")}</td><td>{Share("derived")}</td><td>{Share("computed")}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</section>\n");

        // The panel excerpt, every value linked to its lineage.
        var excerpt = Q($"SELECT p.city_code, c.name, c.name_en FROM panel p JOIN cities c USING (city_code) WHERE p.year = {lastYear} ORDER BY p.pop DESC, p.city_code LIMIT {ExcerptCities}");
        var values = Q($"SELECT city_code, {string.Join(", ", variables.Select(v => v.Name))} FROM panel WHERE year = {lastYear}").ToDictionary(r => S(r[0]), r => r);
        var traces = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<section id=\"panel\">\n<h2>Panel excerpt, {lastYear}</h2>\n<p>The {ExcerptCities} most populous cities of the panel. Every value links to its lineage: the file, sheet and cell or sentence, or patent records, it came from.</p>\n");
        sb.Append("<div class=\"wide\"><table class=\"data\" id=\"excerpt\"><thead><tr><th>City</th>");
        foreach (var v in variables) sb.Append(CultureInfo.InvariantCulture, $"<th title=\"{E(v.Label)}\">{E(v.Name)}<br><small>{E(v.Unit)}</small></th>");
        sb.Append("</tr></thead><tbody>\n");
        var traced = 0;
        foreach (var city in excerpt)
        {
            var code = S(city[0]);
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(S(city[1]))} ({E(S(city[2]))})</td>");
            for (var j = 0; j < variables.Count; j++)
            {
                var id = $"trace-{code}-{lastYear.ToString(CultureInfo.InvariantCulture)}-{variables[j].Name}";
                sb.Append(CultureInfo.InvariantCulture, $"<td><a class=\"lineage\" href=\"#{id}\" title=\"where this value comes from\">{N(D(values[code][j + 1]), Math.Min(variables[j].Decimals, 4))}</a></td>");
                traces.Append(CultureInfo.InvariantCulture, $"<section class=\"trace\" id=\"{id}\">\n<h3>Lineage of {E(variables[j].Name)}, {E(S(city[1]))} {lastYear}</h3>\n<pre>{E(trace(code, lastYear, variables[j].Name))}</pre>\n<p><a href=\"#excerpt\">back to the panel excerpt</a></p>\n</section>\n");
                traced++;
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n").Append(traces).Append("</section>\n");

        // Tables and figures of the results folder, in file order.
        var tableFiles = Directory.Exists(results) ? Directory.EnumerateFiles(results, "*.html").Where(f => Path.GetFileName(f) != Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList() : [];
        sb.Append("<section id=\"tables\">\n<h2>Tables</h2>\n");
        if (tableFiles.Count == 0) sb.Append("<p>No tables: run <code>etl estimate</code> (<code>make results</code>) first.</p>\n");
        foreach (var f in tableFiles)
            sb.Append("<div class=\"pubtable wide\">\n").Append(BodyOf(File.ReadAllText(f))).Append("</div>\n");
        sb.Append("</section>\n");
        var figureFiles = Directory.Exists(results) ? Directory.EnumerateFiles(results, "*.svg").Order(StringComparer.Ordinal).ToList() : [];
        sb.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        foreach (var f in figureFiles)
            sb.Append("<figure>").Append(SvgElement(File.ReadAllText(f))).Append("<figcaption>").Append(E(Path.GetFileNameWithoutExtension(f))).Append("</figcaption></figure>\n");
        sb.Append("</section>\n</body>\n</html>\n");

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, sb.ToString(), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
        return new ReportSummary(full, kept.Count, dropped.Count, tableFiles.Count, figureFiles.Count, traced);
    }

    private const string Style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.4}
        h1{font-size:1.5em}h2{border-bottom:1px solid #999;margin-top:2em}.meta{color:#555}
        table.data{border-collapse:collapse;margin:8px 0}table.data th,table.data td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}
        table.data th:first-child,table.data td:first-child{text-align:left}.cols{display:flex;gap:32px;flex-wrap:wrap}.wide{overflow-x:auto}
        .pubtable table{border-collapse:collapse;margin:16px 0}.pubtable th,.pubtable td{padding:2px 10px;text-align:center}
        .pubtable td:first-child,.pubtable th:first-child{text-align:left}.pubtable thead tr:first-child th{border-top:2px solid #000}
        .pubtable thead tr:last-child th{border-bottom:1px solid #000}.pubtable tr.rule td{border-top:1px solid #000}
        .pubtable tbody tr:last-child td{border-bottom:2px solid #000}.pubtable caption{font-weight:bold;text-align:left}.pubtable p{font-size:.85em;margin:2px 0}
        .trace{display:none;border:1px solid #999;padding:8px;margin:12px 0;background:#f7f7f7}.trace:target{display:block}
        .trace pre{white-space:pre-wrap;font-size:.85em}figure{margin:16px 0}figure svg{max-width:100%;height:auto}
        """;

    [GeneratedRegex(@"<body>\s*(?<body>.*)</body>", RegexOptions.Singleline)]
    private static partial Regex Body();

    [GeneratedRegex(@"<svg\b.*</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    /// <summary>What a results page holds between its body tags.</summary>
    private static string BodyOf(string html) => Body().Match(html) is { Success: true } m ? m.Groups["body"].Value : "";

    /// <summary>An SVG file's svg element (without the XML declaration), for inlining.</summary>
    private static string SvgElement(string svg) => Svg().Match(svg) is { Success: true } m ? m.Value : "";

    /// <summary>
    /// The cities on a map of China (longitude and latitude, equirectangular), kept ones by side of the Hu line and
    /// dropped ones as grey crosses, each with its name and reason as a tooltip; the Hu line drawn from Heihe
    /// (127.5E, 50.25N) to Tengchong (98.5E, 25.0N) as a straight segment, which at this scale is indistinguishable
    /// from the great circle the panel's side test uses.
    /// </summary>
    private static string Map(List<(string Name, string En, double Lon, double Lat, string Side)> kept, List<(string Name, string En, double Lon, double Lat, string Reason)> dropped)
    {
        const double W = 760, H = 590, Lon0 = 73, Lon1 = 136, Lat0 = 15, Lat1 = 54;
        static string X(double lon) => ((lon - Lon0) / (Lon1 - Lon0) * W).ToString("0.#", CultureInfo.InvariantCulture);
        static string Y(double lat) => ((Lat1 - lat) / (Lat1 - Lat0) * H).ToString("0.#", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Cities kept and dropped, with the Hu line\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{W}\" height=\"{H}\" fill=\"#fbfbf8\" stroke=\"#bbb\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line id=\"hu-line\" x1=\"{X(127.5)}\" y1=\"{Y(50.25)}\" x2=\"{X(98.5)}\" y2=\"{Y(25.0)}\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(118)}\" y=\"{Y(45.5)}\" font-size=\"13\" fill=\"#555\">Hu line</text>\n");
        foreach (var c in kept.Where(c => double.IsFinite(c.Lon)))
            sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"kept\" cx=\"{X(c.Lon)}\" cy=\"{Y(c.Lat)}\" r=\"3.5\" fill=\"{(c.Side == "NW" ? "#d62728" : "#1f77b4")}\"><title>{E(c.Name)} ({E(c.En)}): kept, {E(c.Side)}</title></circle>\n");
        foreach (var c in dropped.Where(c => double.IsFinite(c.Lon)))
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"dropped\"><title>{E(c.Name)} ({E(c.En)}): dropped, {E(c.Reason)}</title><path d=\"M{X(c.Lon - 0.35)} {Y(c.Lat - 0.3)}L{X(c.Lon + 0.35)} {Y(c.Lat + 0.3)}M{X(c.Lon - 0.35)} {Y(c.Lat + 0.3)}L{X(c.Lon + 0.35)} {Y(c.Lat - 0.3)}\" stroke=\"#888\" stroke-width=\"1.5\"/></g>\n");
        sb.Append("<g font-size=\"12\"><circle cx=\"20\" cy=\"20\" r=\"4\" fill=\"#1f77b4\"/><text x=\"30\" y=\"24\">kept, south-east of the Hu line</text>")
          .Append("<circle cx=\"20\" cy=\"40\" r=\"4\" fill=\"#d62728\"/><text x=\"30\" y=\"44\">kept, north-west</text>")
          .Append("<path d=\"M16 56L24 64M16 64L24 56\" stroke=\"#888\" stroke-width=\"1.5\"/><text x=\"30\" y=\"64\">dropped (hover for the reason)</text></g>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
