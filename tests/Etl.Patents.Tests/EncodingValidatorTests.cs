using System.Text;
using Etl.Domain.Text;
using Etl.Patents.Reading;

namespace Etl.Patents.Tests;

/// <summary>The byte-level GB18030 check against the runtime's strict decoder.</summary>
public class EncodingValidatorTests
{
    private static bool StrictDecoderAccepts(byte[] bytes)
    {
        try
        {
            ChineseEncodings.StrictGb18030.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [Fact]
    public void Text_the_encoder_wrote_is_valid_and_the_check_agrees_with_the_decoder_on_cut_or_corrupted_bytes()
    {
        var gb = ChineseEncodings.StrictGb18030;
        var rng = new Random(11);
        string[] pieces = ["深圳市南山区", "ABC 123", "，", "𠀀", "€", "一种基于深度学习的图像识别方法", "\"", "Ω", "ｇｐｕ"];
        for (var t = 0; t < 2000; t++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 8)).Select(_ => pieces[rng.Next(pieces.Length)]));
            var bytes = gb.GetBytes(text);
            Assert.True(EncodingValidator.IsValidGb18030(bytes), text);

            // Cut at a random point or overwrite one byte: the check and the strict decoder agree on the result.
            var broken = rng.Next(2) == 0 ? bytes[..rng.Next(bytes.Length)] : Corrupt(bytes, rng);
            Assert.True(StrictDecoderAccepts(broken) == EncodingValidator.IsValidGb18030(broken), Convert.ToHexString(broken));
        }
    }

    private static byte[] Corrupt(byte[] bytes, Random rng)
    {
        var copy = (byte[])bytes.Clone();
        copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
        return copy;
    }

    [Theory]
    [InlineData("81308130")]    // U+0080, the first four-byte character
    [InlineData("8431A439")]    // U+FFFF, the last one in the BMP
    [InlineData("90308130")]    // U+10000
    [InlineData("E3329A35")]    // U+10FFFF
    public void Four_byte_sequences_at_the_ends_of_the_assigned_ranges_are_valid(string hex)
    {
        Assert.True(StrictDecoderAccepts(Convert.FromHexString(hex)));
        Assert.True(EncodingValidator.IsValidGb18030(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("80")]          // 0x80 is no lead byte
    [InlineData("FF")]          // nor is 0xFF
    [InlineData("41D6")]        // a lead byte at the end
    [InlineData("D67F")]        // 0x7F is no trail byte
    [InlineData("8130")]        // a four-byte sequence cut after two bytes
    [InlineData("81303030")]    // its third byte must be 0x81-0xFE
    [InlineData("F2328236")]    // well formed, but beyond the assigned four-byte ranges
    public void Malformed_and_unassigned_sequences_are_rejected(string hex) =>
        Assert.False(EncodingValidator.IsValidGb18030(Convert.FromHexString(hex)));
}
