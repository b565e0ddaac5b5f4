using System.Text;
using Etl.Domain.Text;

namespace Etl.Domain.Tests;

/// <summary>The one place encodings are decided: damaged and cut-short text keeps its encoding.</summary>
public class EncodingDetectorTests
{
    private const string Page = "<html><head><title>绵阳市2015年国民经济和社会发展统计公报</title></head><body><p>年末常住人口为441.69万人，比上年末增加1.2万人。</p>";

    [Fact]
    public void Utf8_cut_inside_its_last_character_stays_utf8_though_its_bytes_are_valid_gb18030()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><title>石家庄市2015年国民经济和社会发展统计公报</title></head><body><p>农业生产保持稳定。</p>");
        var cut = bytes[..^5]; // "</p>" and the last byte of "。" are gone
        Assert.True(EncodingDetector.IsValid(ChineseEncodings.StrictGb18030, cut), "the premise: the cut bytes read as GB18030 mojibake");
        var (text, found, damage) = EncodingDetector.DecodeDamaged(cut);
        Assert.Equal("utf-8", found.Name);
        Assert.Contains("农业生产保持稳定", text, StringComparison.Ordinal);
        Assert.Equal([(long)cut.Length - 2], damage);
    }

    [Fact]
    public void A_damaged_byte_costs_its_position_not_the_encoding()
    {
        var gb = ChineseEncodings.Gb18030;
        var bytes = gb.GetBytes(Page).ToList();
        var at = gb.GetByteCount(Page[..Page.IndexOf("常住", StringComparison.Ordinal)]);
        bytes.Insert(at, 0xFF);
        var (text, found, damage) = EncodingDetector.DecodeDamaged(bytes.ToArray());
        Assert.Equal("gb18030", found.Name);
        Assert.Equal([(long)at], damage);
        Assert.Contains("年末\uFFFD常住人口", text, StringComparison.Ordinal);
    }
}
