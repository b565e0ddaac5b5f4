namespace Etl.Patents.Reading;

/// <summary>
/// Checks that a record's raw bytes are valid in the file's encoding, including the fields the stage does
/// not decode, so that corrupt bytes anywhere in a row are caught, not carried along. UTF-8 uses the
/// runtime's vectorised check; GB18030 a small state machine (one, two or four bytes: ASCII; lead
/// 0x81-0xFE with trail 0x40-0x7E or 0x80-0xFE; or lead, 0x30-0x39, 0x81-0xFE, 0x30-0x39).
/// </summary>
internal static class EncodingValidator
{
    public static bool IsValid(ReadOnlySpan<byte> bytes, bool gb18030) => gb18030 ? IsValidGb18030(bytes) : System.Text.Unicode.Utf8.IsValid(bytes);

    public static bool IsValidGb18030(ReadOnlySpan<byte> b)
    {
        var i = 0;
        while (i < b.Length)
        {
            // Skip runs of ASCII quickly.
            var ascii = System.Text.Ascii.IsValid(b[i..]) ? b.Length - i : IndexOfNonAscii(b[i..]);
            i += ascii;
            if (i >= b.Length) return true;
            var lead = b[i];
            if (lead is < 0x81 or > 0xFE || i + 1 >= b.Length) return false;
            var second = b[i + 1];
            if (second is >= 0x40 and <= 0xFE && second != 0x7F) { i += 2; continue; }
            if (second is >= 0x30 and <= 0x39 && i + 3 < b.Length && b[i + 2] is >= 0x81 and <= 0xFE && b[i + 3] is >= 0x30 and <= 0x39) { i += 4; continue; }
            return false;
        }
        return true;
    }

    private static int IndexOfNonAscii(ReadOnlySpan<byte> b)
    {
        var k = b.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        return k < 0 ? b.Length : k;
    }
}
