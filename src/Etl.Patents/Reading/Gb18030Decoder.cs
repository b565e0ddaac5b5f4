using System.Text;
using Etl.Domain.Text;

namespace Etl.Patents.Reading;

/// <summary>
/// Decodes GB18030 fields by table, without allocating. The runtime's GB18030 decoder allocates on every call (176
/// bytes for a field, measured), and the reader decodes several fields of every record: at national scale that put
/// gigabytes through the collector per build. The tables are filled once from the runtime's own strict decoder, so
/// both decode every sequence alike; supplementary characters are one linear range, as the standard defines them.
/// Bytes that form no character throw <see cref="DecoderFallbackException"/>, as the strict decoder does.
/// </summary>
internal static class Gb18030Decoder
{
    /// <summary>Second bytes of a two-byte character: 0x40-0x7E and 0x80-0xFE.</summary>
    private const int Trails = 190;

    /// <summary>Four-byte sequences 0x81308130 (index 0) to 0x8431A439 (index 39419) stand for BMP characters.</summary>
    private const int FourByteBmp = 39420;

    /// <summary>The four-byte index of 0x90308130, which stands for U+10000; the range runs to U+10FFFF.</summary>
    private const int SupplementaryFirst = 189000;

    // Unmapped sequences hold '\0', which no multi-byte sequence stands for.
    private static readonly char[] s_twoByte = Fill(126 * Trails, i => [(byte)(0x81 + i / Trails), TrailByte(i % Trails)]);
    private static readonly char[] s_fourByte = Fill(FourByteBmp, FourBytes);

    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="chars"/> (at least as long); returns the characters written.</summary>
    public static int Decode(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        var written = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                chars[written++] = (char)b;
                i++;
                continue;
            }
            if (b is 0x80 or 0xFF || i + 1 >= bytes.Length) throw Invalid(bytes, i);
            var second = bytes[i + 1];
            if (second is >= 0x40 and <= 0xFE && second != 0x7F)
            {
                var c = s_twoByte[(b - 0x81) * Trails + second - (second < 0x80 ? 0x40 : 0x41)];
                if (c == '\0') throw Invalid(bytes, i);
                chars[written++] = c;
                i += 2;
                continue;
            }
            if (second is < 0x30 or > 0x39 || i + 3 >= bytes.Length || bytes[i + 2] is < 0x81 or > 0xFE || bytes[i + 3] is < 0x30 or > 0x39)
                throw Invalid(bytes, i);
            var index = FourByteIndex(b, second, bytes[i + 2], bytes[i + 3]);
            if (index < FourByteBmp)
            {
                var c = s_fourByte[index];
                if (c == '\0') throw Invalid(bytes, i);
                chars[written++] = c;
            }
            else if (index - SupplementaryFirst is >= 0 and <= 0xFFFFF and var offset)
            {
                chars[written++] = (char)(0xD800 + (offset >> 10));
                chars[written++] = (char)(0xDC00 + (offset & 0x3FF));
            }
            else throw Invalid(bytes, i);
            i += 4;
        }
        return written;
    }

    private static int FourByteIndex(byte b1, byte b2, byte b3, byte b4) => (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);

    private static byte TrailByte(int i) => (byte)(i < 0x3F ? 0x40 + i : 0x41 + i);

    private static byte[] FourBytes(int index) =>
        [(byte)(0x81 + index / 12600), (byte)(0x30 + index / 1260 % 10), (byte)(0x81 + index / 10 % 126), (byte)(0x30 + index % 10)];

    private static char[] Fill(int count, Func<int, byte[]> sequence)
    {
        var strict = ChineseEncodings.StrictGb18030;
        var table = new char[count];
        Span<char> one = stackalloc char[4];
        for (var i = 0; i < count; i++)
        {
            try
            {
                if (strict.GetChars(sequence(i), one) == 1) table[i] = one[0];
            }
            catch (DecoderFallbackException)
            {
                // Unmapped: the entry stays '\0' and the sequence is refused when decoded.
            }
        }
        return table;
    }

    /// <summary>The error for the byte at <paramref name="at"/>, which starts no GB18030 character (named alone, as the runtime names it).</summary>
    private static DecoderFallbackException Invalid(ReadOnlySpan<byte> bytes, int at) =>
        new($"byte 0x{bytes[at]:X2} at offset {at} starts no GB18030 character", [bytes[at]], at);
}
