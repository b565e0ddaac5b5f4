using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Testing;

namespace Etl.Fetch.Tests;

/// <summary>The manifest format: the example of real addresses reads, and each kind of mistake names its line.</summary>
public class SourceManifestTests
{
    private const string Header = "id,kind,city,year,url,media_type,sha256,path\n";

    [Fact]
    public void The_example_of_real_bulletin_pages_reads()
    {
        var entries = SourceManifest.Load(Path.Combine(RepoPaths.Mappings, "sources", "example_bulletins.csv"));
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(SourceKind.Bulletin, e.Kind));
        Assert.All(entries, e => Assert.StartsWith("http", e.Resolve(null).Scheme, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id == "zhanjiang-2018" && e.Year == 2018 && e.Path == "bulletins/广东/湛江/2018.html");
    }

    [Theory]
    [InlineData("a b,bulletin,,,x.html,text/html,,bulletins/x.html", "id 'a b'")]
    [InlineData("a,report,,,x.html,text/html,,bulletins/x.html", "kind 'report'")]
    [InlineData("a,bulletin,,20x8,x.html,text/html,,bulletins/x.html", "year '20x8'")]
    [InlineData("a,bulletin,,,ftp://h/x.html,text/html,,bulletins/x.html", "neither http(s) nor relative")]
    [InlineData("a,bulletin,,,x.html,application/pdf,,bulletins/x.html", "media_type 'application/pdf'")]
    [InlineData("a,bulletin,,,x.html,text/html,abc,bulletins/x.html", "sha256 'abc'")]
    [InlineData("a,bulletin,,,x.html,text/html,,patents/x.html", "must name a file under bulletins/")]
    [InlineData("a,bulletin,,,x.html,text/html,,bulletins/../x.html", "must name a file under bulletins/")]
    public void A_bad_row_is_refused_with_its_line(string row, string why)
    {
        using var dir = new TempDirectory("manifest");
        var path = dir.File("m.csv");
        File.WriteAllText(path, Header + row + "\n");
        var e = Assert.Throws<MappingValidationException>(() => SourceManifest.Load(path));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sources_may_not_share_an_id_or_a_path()
    {
        using var dir = new TempDirectory("manifest");
        var path = dir.File("m.csv");
        File.WriteAllText(path, Header + "a,bulletin,,,x.html,text/html,,bulletins/x.html\nb,bulletin,,,y.html,text/html,,bulletins/x.html\n");
        Assert.Contains("target of two sources", Assert.Throws<MappingValidationException>(() => SourceManifest.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, Header + "a,bulletin,,,x.html,text/html,,bulletins/x.html\na,bulletin,,,y.html,text/html,,bulletins/y.html\n");
        Assert.Contains("appears twice", Assert.Throws<MappingValidationException>(() => SourceManifest.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_address_needs_a_base()
    {
        var e = new SourceEntry("a", SourceKind.Bulletin, "", null, "bulletins/x.html", "text/html", null, "bulletins/x.html");
        Assert.Contains("no --base-url", Assert.Throws<InvalidDataException>(() => e.Resolve(null)).Message, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:8080/site/bulletins/x.html", e.Resolve(new Uri("http://127.0.0.1:8080/site/")).AbsoluteUri);
    }
}
