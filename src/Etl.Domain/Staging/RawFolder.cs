using System.Globalization;

namespace Etl.Domain.Staging;

/// <summary>A raw file found under the raw root.</summary>
/// <param name="Kind">Source kind, from the top-level folder (<see cref="SourceKind.Other"/> outside them).</param>
/// <param name="FullPath">Absolute path.</param>
/// <param name="Relative">Path relative to the raw root, forward slashes (how every table refers to it).</param>
/// <param name="Bytes">Size.</param>
/// <param name="Edition">For yearbooks, the edition year named by the folder under <c>yearbook/</c>, else 0.</param>
/// <param name="Format">What the bytes are (<see cref="FileFormats.Sniff"/>), whatever the name says.</param>
public sealed record RawFile(SourceKind Kind, string FullPath, string Relative, long Bytes, int Edition, SniffedFormat Format)
{
    /// <summary>SHA-256 of the file (lower-case hex), read in one streaming pass.</summary>
    public string Hash() => FileHash.Sha256(FullPath);

    /// <summary>
    /// Why no reader takes this file, or null when one does: the formats each kind reads are fixed here, so
    /// every file the folder holds is either read or settled by a named reason. System files (.DS_Store,
    /// Thumbs.db, Office lock files ~$...) are excluded by rule; everything else that cannot be read is
    /// quarantined, so a build that skips it says so.
    /// </summary>
    public (string Reason, string Detail, bool Quarantine)? Admission()
    {
        var name = Path.GetFileName(Relative);
        if (FetchProvenance.IsFetchFile(Relative))
            return (FetchProvenance.Rule, "the fetch's own records and partial downloads (provenance.json is loaded into fetch_provenance)", false);
        if (name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal) || name is "Thumbs.db" or "desktop.ini")
            return ("system_file", "a file the operating system or an editor keeps beside documents", false);
        var f = Format.Format;
        if (f == FileFormat.Empty) return ("empty_file", "the file holds no bytes", true);
        if (Kind == SourceKind.Other)
            return ("outside_source_folders", $"{Format.Description} outside yearbook/, bulletins/ and patents/, where no reader looks", true);
        if (f == FileFormat.EncryptedWorkbook)
            return ("encrypted_workbook", "the workbook is password-protected; save an unprotected copy to read it", true);
        var readable = Kind switch
        {
            SourceKind.Yearbook => f is FileFormat.Xls or FileFormat.Xlsx or FileFormat.Html or FileFormat.Text,
            SourceKind.Bulletin => f is FileFormat.Html or FileFormat.Text,
            _ => f is FileFormat.Text or FileFormat.Gzip or FileFormat.Xlsx or FileFormat.Xls,
        };
        return readable ? null : ("unsupported_format", $"{Format.Description}, which no {SourceKinds.Name(Kind)} reader takes", true);
    }
}

/// <summary>
/// The layout contract of the raw folder (the only one: file names and extensions are free):
/// <c>yearbook/</c> (workbooks or tables, in <c>&lt;edition year&gt;/</c> folders when the tables do not name
/// their year), <c>bulletins/</c> (pages, any tree), <c>patents/</c> (exports, any tree). Every file under the
/// root is listed, whatever its name, with its format sniffed from its bytes, so that none is skipped
/// without a word; files are listed in ordinal path order, so every run sees them in the same order.
/// </summary>
public static class RawFolder
{
    /// <summary>The folder of each kind under the raw root.</summary>
    public static string FolderOf(SourceKind kind) => kind switch
    {
        SourceKind.Yearbook => "yearbook",
        SourceKind.Bulletin => "bulletins",
        SourceKind.Patents => "patents",
        _ => "",
    };

    /// <summary>Every file under <paramref name="root"/>, of every kind, except the folder's own README.</summary>
    public static List<RawFile> List(string root) =>
        !Directory.Exists(root) ? [] : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Describe(root, f))
            .Where(f => f.Relative is not ("README.md" or "README" or "README.txt"))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

    /// <summary>Files of one kind under <paramref name="root"/>; a missing folder yields none.</summary>
    public static List<RawFile> List(string root, SourceKind kind)
    {
        var dir = Path.Combine(root, FolderOf(kind));
        if (kind == SourceKind.Other || !Directory.Exists(dir)) return kind == SourceKind.Other ? List(root).Where(f => f.Kind == kind).ToList() : [];
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Describe(root, f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The raw file at <paramref name="path"/> (under <paramref name="root"/>): kind, edition and format.</summary>
    public static RawFile Describe(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        var top = relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = top switch
        {
            "yearbook" => SourceKind.Yearbook,
            "bulletins" => SourceKind.Bulletin,
            "patents" => SourceKind.Patents,
            _ => SourceKind.Other,
        };
        return new RawFile(kind, path, relative, new FileInfo(path).Length, EditionOf(kind, relative), FileFormats.Sniff(path));
    }

    /// <summary>The edition year of a yearbook file: its first folder under <c>yearbook/</c> when that is a year.</summary>
    private static int EditionOf(SourceKind kind, string relative)
    {
        if (kind != SourceKind.Yearbook) return 0;
        var parts = relative.Split('/');
        if (parts.Length < 3) return 0;
        var first = parts[1];
        return first.Length == 4 && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1985 and <= 2100 ? y : 0;
    }
}
