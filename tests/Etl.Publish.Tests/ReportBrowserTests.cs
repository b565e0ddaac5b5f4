using System.Text;
using Etl.Estimation;
using Etl.Pipeline;
using Etl.Publish.Report;
using Etl.Testing;
using Etl.Warehouse;
using Etl.Warehouse.Lineage;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Etl.Publish.Tests;

/// <summary>A warehouse built from the simulated corpus, estimated, and its report written once for the tests.</summary>
public sealed class ReportFixture : SimulatedCorpus
{
    public ReportFixture() : base(0.002, patents: true)
    {
        var root = Path.GetDirectoryName(Raw)!;
        Database = Path.Combine(root, "wh", "etl.db");
        Results = Path.Combine(root, "wh", "results");
        WarehouseBuilder.Run(new BuildOptions(Raw, RepoPaths.Mappings, Database), TextWriter.Null);
        StudyRunner.Run(new StudyOptions(Database, Results) { BootstrapReps = 50 });
        using var tracer = new LineageTracer(Database) { RecordLimit = 5 };
        Summary = ReportWriter.Write(Database, Results, Path.Combine(Results, "report.html"), (c, y, v) => tracer.Trace(c, y, v).ToText());
    }

    public string Database { get; }

    public string Results { get; }

    public ReportSummary Summary { get; }
}

/// <summary>
/// The report checked in a real browser (Debian's chromium driven by Playwright): it loads with no console
/// error and no request beyond the page itself, every table is visible, a lineage link opens its trace, and a
/// screenshot is written for review (to REPORT_SCREENSHOT when set, as <c>make check-report</c> does).
/// </summary>
public sealed class ReportBrowserTests(ReportFixture report, ITestOutputHelper output) : IClassFixture<ReportFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void Results_of_another_panel_are_refused_with_the_command_that_brings_them_up_to_date()
    {
        using var dir = new TempDirectory("report-stale");
        var results = dir.File("results");
        Directory.CreateDirectory(results);
        foreach (var f in Directory.GetFiles(report.Results)) File.Copy(f, Path.Combine(results, Path.GetFileName(f)));
        // As after a rebuild that changed the panel: the manifest names a panel the warehouse no longer holds.
        var manifest = Path.Combine(results, "manifest.json");
        var text = File.ReadAllText(manifest);
        using (var doc = System.Text.Json.JsonDocument.Parse(text))
            File.WriteAllText(manifest, text.Replace(doc.RootElement.GetProperty("panel_hash").GetString()!, new string('0', 64), StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => ReportWriter.Write(report.Database, results, dir.File("r.html"), (_, _, _) => ""));
        Assert.Contains("the results were computed from panel 000000000000", e.Message);
        Assert.Contains("run etl estimate (make results) first", e.Message);
        Assert.False(File.Exists(dir.File("r.html")));
    }

    [Fact]
    public void The_page_holds_the_sample_every_table_and_figure_and_a_traced_excerpt()
    {
        var html = File.ReadAllText(report.Summary.Path);
        Assert.Equal(198, report.Summary.CitiesKept);
        Assert.Equal(5, report.Summary.Tables);
        Assert.Equal(3, report.Summary.Figures);
        Assert.Equal(ReportWriter.ExcerptCities * 9, report.Summary.TracedValues);
        Assert.Contains("id=\"hu-line\"", html, StringComparison.Ordinal);
        Assert.Equal(report.Summary.CitiesKept, CountOf(html, "<circle class=\"kept\""));
        Assert.Equal(report.Summary.CitiesDropped, CountOf(html, "<g class=\"dropped\""));
        // Self-contained: nothing is fetched from elsewhere.
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [SkippableFact]
    public async Task The_report_passes_its_browser_check()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (Debian package chromium)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => requests.Add(r.Url);
        var url = new Uri(report.Summary.Path).AbsoluteUri;
        await page.GotoAsync(url);

        Assert.Empty(errors);
        Assert.All(requests, r => Assert.StartsWith(url, r, StringComparison.Ordinal));
        var tables = page.Locator("#tables table");
        Assert.Equal(report.Summary.Tables, await tables.CountAsync());
        for (var i = 0; i < await tables.CountAsync(); i++) Assert.True(await tables.Nth(i).IsVisibleAsync(), $"table {i} is not visible");
        Assert.True(await page.Locator("#map").IsVisibleAsync());
        Assert.Equal(report.Summary.Figures, await page.Locator("#figures svg").CountAsync());

        // A lineage link opens its trace.
        var link = page.Locator("a.lineage").First;
        var target = (await link.GetAttributeAsync("href"))!.TrimStart('#');
        var trace = page.Locator($"[id='{target}']");
        Assert.False(await trace.IsVisibleAsync());
        await link.ClickAsync();
        Assert.True(await trace.IsVisibleAsync());
        Assert.Contains("<- ", await trace.InnerTextAsync(), StringComparison.Ordinal);

        var shot = Environment.GetEnvironmentVariable("REPORT_SCREENSHOT") is { Length: > 0 } s ? Path.GetFullPath(s) : Path.Combine(report.Results, "report.png");
        await page.GotoAsync(url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000);
        output.WriteLine($"screenshot: {shot}");
        Assert.Empty(errors);
    }
}
