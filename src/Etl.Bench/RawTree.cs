namespace Etl.Bench;

/// <summary>
/// A scratch copy of a raw folder made of symbolic links, so that a national corpus (about 9 GB) is copied at no
/// cost in disk or time. A file a benchmark is about to change is detached first, replaced by a real copy, so the
/// raw folder it was given is never written.
/// </summary>
internal static class RawTree
{
    /// <summary>Links every file of <paramref name="raw"/> (or those whose relative path <paramref name="include"/> accepts) under <paramref name="target"/>.</summary>
    public static void Link(string raw, string target, Func<string, bool>? include = null)
    {
        foreach (var file in Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(raw, file).Replace('\\', '/');
            if (include is not null && !include(relative)) continue;
            var link = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.GetFullPath(file));
        }
    }

    /// <summary>Replaces the link at <paramref name="path"/> by a copy of the file it points to.</summary>
    public static void Detach(string path)
    {
        if (new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is not { } source) return;
        File.Delete(path);
        File.Copy(source.FullName, path);
    }
}
