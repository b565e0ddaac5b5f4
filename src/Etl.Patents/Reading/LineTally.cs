namespace Etl.Patents.Reading;

/// <summary>
/// A read-only wrapper that counts the non-blank physical lines of the bytes read through it, independently of
/// the CSV parser, so that every line of an export can be accounted for: a line a parser swallowed into
/// another record shows up as a difference between this count and the lines the records span.
/// </summary>
internal sealed class LineTally(Stream inner) : Stream
{
    private bool _content;

    /// <summary>Non-blank lines seen so far (a last line without a line break counts once the end is reached).</summary>
    public long Lines { get; private set; }

    /// <summary>Whether a read returned 0.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The inner stream (a gzip wrapper that knows its length, say).</summary>
    public Stream Inner => inner;

    public override int Read(byte[] buffer, int offset, int count) => Tally(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Tally(buffer[..inner.Read(buffer)]);

    private int Tally(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            if (!AtEnd && _content) Lines++;
            AtEnd = true;
            _content = false;
            return 0;
        }
        var n = bytes.Length;
        while (!bytes.IsEmpty)
        {
            var nl = bytes.IndexOf((byte)'\n');
            var part = nl < 0 ? bytes : bytes[..nl];
            if (!_content && part.IndexOfAnyExcept((byte)' ', (byte)'\r', (byte)'\t') >= 0) _content = true;
            if (nl < 0) break;
            if (_content) Lines++;
            _content = false;
            bytes = bytes[(nl + 1)..];
        }
        return n;
    }

    /// <summary>Non-blank lines of a record's raw bytes.</summary>
    public static long LinesOf(ReadOnlySpan<byte> raw)
    {
        long lines = 0;
        while (!raw.IsEmpty)
        {
            var nl = raw.IndexOf((byte)'\n');
            var part = nl < 0 ? raw : raw[..nl];
            if (part.IndexOfAnyExcept((byte)' ', (byte)'\r', (byte)'\t') >= 0) lines++;
            if (nl < 0) break;
            raw = raw[(nl + 1)..];
        }
        return lines;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
