using Etl.Domain;
using Etl.Domain.Places;
using Etl.Testing;

namespace Etl.Ingest.Tests;

public class PlaceResolverTests
{
    private static readonly PlaceResolver s_places = new(RepoPaths.LoadedMappings);

    [Theory]
    [InlineData("石家庄 Shijiazhuang", 2015, 130100)]
    [InlineData("大  连", 2015, 210200)]
    [InlineData("大连市", 2015, 210200)]
    [InlineData("北京 Beijing", 2015, 110000)]
    [InlineData("北京市", 2015, 110000)]
    [InlineData("襄樊", 2010, 420600)]
    [InlineData("襄阳", 2015, 420600)]
    [InlineData("吉林", 2015, 220200)]   // the city, not the province heading 吉林省
    [InlineData("巢湖", 2010, 341400)]
    [InlineData("毕节", 2015, 520500)]
    public void City_labels_resolve_to_their_code(string label, int year, int code)
    {
        var p = s_places.ResolveLabel(label, year);
        Assert.Equal(PlaceKind.City, p.Kind);
        Assert.Equal(new CityCode(code), p.Code);
    }

    [Theory]
    [InlineData("河北省 Hebei", PlaceKind.Province)]
    [InlineData("河北", PlaceKind.Province)]
    [InlineData("全  国 National Total", PlaceKind.National)]
    [InlineData("东部地区", PlaceKind.Region)]
    [InlineData("石河子", PlaceKind.County)]
    [InlineData("昆山市", PlaceKind.County)]
    [InlineData("火星市", PlaceKind.Unknown)]
    public void Other_labels_are_recognised_for_what_they_are(string label, PlaceKind kind) =>
        Assert.Equal(kind, s_places.ResolveLabel(label, 2015).Kind);

    [Fact]
    public void Chaohu_does_not_exist_after_its_abolition() =>
        Assert.NotEqual(PlaceKind.City, s_places.ResolveLabel("巢湖", 2015).Kind);
}
