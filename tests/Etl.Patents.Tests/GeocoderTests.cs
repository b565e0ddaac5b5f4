using Etl.Patents.Geo;
using Etl.Testing;

namespace Etl.Patents.Tests;

public class GeocoderTests
{
    private static readonly AddressGeocoder s_geo = new(RepoPaths.LoadedMappings);

    [Theory]
    [InlineData("江苏省苏州市昆山市玉山镇人民路1号", 2015, 320500)]
    [InlineData("昆山市玉山镇人民路1号", 2015, 320500)]          // only a county-level city
    [InlineData("江苏省昆山市玉山镇人民路1号", 2015, 320500)]    // province and county-level city
    [InlineData("广东深圳南山区科技园路1号", 2018, 440300)]       // short forms
    [InlineData("深圳市南山区科技园路1号", 2018, 440300)]
    [InlineData("北京市海淀区中关村大街1号", 2012, 110000)]
    [InlineData("海淀区中关村大街1号", 2012, 110000)]            // only a district of a municipality
    [InlineData("中国上海市浦东新区张江路1号", 2020, 310000)]
    [InlineData("湖北省襄樊市樊城区人民路1号", 2012, 420600)]    // the former name of Xiangyang
    [InlineData("湖北省仙桃市仙桃大道1号", 2016, 429004)]        // administered by the province
    [InlineData("吉林省吉林市船营区解放路1号", 2016, 220200)]    // city and province share a name
    [InlineData("吉林长春朝阳区人民大街1号", 2016, 220100)]
    [InlineData("安徽省巢湖市人民路1号", 2010, 341400)]          // Chaohu, a prefecture in 2010 ...
    [InlineData("安徽省巢湖市人民路1号", 2012, 340100)]          // ... and a county-level city of Hefei after 2011
    [InlineData("山东省莱芜市莱城区人民路1号", 2016, 371200)]
    [InlineData("济南市莱芜区人民路1号", 2020, 370100)]
    [InlineData("四川省简阳市人民路1号", 2015, 512000)]          // Jianyang under Ziyang before 2016 ...
    [InlineData("四川省简阳市人民路1号", 2017, 510100)]          // ... under Chengdu after
    [InlineData("518057 广东省深圳市南山区科技园路1号", 2018, 440300)] // a postal code first
    [InlineData("中国，广东省深圳市南山区科技园路1号", 2018, 440300)]
    [InlineData("ｓｈａｎｇｈａｉ；上海市黄浦区", 2020, 0)]      // first applicant unknown: not the second's address
    public void Addresses_are_placed_in_the_unit_of_their_year(string address, int year, int unit)
    {
        var r = s_geo.Geocode(address, year);
        if (unit == 0) Assert.NotEqual(GeocodeStatus.Located, r.Status);
        else Assert.Equal(new GeocodeResult(GeocodeStatus.Located, unit), r);
    }

    [Theory]
    [InlineData("美国加利福尼亚州圣克拉拉市1号", GeocodeStatus.Foreign)]
    [InlineData("日本东京都港区1号", GeocodeStatus.Foreign)]
    [InlineData("香港九龙尖沙咀1号", GeocodeStatus.HongKongMacaoTaiwan)]
    [InlineData("中国台湾台北市1号", GeocodeStatus.HongKongMacaoTaiwan)]
    [InlineData("台湾省新竹市1号", GeocodeStatus.HongKongMacaoTaiwan)]
    [InlineData("河北省人民路1号", GeocodeStatus.Unresolvable)]
    [InlineData("海南省解放路1号", GeocodeStatus.Unresolvable)]     // not 海南 (Qinghai's Hainan prefecture)
    [InlineData("朝阳区建设路1号", GeocodeStatus.Ambiguous)]       // Beijing and Changchun both have one
    [InlineData("", GeocodeStatus.Unresolvable)]
    public void Addresses_that_name_no_single_mainland_unit_are_told_apart(string address, GeocodeStatus status) =>
        Assert.Equal(status, s_geo.Geocode(address, 2016).Status);
}
