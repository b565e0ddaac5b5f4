using System.Globalization;
using Etl.Domain.Staging;
using Etl.Ingest;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>A raw file with its content hash.</summary>
internal sealed record InventoryFile(RawFile File, string Sha256, string ModifiedUtc);

/// <summary>
/// The raw files of a build with their SHA-256. A file whose size and modification time are those the
/// previous warehouse recorded keeps its recorded hash unread (as make and git do); any other file is
/// hashed, so a file touched without a change hashes the same and triggers nothing.
/// </summary>
internal static class RawInventory
{
    public static List<InventoryFile> Build(string raw, SqliteConnection? previous, int threads)
    {
        var known = new Dictionary<string, (long Bytes, string Modified, string Sha)>(StringComparer.Ordinal);
        if (previous is not null)
            foreach (var r in Sql.Query(previous, "SELECT path, bytes, modified_utc, sha256 FROM source_files"))
                known[r.GetString(0)] = (r.GetInt64(1), r.GetString(2), r.GetString(3));
        // Every file under the raw root, of every kind and format: what no reader takes is settled by name, never skipped.
        var files = RawFolder.List(raw);
        var result = new InventoryFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var f = files[i];
            var modified = File.GetLastWriteTimeUtc(f.FullPath).ToString("O", CultureInfo.InvariantCulture);
            var sha = known.TryGetValue(f.Relative, out var k) && k.Bytes == f.Bytes && k.Modified == modified ? k.Sha : f.Hash();
            result[i] = new InventoryFile(f, sha, modified);
        });
        return [.. result];
    }
}
