using System.Text;

namespace Etl.Domain.Text;

/// <summary>An encoding found for some bytes, and how it was found.</summary>
/// <param name="Encoding">A strict decoder: it throws <see cref="DecoderFallbackException"/> on invalid bytes.</param>
/// <param name="Name">utf-8, gb18030, utf-16, or the declared label of another encoding.</param>
/// <param name="Evidence">bom, declared, sniffed, or <c>declared X overridden</c> when a declaration was wrong.</param>
/// <param name="Preamble">Bytes of a byte-order mark to skip.</param>
public sealed record DetectedEncoding(Encoding Encoding, string Name, string Evidence, int Preamble)
{
    /// <summary>Whether this is GB18030 (which covers GB2312 and GBK).</summary>
    public bool IsGb18030 => Name == "gb18030";

    /// <summary>How an outcome reports it: <c>gb18030 (declared)</c>.</summary>
    public override string ToString() => $"{Name} ({Evidence})";
}

/// <summary>Text whose bytes are valid in no encoding the project reads.</summary>
public sealed class TextEncodingException(string message) : Exception(message);

/// <summary>
/// The one place an encoding is decided, for pages, CSV exports and text tables alike. Order, as browsers
/// do (WHATWG): a byte-order mark wins; then an encoding the source declares (a meta charset), if the bytes
/// are valid in it; then strict UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GB2312 and
/// GBK, the encoding of Chinese Windows and many government sites). Decoding is always strict, so garbled
/// text never reaches a parser as replacement characters.
/// </summary>
public static class EncodingDetector
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(false, true);

    /// <summary>Strict UTF-8.</summary>
    public static Encoding StrictUtf8 => s_utf8;

    /// <summary>
    /// The encoding of <paramref name="sample"/>, the first bytes of a source (all of it when
    /// <paramref name="complete"/>), or null when they are valid in none. A sample cut off mid-file is cut back
    /// to its last line break, so a character split by the cut does not fail the check.
    /// </summary>
    /// <param name="sample">The bytes.</param>
    /// <param name="complete">Whether the sample is the whole source.</param>
    /// <param name="declared">The label the source declares, if any.</param>
    /// <param name="declaredBy">What declared it, for the evidence (<c>meta</c> for a page).</param>
    public static DetectedEncoding? Detect(ReadOnlySpan<byte> sample, bool complete, string? declared = null, string declaredBy = "declared")
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new DetectedEncoding(s_utf8, "utf-8", "bom", 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new DetectedEncoding(new UnicodeEncoding(false, false, true), "utf-16", "bom", 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new DetectedEncoding(new UnicodeEncoding(true, false, true), "utf-16", "bom", 2);
        var whole = complete ? sample : WholeCharacters(sample);

        var target = declared is null ? null : FromLabel(declared);
        if (target is not null && ValidUpToCut(target.Value.Encoding, whole)) return new DetectedEncoding(target.Value.Encoding, target.Value.Name, declaredBy, 0);
        var evidence = declared is null ? "sniffed" : $"{declaredBy} {declared.ToLowerInvariant()} overridden";
        if (ValidUpToCut(s_utf8, whole)) return new DetectedEncoding(s_utf8, "utf-8", evidence, 0);
        if (ValidUpToCut(ChineseEncodings.StrictGb18030, whole)) return new DetectedEncoding(ChineseEncodings.StrictGb18030, "gb18030", evidence, 0);
        // Valid in none: a few damaged bytes should cost what holds them, not the whole source. The encoding in
        // which the fewest byte sequences fail wins, when they are few (see MaxDamage).
        (Encoding Encoding, string Name, int Bad, bool Declared) best = (s_utf8, "utf-8", int.MaxValue, false);
        var first = true;
        foreach (var c in Candidates(target))
        {
            if (BadSequences(c.Encoding, whole).Count is var bad && bad < best.Bad) best = (c.Encoding, c.Name, bad, first && target is not null);
            first = false;
        }
        var how = best.Declared ? declaredBy : evidence;
        return best.Bad <= MaxDamage(whole.Length)
            ? new DetectedEncoding(best.Encoding, best.Name, $"{how}, {best.Bad} damaged byte sequence{(best.Bad == 1 ? "" : "s")} in the sample", 0)
            : null;
    }

    /// <summary>Most damaged byte sequences a source of <paramref name="length"/> bytes may hold and still be read: one per 2 KiB, at least 4.</summary>
    public static int MaxDamage(int length) => Math.Max(4, length / 2048);

    private static IEnumerable<(Encoding Encoding, string Name)> Candidates((Encoding Encoding, string Name)? declared)
    {
        if (declared is { } d) yield return d;
        yield return (s_utf8, "utf-8");
        yield return (ChineseEncodings.StrictGb18030, "gb18030");
    }

    /// <summary>The byte offsets at which <paramref name="bytes"/> fail to decode in <paramref name="encoding"/>.</summary>
    public static List<long> BadSequences(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var fallback = new RecordingFallback();
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = fallback;
        lenient.GetCharCount(bytes);
        return fallback.Offsets;
    }

    /// <summary>
    /// Decodes a whole source in the encoding found for it, each damaged byte sequence replaced by U+FFFD, with
    /// the byte offsets of the damage, so that a reader can set aside what holds it (a sentence, a row) and read
    /// the rest. Throws <see cref="TextEncodingException"/> when no encoding fits (too much damage).
    /// </summary>
    public static (string Text, DetectedEncoding Encoding, IReadOnlyList<long> Damage) DecodeDamaged(ReadOnlySpan<byte> bytes, string? declared = null, string declaredBy = "declared")
    {
        var found = Detect(bytes, complete: true, declared, declaredBy)
                    ?? throw new TextEncodingException(declared is null
                        ? $"the bytes are neither valid UTF-8 nor valid GB18030, with more than {MaxDamage(bytes.Length)} damaged sequences in either"
                        : $"the source declares {declared}, and its bytes are neither that, nor UTF-8, nor GB18030, with more than {MaxDamage(bytes.Length)} damaged sequences in any");
        var body = bytes[found.Preamble..];
        var fallback = new RecordingFallback();
        var lenient = (Encoding)found.Encoding.Clone();
        lenient.DecoderFallback = fallback;
        var text = lenient.GetString(body);
        return (text, found, fallback.Offsets.Select(o => o + found.Preamble).ToList());
    }

    /// <summary>A decoder fallback that replaces each damaged sequence by U+FFFD and records where it was.</summary>
    private sealed class RecordingFallback : DecoderFallback
    {
        public List<long> Offsets { get; } = [];

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private sealed class Buffer(RecordingFallback owner) : DecoderFallbackBuffer
        {
            private bool _pending;

            public override int Remaining => _pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                // Some decoders report one damaged sequence twice (GB18030 does); it is one damage.
                if (owner.Offsets.Count == 0 || owner.Offsets[^1] != index) owner.Offsets.Add(index);
                _pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!_pending) return '\0';
                _pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;
        }
    }

    /// <summary>
    /// A sample cut off mid-file, cut back to whole characters: to its last line break, or, for a source on one
    /// long line, by the trailing bytes of a character the cut split (at most three non-ASCII bytes).
    /// </summary>
    /// <summary>
    /// Whether the bytes are valid in the encoding, but for a character cut short at the very end (a file whose
    /// download broke off): that cut costs the last sentence or row, and must not make UTF-8 pass for GB18030
    /// mojibake (UTF-8 text is often valid GB18030 byte for byte).
    /// </summary>
    private static bool ValidUpToCut(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (IsValid(encoding, bytes)) return true;
        var end = bytes.Length;
        for (var k = 0; k < 3 && end > 0 && bytes[end - 1] >= 0x80; k++)
            if (IsValid(encoding, bytes[..--end])) return true;
        return false;
    }

    private static ReadOnlySpan<byte> WholeCharacters(ReadOnlySpan<byte> sample)
    {
        var nl = sample.LastIndexOf((byte)'\n');
        if (nl >= 0) return sample[..(nl + 1)];
        var end = sample.Length;
        for (var k = 0; k < 3 && end > 0 && sample[end - 1] >= 0x80; k++) end--;
        return sample[..end];
    }

    /// <summary>
    /// Decodes a whole source that must be undamaged; throws <see cref="TextEncodingException"/> when no encoding
    /// fits or the bytes hold damaged sequences (use <see cref="DecodeDamaged"/> to read around them).
    /// </summary>
    public static (string Text, DetectedEncoding Encoding) Decode(ReadOnlySpan<byte> bytes, string? declared = null, string declaredBy = "declared")
    {
        var (text, encoding, damage) = DecodeDamaged(bytes, declared, declaredBy);
        if (damage.Count > 0)
            throw new TextEncodingException($"{damage.Count} byte sequence{(damage.Count == 1 ? " is" : "s are")} not valid {encoding.Name} (the first at byte {damage[0]})");
        return (text, encoding);
    }

    /// <summary>
    /// A strict encoding for a declared label (utf-8, gb2312, gbk, big5, ...), or null when the label is unknown.
    /// GB2312 and GBK labels read as GB18030, their superset, as browsers do.
    /// </summary>
    public static (Encoding Encoding, string Name)? FromLabel(string label)
    {
        var l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (l)
        {
            case "utf-8" or "utf8": return (s_utf8, "utf-8");
            case "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936" or "windows-936" or "euc-cn" or "gb_2312-80": return (ChineseEncodings.StrictGb18030, "gb18030");
        }
        _ = ChineseEncodings.Gb18030; // registers the code pages, so legacy labels (big5, ...) resolve
        try
        {
            return (Encoding.GetEncoding(l, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), l);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="bytes"/> decode in <paramref name="encoding"/> without an error.</summary>
    public static bool IsValid(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding.CodePage == 65001) return System.Text.Unicode.Utf8.IsValid(bytes);
        try
        {
            encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
