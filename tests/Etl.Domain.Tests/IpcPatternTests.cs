using Etl.Domain.Ipc;
using FsCheck;
using FsCheck.Fluent;

namespace Etl.Domain.Tests;

public class IpcPatternTests
{
    [Theory]
    [InlineData("G06F*", "G06F16/27", true)]
    [InlineData("G06F*", "G06N3/08", false)]
    [InlineData("G06N3*", "G06N3/08", true)]
    [InlineData("G06N3*", "G06N30/00", false)]
    [InlineData("G06F3/048*", "G06F3/0481", true)]
    [InlineData("G06F3/048*", "G06F3/048", true)]
    [InlineData("G06F3/048*", "G06F3/04", false)]
    [InlineData("G06F30/27", "G06F30/27", true)]
    [InlineData("G06F30/27", "G06F30/270", true)]
    [InlineData("G06F30/27", "G06F30/271", false)]
    [InlineData("G07C9/00", "G07C9/00", true)]
    [InlineData("G07C9/00", "G07C9/28", false)]
    public void Pattern_matches_codes_as_the_KDT_notation_defines(string pattern, string code, bool expected)
    {
        Assert.True(IpcPattern.TryParse(pattern, out var p));
        Assert.True(IpcCode.TryParseCanonical(code, out var c));
        Assert.Equal(expected, p.Matches(c));
    }

    [Theory]
    [InlineData("G06F")]
    [InlineData("G06F3/")]
    [InlineData("Z06F3*")]
    [InlineData("G06F3/0*1")]
    [InlineData("g06f3*")]
    [InlineData("G06F12345*")]
    public void Malformed_patterns_do_not_parse(string text) => Assert.False(IpcPattern.TryParse(text, out _));

    [Fact]
    public void Subgroup_digits_drop_PATSTAT_padding()
    {
        Assert.Equal("27", IpcCode.NormalizeSubgroup("270000"));
        Assert.Equal("00", IpcCode.NormalizeSubgroup("000000"));
        Assert.Equal("0481", IpcCode.NormalizeSubgroup("048100"));
    }

    private static readonly string[] s_subclasses = ["G06F", "G06N", "H04L"];

    private static Gen<IpcCode> CodeGen() =>
        from sub in Gen.Elements(s_subclasses)
        from main in Gen.Choose(1, 40)
        from digits in Gen.Choose(0, 99999)
        from len in Gen.Choose(2, 5)
        select new IpcCode(sub, main, IpcCode.NormalizeSubgroup(digits.ToString("D5", System.Globalization.CultureInfo.InvariantCulture).AsSpan(0, len)));

    private static Gen<IpcPattern> PatternGen() =>
        from code in CodeGen()
        from level in Gen.Elements(IpcPatternLevel.Subclass, IpcPatternLevel.MainGroup, IpcPatternLevel.SubgroupTree, IpcPatternLevel.Subgroup)
        from cut in Gen.Choose(1, 4)
        select level switch
        {
            IpcPatternLevel.Subclass => Parse($"{code.Subclass}*"),
            IpcPatternLevel.MainGroup => Parse($"{code.Subclass}{code.MainGroup}*"),
            IpcPatternLevel.SubgroupTree => Parse($"{code.Subclass}{code.MainGroup}/{code.Subgroup[..Math.Min(Math.Max(cut, 2), code.Subgroup.Length)]}*"),
            _ => Parse($"{code.Subclass}{code.MainGroup}/{code.Subgroup}"),
        };

    private static IpcPattern Parse(string s) => IpcPattern.TryParse(s, out var p) ? p : throw new FormatException(s);

    [Fact]
    public void Covers_agrees_with_matches_on_random_codes()
    {
        // If p covers q, every code that q matches must be matched by p.
        var prop = Prop.ForAll(Arb.From(PatternGen()), Arb.From(PatternGen()), Arb.From(CodeGen()), (p, q, c) =>
            !p.Covers(q) || !q.Matches(c) || p.Matches(c));
        prop.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_pattern_matches_the_codes_it_is_built_from()
    {
        var prop = Prop.ForAll(Arb.From(CodeGen()), c =>
            Parse($"{c.Subclass}*").Matches(c) && Parse($"{c.Subclass}{c.MainGroup}*").Matches(c) && Parse($"{c.Subclass}{c.MainGroup}/{c.Subgroup}").Matches(c));
        prop.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Subclass_numbers_follow_IPC_order_fit_16_bits_and_give_the_subclass_back()
    {
        var all = (from section in "ABCDEFGH" from cls in Enumerable.Range(0, 100) from letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   select $"{section}{cls:D2}{letter}").ToList();
        var numbers = all.Select(IpcCode.SubclassNumber).ToList();
        Assert.Equal(Enumerable.Range(0, all.Count), numbers);
        Assert.True(numbers[^1] < 1 << 16);
        Assert.Equal(all, numbers.Select(IpcCode.SubclassOf));
        Assert.Equal(6 * 2600 + 6 * 26 + 5, IpcCode.SubclassNumber("G06F")); // section G is the seventh
        Assert.Throws<ArgumentException>(() => IpcCode.SubclassNumber("G6F"));
    }
}
