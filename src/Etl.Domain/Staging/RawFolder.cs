using System.Globalization;
using System.Security.Cryptography;
using Etl.Domain.Staging;

namespace Etl.Ingest;

/// <summary>A raw file found under the raw root.</summary>
/// <param name="Kind">Source kind, from the top-level folder.</param>
/// <param name="FullPath">Absolute path.</param>
/// <param name="Relative">Path relative to the raw root, forward slashes (how every table refers to it).</param>
/// <param name="Bytes">Size.</param>
/// <param name="Edition">For yearbooks, the edition year named by the folder under <c>yearbook/</c>, else 0.</param>
public sealed record RawFile(SourceKind Kind, string FullPath, string Relative, long Bytes, int Edition)
{
    /// <summary>SHA-256 of the file (lower-case hex), read in one streaming pass.</summary>
    public string Hash()
    {
        using var s = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}

/// <summary>
/// The layout contract of the raw folder (the only one: file names are free): <c>yearbook/&lt;edition
/// year&gt;/</c> any .xls/.xlsx, <c>bulletins/</c> any tree of .html/.htm, <c>patents/</c> any tree of
/// .csv/.csv.gz. Files are listed in ordinal path order, so every run sees them in the same order.
/// </summary>
public static class RawFolder
{
    /// <summary>Files of one kind under <paramref name="root"/>; a missing folder yields none.</summary>
    public static List<RawFile> List(string root, SourceKind kind)
    {
        var (folder, patterns) = kind switch
        {
            SourceKind.Yearbook => ("yearbook", new[] { ".xls", ".xlsx" }),
            SourceKind.Bulletin => ("bulletins", new[] { ".html", ".htm" }),
            _ => ("patents", new[] { ".csv", ".csv.gz" }),
        };
        var dir = Path.Combine(root, folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => patterns.Any(p => f.EndsWith(p, StringComparison.OrdinalIgnoreCase)))
            .Select(f => new RawFile(kind, f, Path.GetRelativePath(root, f).Replace('\\', '/'), new FileInfo(f).Length, EditionOf(kind, root, f)))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Files under the kind's folder that no reader takes (a stray .txt, a .pdf): reported, never read.</summary>
    public static List<string> Unsupported(string root)
    {
        var result = new List<string>();
        foreach (var (folder, ok) in new[] { ("yearbook", new[] { ".xls", ".xlsx" }), ("bulletins", [".html", ".htm"]), ("patents", [".csv", ".csv.gz"]) })
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            result.AddRange(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !ok.Any(p => f.EndsWith(p, StringComparison.OrdinalIgnoreCase)))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')));
        }
        return result.Order(StringComparer.Ordinal).ToList();
    }

    private static int EditionOf(SourceKind kind, string root, string file)
    {
        if (kind != SourceKind.Yearbook) return 0;
        var first = Path.GetRelativePath(Path.Combine(root, "yearbook"), file).Replace('\\', '/').Split('/')[0];
        return first.Length == 4 && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1985 and <= 2100 ? y : 0;
    }
}
