using Etl.Patents.Reading;

namespace Etl.Patents.Tests;

/// <summary>An address split over province, city and address columns reads as one address, each place once.</summary>
public class AddressPartsTests
{
    [Theory]
    // The usual split: every part adds to the address.
    [InlineData("江苏省", "苏州市", "昆山市人民路1号", "江苏省苏州市昆山市人民路1号")]
    // The address column repeats the province and the city: they are left out before it.
    [InlineData("广东省", "深圳市", "广东省深圳市南山区科技园", "广东省深圳市南山区科技园")]
    // Only the city is repeated; the province stays.
    [InlineData("浙江省", "杭州市", "杭州市西湖区文三路", "浙江省杭州市西湖区文三路")]
    // A city column that already names the province makes the province column redundant.
    [InlineData("湖北", "湖北省武汉市", "洪山区珞喻路", "湖北省武汉市洪山区珞喻路")]
    // Blank and padded parts: trimmed, and an empty one adds nothing.
    [InlineData(" 北京市 ", "", " 海淀区中关村 ", "北京市海淀区中关村")]
    // No address column (a city column alone places the applicant).
    [InlineData("四川省", "成都市", "", "四川省成都市")]
    public void Parts_join_in_order_without_a_part_a_later_one_holds(string province, string city, string address, string expected)
    {
        var into = new char[province.Length + city.Length + address.Length];
        var n = AddressParts.Join(province, city, address, into);
        Assert.Equal(expected, new string(into, 0, n));
    }
}
