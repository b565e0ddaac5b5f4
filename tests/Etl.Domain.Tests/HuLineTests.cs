using Etl.Domain.Geo;
using Etl.Domain.Mappings;

namespace Etl.Domain.Tests;

public class HuLineTests
{
    [Fact]
    public void End_points_lie_on_the_line()
    {
        Assert.True(Math.Abs(HuLine.SideValue(HuLine.Heihe.Lon, HuLine.Heihe.Lat)) < 1e-12);
        Assert.True(Math.Abs(HuLine.SideValue(HuLine.Tengchong.Lon, HuLine.Tengchong.Lat)) < 1e-12);
    }

    [Theory]
    [InlineData(108.94, 34.34)] // Xi'an
    [InlineData(104.07, 30.67)] // Chengdu
    [InlineData(112.55, 37.87)] // Taiyuan
    public void The_planar_test_misplaces_cities_that_the_great_circle_keeps_south_east(double lon, double lat)
    {
        Assert.Equal(HuSide.Northwest, HuLine.PlanarSide(lon, lat));
        Assert.Equal(HuSide.Southeast, HuLine.Side(lon, lat));
    }

    [Theory]
    [InlineData(121.47, 31.23, HuSide.Southeast)] // Shanghai
    [InlineData(87.62, 43.83, HuSide.Northwest)] // Urumqi
    [InlineData(91.11, 29.97, HuSide.Northwest)] // Lhasa
    public void Far_from_the_line_both_tests_agree(double lon, double lat, HuSide side)
    {
        Assert.Equal(side, HuLine.Side(lon, lat));
        Assert.Equal(side, HuLine.PlanarSide(lon, lat));
    }
}
