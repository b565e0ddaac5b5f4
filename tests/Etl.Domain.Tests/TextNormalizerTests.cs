using Etl.Domain.Text;

namespace Etl.Domain.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("石家庄 Shijiazhuang", "石家庄")]
    [InlineData("大  连", "大连")]
    [InlineData("大　连 Dalian", "大连")]
    [InlineData("襄樊①", "襄樊")]
    [InlineData("北京市*", "北京市")]
    [InlineData("  鞍 山  Anshan ", "鞍山")]
    public void Place_name_key_keeps_only_the_Chinese_name(string label, string expected) =>
        Assert.Equal(expected, TextNormalizer.PlaceNameKey(label));

    [Fact]
    public void Full_width_digits_and_letters_become_ASCII() =>
        Assert.Equal("G06F 16/27 123", TextNormalizer.ToHalfWidth("Ｇ０６Ｆ　１６／２７ １２３"));
}
