using System.Text;
using Etl.Domain.Text;
using Etl.Patents.Reading;

namespace Etl.Patents.Tests;

/// <summary>The table decoder of GB18030 fields against the runtime's strict decoder, sequence by sequence.</summary>
public class Gb18030DecoderTests
{
    /// <summary>The runtime's characters for <paramref name="bytes"/>, or null when it refuses them.</summary>
    private static string? Runtime(byte[] bytes)
    {
        try
        {
            return ChineseEncodings.StrictGb18030.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The table decoder's characters for <paramref name="bytes"/>, or null when it refuses them.</summary>
    private static string? Table(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        try
        {
            return new string(chars, 0, Gb18030Decoder.Decode(bytes, chars));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    [Fact]
    public void Every_two_byte_sequence_decodes_as_the_runtime_decodes_it()
    {
        var differ = new List<string>();
        for (var lead = 0x80; lead <= 0xFF; lead++)
            for (var trail = 0x00; trail <= 0xFF; trail++)
            {
                byte[] bytes = [(byte)lead, (byte)trail];
                if (Runtime(bytes) != Table(bytes)) differ.Add(Convert.ToHexString(bytes));
            }
        Assert.Empty(differ);
    }

    [Fact]
    public void Every_four_byte_sequence_of_the_first_leads_and_samples_of_the_rest_decode_as_the_runtime_decodes_them()
    {
        // Leads 0x81-0x84 hold the BMP range (and the unassigned codes after it); 0x90-0xE3 the supplementary planes,
        // sampled; 0xE4 and above nothing.
        var differ = new List<string>();
        var rng = new Random(18030);
        for (var lead = 0x81; lead <= 0xFE; lead++)
            for (var second = 0x2F; second <= 0x3A; second++)
                for (var third = 0x80; third <= 0xFF; third++)
                    for (var fourth = 0x2F; fourth <= 0x3A; fourth++)
                    {
                        if (lead > 0x84 && rng.Next(50) != 0) continue;
                        byte[] bytes = [(byte)lead, (byte)second, (byte)third, (byte)fourth];
                        if (Runtime(bytes) != Table(bytes)) differ.Add(Convert.ToHexString(bytes));
                    }
        Assert.Empty(differ);
        // The ends of the supplementary range, and past it.
        Assert.Equal("\U00010000", Table([0x90, 0x30, 0x81, 0x30]));
        Assert.Equal("\U0010FFFF", Table([0xE3, 0x32, 0x9A, 0x35]));
        Assert.Null(Table([0xE3, 0x32, 0x9A, 0x36]));
    }

    [Fact]
    public void Text_and_its_cut_or_corrupted_bytes_decode_or_fail_as_with_the_runtime()
    {
        var gb = ChineseEncodings.StrictGb18030;
        var rng = new Random(7);
        // Pieces of one, two and four bytes: ¥, ђ and ẞ are four-byte characters of the BMP, 𠀀 a supplementary one.
        string[] pieces = ["深圳市南山区", "ABC 123", "，", "𠀀", "€", "一种基于深度学习的图像识别方法", "\"", "Ω", "ｇｐｕ", "\u00B7", "\uE5E5", "\u20AC", "¥", "ђ", "ẞ"];
        for (var t = 0; t < 5000; t++)
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(1, 8)).Select(_ => pieces[rng.Next(pieces.Length)]));
            var bytes = gb.GetBytes(text);
            Assert.Equal(text, Table(bytes));
            var broken = rng.Next(2) == 0 ? bytes[..rng.Next(bytes.Length)] : Corrupt(bytes, rng);
            Assert.True(Runtime(broken) == Table(broken), Convert.ToHexString(broken));
        }
    }

    [Fact]
    public void A_field_decoder_on_gb18030_gives_what_the_runtime_gives_and_refuses_what_it_refuses()
    {
        var decoder = new FieldDecoder(ChineseEncodings.StrictGb18030);
        Assert.True(decoder.IsGb18030);
        var bytes = ChineseEncodings.StrictGb18030.GetBytes("广东省深圳市南山区科技园1号 𠀀");
        Assert.Equal("广东省深圳市南山区科技园1号 𠀀", decoder.DecodeString(bytes));
        Assert.Throws<DecoderFallbackException>(() => decoder.DecodeString([0x41, 0xB1]));
    }

    private static byte[] Corrupt(byte[] bytes, Random rng)
    {
        var copy = (byte[])bytes.Clone();
        if (copy.Length > 0) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
        return copy;
    }
}
