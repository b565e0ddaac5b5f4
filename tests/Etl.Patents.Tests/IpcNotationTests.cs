using Etl.Domain.Ipc;
using Etl.Patents.Ipc;
using FsCheck;
using FsCheck.Fluent;

namespace Etl.Patents.Tests;

public class IpcNotationTests
{
    [Theory]
    [InlineData("G06F16/27")]
    [InlineData("G06F 16/27")]
    [InlineData("G06F  16/27")]
    [InlineData("G06F0016270000")]
    [InlineData("G06F-016/27")]
    [InlineData("G06F16/27(2019.01)")]
    [InlineData("G06F 16/27 (2019.01)")]
    [InlineData("g06f16/27")]
    [InlineData("Ｇ０６Ｆ１６／２７")]
    [InlineData("G06F16/270")]
    public void Every_notation_gives_the_canonical_code(string text) =>
        Assert.Equal(new IpcCode("G06F", 16, "27"), IpcNotation.ParseOne(text));

    [Theory]
    [InlineData("G06F16/27;H04L29/08")]
    [InlineData("G06F16/27；H04L29/08")]
    [InlineData("G06F16/27, H04L29/08")]
    [InlineData("G06F16/27|H04L29/08")]
    [InlineData("G06F 16/27 H04L 29/08")]
    [InlineData("G06F 16/27; H04L 29/08")]
    [InlineData("G06F0016270000 H04L0029080000")]
    [InlineData("G06F16/27(2019.01);H04L29/08(2006.01)")]
    public void Lists_split_on_every_separator(string text)
    {
        var codes = new List<long>();
        IpcNotation.Parse(text, codes, out var bad);
        Assert.Equal(0, bad);
        Assert.Equal([new IpcCode("G06F", 16, "27"), new IpcCode("H04L", 29, "08")], codes.Select(IpcNotation.Unpack));
    }

    [Fact]
    public void Main_groups_keep_their_subgroup_zeros_and_fractions_their_leading_zeros()
    {
        Assert.Equal(new IpcCode("G07C", 9, "00"), IpcNotation.ParseOne("G07C9/00"));
        Assert.Equal(new IpcCode("G06F", 3, "0481"), IpcNotation.ParseOne("G06F3/0481"));
        Assert.Equal(new IpcCode("G06F", 3, "0481"), IpcNotation.ParseOne("G06F0003048100"));
    }

    [Fact]
    public void Pieces_that_are_no_code_are_counted_not_fatal()
    {
        var codes = new List<long>();
        IpcNotation.Parse("G06F16/27;XYZ;;H04L29/08;G0", codes, out var bad);
        Assert.Equal(2, codes.Count);
        Assert.Equal(2, bad);
    }

    [Fact]
    public void Placeholder_subclasses_that_the_IPC_lacks_are_removed()
    {
        var session = new Etl.Patents.Matching.KdtMatcher(Etl.Testing.RepoPaths.LoadedMappings, Etl.Domain.Classification.MatchMode.IpcAndKeyword).CreateSession();
        var codes = new List<long>();
        IpcNotation.Parse("G06F16/27;A99A -999/99", codes, out _);
        Assert.Equal(2, codes.Count);
        Assert.Equal(1, session.RemoveUnknown(codes));
        Assert.Equal(new IpcCode("G06F", 16, "27"), IpcNotation.Unpack(codes.Single()));
    }

    private static readonly Gen<IpcCode> s_codes =
        from section in Gen.Elements("ABCDEFGH".ToCharArray())
        from cls in Gen.Choose(1, 99)
        from letter in Gen.Elements("ABCDEFGHJKLMNPQRSTUVWXYZ".ToCharArray())
        from main in Gen.Choose(1, 9999)
        from subLength in Gen.Choose(2, 6)
        from sub in Gen.Choose(0, 999999)
        let digits = (sub % (int)Math.Pow(10, subLength)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(subLength, '0')
        select new IpcCode($"{section}{cls:D2}{letter}", main, IpcCode.NormalizeSubgroup(digits));

    /// <summary>Canonical text, WIPO spacing and PATSTAT width all parse back to the code; packing round-trips.</summary>
    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Notations_round_trip() => Prop.ForAll(s_codes.ToArbitrary(), code =>
    {
        var canonical = code.ToString();
        var wipo = $"{code.Subclass} {code.MainGroup}/{code.Subgroup}";
        var patstat = $"{code.Subclass}{code.MainGroup:D4}{code.Subgroup.PadRight(6, '0')}";
        return IpcNotation.ParseOne(canonical) == code && IpcNotation.ParseOne(wipo) == code && IpcNotation.ParseOne(patstat) == code
               && IpcNotation.Unpack(IpcNotation.Pack(code)) == code && IpcCode.TryParseCanonical(canonical, out var back) && back == code;
    });
}
