namespace Etl.Domain.Packing;

/// <summary>
/// A growable byte buffer of unsigned LEB128 varints (the encoding of <see cref="BinaryWriter.Write7BitEncodedInt64"/>),
/// written without a stream call per byte: the packed record index and the export-result cache write tens of
/// millions of them.
/// </summary>
public sealed class VarintBuffer
{
    private byte[] _bytes = new byte[256];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>What was written.</summary>
    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public byte[] ToArray() => Span.ToArray();

    /// <summary>What was written, without a copy: valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(0, Length);

    /// <summary>Appends a non-negative value.</summary>
    public void Write(long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "a varint holds a non-negative value; use WriteSigned");
        WriteUnsigned((ulong)value);
    }

    /// <summary>Appends a signed value, zigzag-encoded.</summary>
    public void WriteSigned(long value) => WriteUnsigned((ulong)ZigZag.Encode(value));

    private void WriteUnsigned(ulong v)
    {
        if (Length + 10 > _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        // In locals: the loop then keeps the position in a register instead of the property's field.
        var bytes = _bytes;
        var at = Length;
        while (v >= 0x80)
        {
            bytes[at++] = (byte)(v | 0x80);
            v >>= 7;
        }
        bytes[at++] = (byte)v;
        Length = at;
    }

    /// <summary>Appends one byte as it is.</summary>
    public void WriteByte(byte value)
    {
        if (Length + 1 > _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        _bytes[Length++] = value;
    }
}

/// <summary>Reads what <see cref="VarintBuffer"/> wrote, from a span.</summary>
public ref struct VarintReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    public readonly bool AtEnd => Position == _bytes.Length;

    /// <summary>Reads a non-negative value; a varint that runs past the end or over 63 bits is invalid data.</summary>
    public long Read()
    {
        var v = ReadUnsigned();
        return v <= long.MaxValue ? (long)v : throw new InvalidDataException("a varint beyond the range of a non-negative 64-bit value");
    }

    private ulong ReadUnsigned()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _bytes.Length) throw new InvalidDataException("a varint runs past the end of its data");
            var b = _bytes[Position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a varint longer than 64 bits");
    }

    public int ReadInt() => checked((int)Read());

    public long ReadSigned() => ZigZag.Decode((long)ReadUnsigned());

    public byte ReadByte() => Position < _bytes.Length ? _bytes[Position++] : throw new InvalidDataException("data ends inside a record");
}
