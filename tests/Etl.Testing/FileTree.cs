namespace Etl.Testing;

/// <summary>Copies of folders for tests that change files: a test edits its own copy, never the shared corpus.</summary>
public static class FileTree
{
    /// <summary>
    /// Copies every file under <paramref name="from"/> (those whose '/'-separated relative path <paramref name="keep"/>
    /// accepts) to the same relative path under <paramref name="to"/>, with its modification time, so a build sees the
    /// copy as the files it already read.
    /// </summary>
    public static void Copy(string from, string to, Func<string, bool>? keep = null)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, f).Replace('\\', '/');
            if (keep is not null && !keep(relative)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(f));
        }
    }
}
