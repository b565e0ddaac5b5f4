using Etl.Patents.Reading;

namespace Etl.Patents.Tests;

/// <summary>The patent-type column in the wordings exports use.</summary>
public class PatentKindTests
{
    [Theory]
    [InlineData("发明专利", PatentKind.Invention)]
    [InlineData(" 发明申请 ", PatentKind.Invention)]
    [InlineData("发明授权", PatentKind.Invention)]
    [InlineData("Invention", PatentKind.Invention)]
    [InlineData("ＩＮＶＥＮＴＩＯＮ", PatentKind.Invention)]
    [InlineData("实用新型", PatentKind.Other)]
    [InlineData("外观设计", PatentKind.Other)]
    [InlineData("utility model", PatentKind.Other)]
    [InlineData("Design", PatentKind.Other)]
    [InlineData("", PatentKind.Unknown)]
    [InlineData("  ", PatentKind.Unknown)]
    [InlineData("其他", PatentKind.Unknown)]
    public void Labels_read_as_their_kind(string label, PatentKind expected) => Assert.Equal(expected, PatentKinds.Parse(label));

    [Fact]
    public void A_long_label_is_read_whole()
    {
        var label = new string(' ', 100) + "本专利为实用新型" + new string('x', 100);
        Assert.Equal(PatentKind.Other, PatentKinds.Parse(label));
    }
}
