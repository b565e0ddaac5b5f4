using Etl.Domain.Packing;

namespace Etl.Domain.Tests;

/// <summary>The varints of the packed record index and the export-result cache.</summary>
public class VarintTests
{
    [Fact]
    public void Values_at_every_length_boundary_read_back_and_match_BinaryWriters_encoding()
    {
        long[] values = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 202_312_345_678L, long.MaxValue];
        var buffer = new VarintBuffer();
        foreach (var v in values) buffer.Write(v);
        using var expected = new MemoryStream();
        using (var w = new BinaryWriter(expected, System.Text.Encoding.UTF8, leaveOpen: true))
            foreach (var v in values) w.Write7BitEncodedInt64(v);
        Assert.Equal(expected.ToArray(), buffer.ToArray());
        var r = new VarintReader(buffer.Span);
        foreach (var v in values) Assert.Equal(v, r.Read());
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void Signed_values_zigzag_into_short_varints_and_back()
    {
        long[] values = [0, -1, 1, -64, 63, -65, long.MinValue, long.MaxValue];
        var buffer = new VarintBuffer();
        foreach (var v in values) buffer.WriteSigned(v);
        var r = new VarintReader(buffer.Span);
        foreach (var v in values) Assert.Equal(v, r.ReadSigned());
        Assert.Equal([0, 1, 2, 127], new long[] { 0, -1, 1, -64 }.Select(ZigZag.Encode));
    }

    [Fact]
    public void Truncated_or_overlong_data_is_invalid_not_a_wrong_number()
    {
        var buffer = new VarintBuffer();
        buffer.Write(300);
        var truncated = buffer.Span[..1].ToArray();
        Assert.Throws<InvalidDataException>(() => new VarintReader(truncated).Read());
        var overlong = Enumerable.Repeat((byte)0xFF, 11).ToArray();
        Assert.Throws<InvalidDataException>(() => new VarintReader(overlong).Read());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Write(-1));
    }
}
