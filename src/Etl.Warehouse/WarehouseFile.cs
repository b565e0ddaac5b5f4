using Microsoft.Data.Sqlite;

namespace Etl.Warehouse;

/// <summary>
/// The atomic life of a warehouse file: a build holds <c>etl.db.lock</c> exclusively (a second build fails
/// at once), writes <c>etl.db.tmp-PID</c>, checks it (<c>PRAGMA integrity_check</c>), and renames it over
/// <c>etl.db</c>, which on one file system replaces the old file in one step. A build killed at any moment
/// leaves the old warehouse as it was and a temporary file that the next build deletes.
/// </summary>
internal sealed class WarehouseFile : IDisposable
{
    private readonly FileStream _lock;

    private WarehouseFile(string path, FileStream lockStream)
    {
        Path = path;
        _lock = lockStream;
        TempPath = $"{path}.tmp-{Environment.ProcessId}";
    }

    /// <summary>The published warehouse.</summary>
    public string Path { get; }

    /// <summary>The file being written.</summary>
    public string TempPath { get; }

    /// <summary>
    /// Takes the lock and removes what killed builds left behind. Refuses a path that holds something other
    /// than a warehouse of this tool (see <see cref="WarehouseIdentity"/>), a folder that cannot be written, and
    /// a lock another build holds (naming its process).
    /// </summary>
    public static WarehouseFile Acquire(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        WarehouseIdentity.EnsureReplaceable(full);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BuildException($"the warehouse folder {dir} cannot be created: {e.Message}", e);
        }
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BuildException($"the warehouse folder {dir} is not writable: {e.Message}", e);
        }
        catch (IOException e) when (File.Exists(full + ".lock") && Owner(full) is { } owner)
        {
            throw new BuildException($"another build ({owner}) holds {full}.lock; wait for it to finish", e);
        }
        catch (IOException e)
        {
            throw new BuildException(File.Exists(full + ".lock")
                ? $"another build holds {full}.lock; wait for it to finish"
                : $"the warehouse folder {dir} is not writable: {e.Message}", e);
        }
        try
        {
            File.WriteAllText(full + ".lock.owner", $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
            foreach (var stale in Directory.EnumerateFiles(dir, System.IO.Path.GetFileName(full) + ".tmp-*")) File.Delete(stale);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockStream.Dispose();
            throw new BuildException($"the warehouse folder {dir} is not writable: {e.Message}", e);
        }
        return new WarehouseFile(full, lockStream);
    }

    /// <summary>Who holds the lock, as the holder wrote it beside the lock file, or null.</summary>
    private static string? Owner(string full)
    {
        try
        {
            return File.Exists(full + ".lock.owner") ? File.ReadAllText(full + ".lock.owner").Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where a build that cannot stand (no file read, an empty panel, a strict build with rejects) is kept for inspection.</summary>
    public string FailedPath => Path + ".failed";

    /// <summary>
    /// Keeps the finished temporary file as <see cref="FailedPath"/> (replacing an earlier failed build) and
    /// leaves the published warehouse as it was.
    /// </summary>
    public void SetAside()
    {
        // An earlier failed build of ours is replaced; a file of that name that is not a warehouse is not.
        WarehouseIdentity.EnsureReplaceable(FailedPath, "the failed-build path");
        using (var c = Sql.Open(TempPath)) Sql.Execute(c, "PRAGMA journal_mode = DELETE");
        SqliteConnection.ClearAllPools();
        File.Move(TempPath, FailedPath, overwrite: true);
    }

    /// <summary>Checks the temporary file and renames it over the warehouse.</summary>
    public void Publish()
    {
        using (var c = Sql.Open(TempPath))
        {
            var check = Sql.Scalar(c, "PRAGMA integrity_check") as string;
            if (check != "ok") throw new BuildException($"the new warehouse fails its integrity check: {check}");
            Sql.Execute(c, "PRAGMA journal_mode = DELETE");
        }
        SqliteConnection.ClearAllPools();
        // The file was written without a journal or syncs (the rename is what makes it atomic): force its data to
        // disk before the rename, so that a crash of the machine cannot leave the new name on old blocks.
        using (var f = new FileStream(TempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) f.Flush(flushToDisk: true);
        foreach (var sidecar in new[] { "-journal", "-wal", "-shm" })
            if (File.Exists(Path + sidecar)) File.Delete(Path + sidecar);
        File.Move(TempPath, Path, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (File.Exists(TempPath)) File.Delete(TempPath);
        if (File.Exists(Path + ".lock.owner")) File.Delete(Path + ".lock.owner");
        _lock.Dispose();
    }

    /// <summary>
    /// The file change counter of the SQLite file at <paramref name="path"/> (header bytes 24-27), which every
    /// committed write transaction increments; -1 when there is no file. A build compares it before publishing,
    /// so results an estimate wrote into the old file meanwhile are not silently replaced.
    /// </summary>
    public static long ChangeCounter(string path)
    {
        if (!File.Exists(path)) return -1;
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[28];
        if (f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) return -1;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24, 4));
    }
}
