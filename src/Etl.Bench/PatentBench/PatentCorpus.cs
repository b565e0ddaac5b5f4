using System.Buffers.Binary;
using Etl.Domain.Staging;
using Etl.Ingest;
using Etl.Patents;

namespace Etl.Bench.PatentBench;

/// <summary>An export of the benchmark corpus with its size on disk and its size once decompressed.</summary>
internal sealed record CorpusFile(string FullPath, string Relative, long Bytes, long UncompressedBytes)
{
    public bool Gzip => FullPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The patent exports under a raw folder, listed the way the pipeline lists them.</summary>
internal static class PatentCorpus
{
    public static List<CorpusFile> List(string raw) =>
        RawFolder.List(raw, SourceKind.Patents).Select(f => new CorpusFile(f.FullPath, f.Relative, f.Bytes, Uncompressed(f.FullPath, f.Bytes))).ToList();

    /// <summary>The stage's input; the hash is not needed to run the stage, and hashing 8 GB is not part of it.</summary>
    public static List<PatentFile> StageFiles(IEnumerable<CorpusFile> files) => files.Select(f => new PatentFile(f.FullPath, f.Relative, "", f.Bytes)).ToList();

    /// <summary>
    /// Reads every file once, so that every variant then finds the corpus in the page cache. Two readers,
    /// because one core cannot reach the page cache's bandwidth on its own.
    /// </summary>
    public static void Warm(IReadOnlyList<string> files)
    {
        var next = -1;
        void Read()
        {
            var buffer = new byte[1 << 20];
            for (var i = Interlocked.Increment(ref next); i < files.Count; i = Interlocked.Increment(ref next))
            {
                using var s = new FileStream(files[i], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                while (s.Read(buffer) > 0) { }
            }
        }
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(Read)).ToList();
        readers.ForEach(t => t.Start());
        readers.ForEach(t => t.Join());
    }

    /// <summary>
    /// The decompressed size of a .gz file from its trailer (ISIZE: the size modulo 2^32 of a single-member
    /// file), which costs one seek instead of a decompression; exact for exports under 4 GiB, as the simulated
    /// ones are (a few hundred MB each). The size on disk for any other file.
    /// </summary>
    private static long Uncompressed(string path, long bytes)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || bytes < 18) return bytes;
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        s.Seek(-4, SeekOrigin.End);
        Span<byte> trailer = stackalloc byte[4];
        s.ReadExactly(trailer);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }
}
