using Etl.Domain.Staging;
using Etl.Simulator.Serving;

namespace Etl.Fetch.Tests;

/// <summary>
/// Each fault a real site shows, played by the local server: the attempts the fetch made, the waits it sat through
/// on the fake clock (in order), and what is (and is not) in the raw folder afterwards. Backoff is exponential from
/// 1 s without jitter, timeouts are 30 s for the first byte and for a stall.
/// </summary>
public class FaultInjectionTests
{
    private static void AssertWaited(FetchHarness h, params double[] seconds) =>
        Assert.Equal(seconds.Select(TimeSpan.FromSeconds), h.FetchClock.Fired);

    private static FetchOutcome Single(FetchSummary s) => Assert.Single(s.Outcomes);

    [Fact]
    public async Task A_burst_of_503_is_retried_with_exponential_backoff()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        h.Faults.On("/bulletins/page.html", false, new Fault(FaultKind.ServiceUnavailable), new Fault(FaultKind.ServiceUnavailable), new Fault(FaultKind.ServiceUnavailable));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.New, o.Status);
        Assert.Equal(4, o.Attempts);
        AssertWaited(h, 1, 2, 4);
        Assert.Equal(File.ReadAllBytes(Path.Combine(h.Origin, page.Path)), File.ReadAllBytes(h.Target(page)));
        Assert.Empty(h.Partials());
    }

    [Fact]
    public async Task A_429_waits_as_long_as_retry_after_says()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        h.Faults.On("/bulletins/page.html", false, new Fault(FaultKind.TooManyRequests, TimeSpan.FromSeconds(20)));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.New, o.Status);
        Assert.Equal(2, o.Attempts);
        AssertWaited(h, 20);
    }

    [Fact]
    public async Task A_persistent_503_fails_after_every_retry_and_lands_nothing()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        h.Faults.On("/bulletins/page.html", true, new Fault(FaultKind.ServiceUnavailable));
        var s = await h.FetchAsync(null, page);
        var o = Single(s);
        Assert.Equal(FetchStatus.Failed, o.Status);
        Assert.Equal(6, o.Attempts);
        Assert.Contains("HTTP 503 after 6 attempts", o.Detail, StringComparison.Ordinal);
        AssertWaited(h, 1, 2, 4, 8, 16);
        Assert.Equal(1, s.Failed);
        Assert.Empty(h.RawFiles());
    }

    [Fact]
    public async Task A_slow_first_byte_times_out_and_the_retry_succeeds()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        h.Faults.On("/bulletins/page.html", false, new Fault(FaultKind.SlowFirstByte, TimeSpan.FromSeconds(120)));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.New, o.Status);
        Assert.Equal(2, o.Attempts);
        AssertWaited(h, 30, 1);
    }

    [Theory]
    [InlineData(FaultKind.StallMidway, new[] { 30.0, 1 })]
    [InlineData(FaultKind.ResetMidBody, new[] { 1.0 })]
    [InlineData(FaultKind.TruncateBody, new[] { 1.0 })]
    public async Task A_transfer_broken_midway_resumes_with_a_range_request(FaultKind fault, double[] waits)
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        h.Faults.On("/bulletins/page.html", false, new Fault(fault, TimeSpan.FromSeconds(120)));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.New, o.Status);
        Assert.Equal(2, o.Attempts);
        AssertWaited(h, waits);
        Assert.Equal(206, o.Record!.Status); // the second attempt asked for the rest only
        Assert.Contains("resumed", o.Detail, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(h.Origin, page.Path)), File.ReadAllBytes(h.Target(page)));
        Assert.Empty(h.Partials());
    }

    [Fact]
    public async Task Wrong_content_is_refused_and_lands_nothing()
    {
        await using var h = new FetchHarness();
        var export = h.Export();
        h.Faults.On("/patents/export.csv.gz", true, new Fault(FaultKind.WrongContent));
        var o = Single(await h.FetchAsync(null, export));
        Assert.Equal(FetchStatus.Failed, o.Status);
        Assert.Equal(1, o.Attempts);
        Assert.Contains("expected application/gzip, but the bytes are HTML", o.Detail, StringComparison.Ordinal);
        Assert.Empty(h.RawFiles());
        Assert.Empty(h.Partials());
    }

    [Fact]
    public async Task A_redirect_loop_fails_at_once_and_a_redirect_is_followed_and_recorded()
    {
        await using var h = new FetchHarness();
        var loop = h.Page("loop.html");
        var moved = h.Page("moved.html");
        h.Faults.On("/bulletins/loop.html", true, new Fault(FaultKind.RedirectLoop)).On("/bulletins/moved.html", false, new Fault(FaultKind.Redirect));
        var s = await h.FetchAsync(null, loop, moved);
        Assert.Equal(FetchStatus.Failed, s.Outcomes[0].Status);
        Assert.Equal(1, s.Outcomes[0].Attempts);
        Assert.Contains("a redirect loop", s.Outcomes[0].Detail, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.New, s.Outcomes[1].Status);
        Assert.EndsWith("/moved/bulletins/moved.html", s.Outcomes[1].Record!.FinalUrl, StringComparison.Ordinal);
        Assert.Equal(["bulletins/moved.html"], h.RawFiles());
    }

    [Fact]
    public async Task A_refresh_of_an_unchanged_source_is_a_304_and_touches_nothing()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        Assert.Equal(FetchStatus.New, Single(await h.FetchAsync(null, page)).Status);
        var written = File.GetLastWriteTimeUtc(h.Target(page));
        h.Time.Advance(TimeSpan.FromDays(30));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.Unchanged, o.Status);
        Assert.Equal("not modified (304)", o.Detail);
        Assert.Equal(1, o.Attempts);
        Assert.Equal(2, h.Server.Requests("bulletins/page.html"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(h.Target(page)));
        var record = FetchProvenance.Read(h.Raw)["bulletins/page.html"];
        Assert.StartsWith("2025-03-01", record.FetchedUtc, StringComparison.Ordinal);
        Assert.StartsWith("2025-03-31", record.CheckedUtc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hash_that_differs_from_the_manifest_lands_nothing()
    {
        await using var h = new FetchHarness();
        var page = h.Page(sha: new string('a', 64));
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.Failed, o.Status);
        Assert.Contains("differs from the manifest's aaaaaaaaaaaa", o.Detail, StringComparison.Ordinal);
        Assert.Empty(h.RawFiles());
        Assert.Empty(h.Partials());
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_previous_good_copy()
    {
        await using var h = new FetchHarness();
        var export = h.Export();
        Assert.Equal(FetchStatus.New, Single(await h.FetchAsync(null, export)).Status);
        var before = File.ReadAllBytes(h.Target(export));
        // The site changes the export, then serves a captcha page in its place.
        File.AppendAllBytes(Path.Combine(h.Origin, export.Path), [0x1F, 0x8B]);
        h.Faults.On("/patents/export.csv.gz", true, new Fault(FaultKind.WrongContent));
        var o = Single(await h.FetchAsync(null, export));
        Assert.Equal(FetchStatus.Failed, o.Status);
        Assert.Equal(before, File.ReadAllBytes(h.Target(export)));
        Assert.Equal(before.Length, FetchProvenance.Read(h.Raw)["patents/export.csv.gz"].Bytes);
    }

    [Fact]
    public async Task A_changed_source_replaces_its_earlier_fetch()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        await h.FetchAsync(null, page);
        File.AppendAllText(Path.Combine(h.Origin, page.Path), "<p>更正</p>");
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.Changed, o.Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(h.Origin, page.Path)), File.ReadAllBytes(h.Target(page)));
    }

    [Fact]
    public async Task A_file_placed_by_hand_is_never_replaced()
    {
        await using var h = new FetchHarness();
        var page = h.Page();
        Directory.CreateDirectory(Path.GetDirectoryName(h.Target(page))!);
        File.WriteAllText(h.Target(page), "mine");
        var o = Single(await h.FetchAsync(null, page));
        Assert.Equal(FetchStatus.Failed, o.Status);
        Assert.Equal(0, o.Attempts);
        Assert.Contains("placed by hand", o.Detail, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(h.Target(page)));
        Assert.Equal(0, h.Server.Requests("bulletins/page.html"));
    }

    [Fact]
    public async Task An_open_circuit_fails_the_host_fast()
    {
        await using var h = new FetchHarness();
        var pages = Enumerable.Range(0, 4).Select(i => h.Page($"p{i}.html")).ToArray();
        foreach (var p in pages) h.Faults.On("/" + p.Url, true, new Fault(FaultKind.ServiceUnavailable));
        var settings = h.Settings with { BreakerMinimumThroughput = 4, BreakerFailureRatio = 0.5, MaxRetries = 2 };
        var s = await h.FetchAsync(settings, pages);
        Assert.All(s.Outcomes, o => Assert.Equal(FetchStatus.Failed, o.Status));
        Assert.Contains(s.Outcomes, o => o.Detail.Contains("circuit", StringComparison.Ordinal));
        // Once open, the circuit sends no request: fewer than 4 sources x 3 attempts reached the server.
        Assert.True(pages.Sum(p => h.Server.Requests(p.Path)) < 12);
    }
}
