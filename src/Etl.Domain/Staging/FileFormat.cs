using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Etl.Domain.Text;

namespace Etl.Domain.Staging;

/// <summary>What a raw file is, by its bytes (never by its name).</summary>
public enum FileFormat
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>An HTML page or table (saved as .html, .shtml, .xls, or with no extension).</summary>
    Html,

    /// <summary>An Office Open XML workbook (zip with <c>xl/workbook.xml</c>).</summary>
    Xlsx,

    /// <summary>A legacy Excel workbook (OLE2 compound file with a workbook stream).</summary>
    Xls,

    /// <summary>A password-protected workbook (OLE2 with an <c>EncryptionInfo</c> stream).</summary>
    EncryptedWorkbook,

    /// <summary>A gzip stream (a compressed export).</summary>
    Gzip,

    /// <summary>Text that decodes as UTF-8, UTF-16 or GB18030 and is not HTML: CSV, TSV, plain text.</summary>
    Text,

    /// <summary>A PDF document.</summary>
    Pdf,

    /// <summary>Anything else: other zip or OLE2 documents, images, unknown binary data.</summary>
    Other,
}

/// <summary>A sniffed format with a few words for reports (<c>zip archive without a workbook</c>).</summary>
public readonly record struct SniffedFormat(FileFormat Format, string Description);

/// <summary>
/// Finds a file's format from its first bytes: magic numbers for binary containers (OLE2, zip, gzip, PDF,
/// images), markup for HTML, and a strict decode for text. Extensions are never consulted: the CNKI
/// yearbook platform serves HTML tables and GBK CSV under .xls names, and city portals serve pages as
/// .shtml, .xhtml or without an extension.
/// </summary>
public static partial class FileFormats
{
    /// <summary>Bytes read to decide.</summary>
    public const int SampleBytes = 8192;

    [GeneratedRegex(@"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|meta|title|body|table|div|p|style|script|link|center|font|form)[\s>/]",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();

    /// <summary>Sniffs the file at <paramref name="path"/>.</summary>
    public static SniffedFormat Sniff(string path)
    {
        var sample = new byte[SampleBytes];
        int n;
        long length;
        using (var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            length = s.Length;
            n = s.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        }
        var head = sample.AsSpan(0, n);
        if (n == 0) return new SniffedFormat(FileFormat.Empty, "an empty file");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return Ole2(path);
        if (head.StartsWith("PK\u0003\u0004"u8)) return Zip(path);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return new SniffedFormat(FileFormat.Gzip, "a gzip stream");
        if (head.StartsWith("%PDF"u8)) return new SniffedFormat(FileFormat.Pdf, "a PDF document");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || head.StartsWith("GIF8"u8))
            return new SniffedFormat(FileFormat.Other, "an image");
        if (head.StartsWith("{\\rtf"u8)) return new SniffedFormat(FileFormat.Other, "an RTF document");

        var encoding = EncodingDetector.Detect(head, complete: n == length);
        if (encoding is null || (encoding.Name != "utf-16" && head.Contains((byte)0)))
        {
            // Markup whose text is valid in no encoding is still a page: its reader reports the encoding error.
            return !head.Contains((byte)0) && HtmlStart().IsMatch(Encoding.Latin1.GetString(head))
                ? new SniffedFormat(FileFormat.Html, "HTML (in no known encoding)")
                : new SniffedFormat(FileFormat.Other, "binary data that is no known format");
        }
        // Damaged or split characters (the sample may end inside one) only need to be recognisable as text.
        var lenient = (Encoding)encoding.Encoding.Clone();
        lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
        var text = lenient.GetString(head[encoding.Preamble..]);
        return HtmlStart().IsMatch(text)
            ? new SniffedFormat(FileFormat.Html, $"HTML ({encoding.Name})")
            : new SniffedFormat(FileFormat.Text, $"text ({encoding.Name})");
    }

    /// <summary>Largest compression ratio an entry of a workbook may have once it inflates past <see cref="RatioFloorBytes"/>.</summary>
    public const double MaxCompressionRatio = 100;

    /// <summary>Entries smaller than this inflate as much as they like (a sheet of blanks compresses well).</summary>
    public const long RatioFloorBytes = 8L << 20;

    /// <summary>
    /// Why a zip workbook must not be inflated (a zip bomb), or null: an entry that would inflate past
    /// <paramref name="maxEntryBytes"/> (<c>too_large</c>), or past <see cref="RatioFloorBytes"/> at more than
    /// <see cref="MaxCompressionRatio"/> times its compressed size (<c>compression_ratio</c>). Read from the
    /// archive's directory, before anything is inflated.
    /// </summary>
    public static (string Reason, string Detail)? InflationProblem(string path, long maxEntryBytes)
    {
        if (FileFormats.Sniff(path).Format != FileFormat.Xlsx) return null;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var e in zip.Entries)
            {
                if (e.Length > maxEntryBytes)
                    return ("too_large", $"the entry {e.FullName} inflates to {e.Length} bytes, more than the {maxEntryBytes} a workbook entry may have");
                var ratio = e.CompressedLength == 0 ? double.PositiveInfinity : (double)e.Length / e.CompressedLength;
                if (e.Length > RatioFloorBytes && ratio > MaxCompressionRatio)
                    return ("compression_ratio", $"the entry {e.FullName} inflates {ratio:F0} times ({e.CompressedLength} to {e.Length} bytes), more than the {MaxCompressionRatio} a workbook entry may (a zip bomb)");
            }
        }
        catch (InvalidDataException)
        {
            return null; // a damaged archive: the workbook reader says what is wrong with it
        }
        return null;
    }

    private static SniffedFormat Ole2(string path)
    {
        // Stream names sit in the compound file's directory as UTF-16: an encrypted Office file carries
        // EncryptionInfo (and EncryptedPackage), a legacy workbook Workbook or Book, a Word file WordDocument.
        var bytes = File.ReadAllBytes(path);
        bool Has(string name) => bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;
        if (Has("EncryptionInfo") || Has("EncryptedPackage")) return new SniffedFormat(FileFormat.EncryptedWorkbook, "a password-protected Office file");
        if (Has("Workbook") || Has("Book")) return new SniffedFormat(FileFormat.Xls, "a legacy Excel workbook");
        if (Has("WordDocument")) return new SniffedFormat(FileFormat.Other, "a Word document");
        return new SniffedFormat(FileFormat.Other, "an OLE2 compound file that is not a workbook");
    }

    private static SniffedFormat Zip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("xl/workbook.xml") is not null || zip.Entries.Any(e => e.FullName.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase)))
                return new SniffedFormat(FileFormat.Xlsx, "an Excel workbook");
            if (zip.GetEntry("word/document.xml") is not null) return new SniffedFormat(FileFormat.Other, "a Word document");
            return new SniffedFormat(FileFormat.Other, "a zip archive without a workbook");
        }
        catch (InvalidDataException)
        {
            // A truncated workbook keeps its zip signature: the workbook reader says what is wrong with it.
            return new SniffedFormat(FileFormat.Xlsx, "a damaged zip archive");
        }
    }
}
