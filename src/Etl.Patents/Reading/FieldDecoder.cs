using System.Text;

namespace Etl.Patents.Reading;

/// <summary>
/// Decodes CSV fields, which arrive as the file's raw bytes, into a reusable character buffer: ASCII is
/// widened directly; anything else goes through a strict decoder, which throws
/// <see cref="DecoderFallbackException"/> on bytes that are not valid in the file's encoding: the runtime's for
/// UTF-8, <see cref="Gb18030Decoder"/> for GB18030 (the runtime's allocates on every call).
/// </summary>
internal sealed class FieldDecoder(Encoding encoding)
{
    /// <summary>Reusable buffers: slot 0 for a field on its own, the others for fields that must be held together.</summary>
    private readonly char[][] _buffers = [new char[1024], new char[256], new char[256], new char[256]];

    /// <summary>Whether the file is GB18030 (otherwise UTF-8).</summary>
    public bool IsGb18030 { get; } = encoding.CodePage == 54936;

    /// <summary>The field as characters (valid until the next call).</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, 0);

    /// <summary>The field as characters in buffer <paramref name="slot"/> (0-3; valid until the slot is used again).</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes, int slot)
    {
        var buffer = Buffer(slot, bytes.Length);
        if (System.Text.Ascii.IsValid(bytes))
        {
            System.Text.Ascii.ToUtf16(bytes, buffer, out var written);
            return buffer[..written];
        }
        var n = IsGb18030 ? Gb18030Decoder.Decode(bytes, buffer) : encoding.GetChars(bytes, buffer);
        return buffer[..n];
    }

    /// <summary>Buffer <paramref name="slot"/>, grown to at least <paramref name="length"/> characters (its content is not kept).</summary>
    public Span<char> Buffer(int slot, int length)
    {
        if (length > _buffers[slot].Length) _buffers[slot] = new char[Math.Max(length, _buffers[slot].Length * 2)];
        return _buffers[slot];
    }

    /// <summary>The field as a string.</summary>
    public string DecodeString(ReadOnlySpan<byte> bytes) => new(Decode(bytes));
}
