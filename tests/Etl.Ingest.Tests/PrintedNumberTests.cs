using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Etl.Ingest.Numbers;

namespace Etl.Ingest.Tests;

public class PrintedNumberTests
{
    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("１２３", 123)]
    [InlineData("12.3*", 12.3)]
    [InlineData(" 590.00 ", 590)]
    [InlineData("－7.5", -7.5)]
    [InlineData("1,000,000", 1000000)]
    [InlineData("３，２１０．５①", 3210.5)]
    public void Printed_forms_parse_to_their_value(string text, double expected)
    {
        var p = PrintedNumber.Parse(text);
        Assert.Equal(PrintedKind.Number, p.Kind);
        Assert.Equal((decimal)expected, p.Value);
        Assert.Equal(text, p.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("…")]
    [InlineData("—")]
    [InlineData("-")]
    [InlineData("无")]
    [InlineData("……")]
    [InlineData("  ")]
    public void Missing_marks_are_missing_not_zero(string text) => Assert.Equal(PrintedKind.Missing, PrintedNumber.Parse(text).Kind);

    [Theory]
    [InlineData("abc")]
    [InlineData("1,23")]
    [InlineData("12,34.5")]
    [InlineData("1.2.3")]
    [InlineData("约100")]
    public void Other_text_is_invalid(string text) => Assert.Equal(PrintedKind.Invalid, PrintedNumber.Parse(text).Kind);

    [Fact]
    public void Cells_keep_numbers_and_reject_dates()
    {
        Assert.Equal(38.95m, PrintedNumber.FromCell(38.95).Value);
        Assert.Equal(PrintedKind.Missing, PrintedNumber.FromCell(null).Kind);
        Assert.Equal(PrintedKind.Invalid, PrintedNumber.FromCell(new DateTime(2021, 5, 1)).Kind);
        Assert.Equal(PrintedKind.Invalid, PrintedNumber.FromCell(true).Kind);
    }

    /// <summary>Any decimal survives being printed with separators, full-width digits and a footnote mark.</summary>
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Rendering_variants_round_trip()
    {
        var gen = from units in Gen.Choose(-99_999_999, 99_999_999)
                  from cents in Gen.Choose(0, 99)
                  from style in Gen.Choose(0, 3)
                  select (Value: units + (units < 0 ? -cents : cents) / 100m, Style: style);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var text = x.Value.ToString(x.Style % 2 == 0 ? "#,##0.00" : "0.00", CultureInfo.InvariantCulture);
            if (x.Style >= 2) text = new string(text.Select(c => c is >= '0' and <= '9' or '.' or ',' ? (char)(c + 0xFEE0) : c).ToArray()) + "①";
            var p = PrintedNumber.Parse(text);
            return p.Kind == PrintedKind.Number && p.Value == x.Value;
        });
    }
}
