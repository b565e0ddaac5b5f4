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
    private char[] _buffer = new char[1024];

    /// <summary>Whether the file is GB18030 (otherwise UTF-8).</summary>
    public bool IsGb18030 { get; } = encoding.CodePage == 54936;

    /// <summary>The field as characters (valid until the next call).</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length) _buffer = new char[Math.Max(bytes.Length, _buffer.Length * 2)];
        if (System.Text.Ascii.IsValid(bytes))
        {
            System.Text.Ascii.ToUtf16(bytes, _buffer, out var written);
            return _buffer.AsSpan(0, written);
        }
        var n = IsGb18030 ? Gb18030Decoder.Decode(bytes, _buffer) : encoding.GetChars(bytes, _buffer);
        return _buffer.AsSpan(0, n);
    }

    /// <summary>The field as a string.</summary>
    public string DecodeString(ReadOnlySpan<byte> bytes) => new(Decode(bytes));
}
