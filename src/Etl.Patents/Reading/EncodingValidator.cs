namespace Etl.Patents.Reading;

/// <summary>
/// Checks that a record's raw bytes are valid in the file's encoding, including the fields the stage does
/// not decode, so that corrupt bytes anywhere in a row are caught, not carried along. UTF-8 uses the
/// runtime's vectorised check; GB18030 a small state machine (one, two or four bytes: ASCII; lead
/// 0x81-0xFE with trail 0x40-0x7E or 0x80-0xFE; or lead, 0x30-0x39, 0x81-0xFE, 0x30-0x39, in the assigned ranges).
/// </summary>
internal static class EncodingValidator
{
    public static bool IsValid(ReadOnlySpan<byte> bytes, bool gb18030) => gb18030 ? IsValidGb18030(bytes) : System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// The offset of the first byte that starts no valid character (for the message of a quarantined row), or -1:
    /// characters are stepped through one at a time (a slow path, taken only for a damaged row).
    /// </summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes, bool gb18030)
    {
        if (IsValid(bytes, gb18030)) return -1;
        var i = 0;
        while (i < bytes.Length)
        {
            var length = 0;
            for (var k = 1; k <= 4 && i + k <= bytes.Length && length == 0; k++)
                if (IsValid(bytes.Slice(i, k), gb18030)) length = k;
            if (length == 0) return i;
            i += length;
        }
        return bytes.Length;
    }

    public static bool IsValidGb18030(ReadOnlySpan<byte> b)
    {
        var i = 0;
        while (i < b.Length)
        {
            var lead = b[i];
            if (lead < 0x80)
            {
                // Skip the run of ASCII in one vectorised search (Chinese text goes from character to character without it).
                var next = b[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (next < 0) return true;
                i += next;
                continue;
            }
            if (lead > 0xFE || lead == 0x80 || i + 1 >= b.Length) return false;
            var second = b[i + 1];
            if (second is >= 0x40 and <= 0xFE && second != 0x7F) { i += 2; continue; }
            if (second is >= 0x30 and <= 0x39 && i + 3 < b.Length && b[i + 2] is >= 0x81 and <= 0xFE && b[i + 3] is >= 0x30 and <= 0x39
                && FourByteMapped(lead, second, b[i + 2], b[i + 3])) { i += 4; continue; }
            return false;
        }
        return true;
    }

    /// <summary>
    /// Whether a well-formed four-byte sequence stands for a character: its linear index lies in the BMP
    /// range (0x81308130-0x8431A439) or the supplementary range (0x90308130-0xE3329A35); the rest is unassigned.
    /// </summary>
    private static bool FourByteMapped(byte b1, byte b2, byte b3, byte b4)
    {
        var index = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
        return index <= 39419 || index is >= 189000 and <= 1237575;
    }
}
