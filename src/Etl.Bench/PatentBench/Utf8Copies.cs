using System.Text;
using Etl.Patents.Reading;

namespace Etl.Bench.PatentBench;

/// <summary>
/// UTF-8 copies of the GB18030 exports for DuckDB, whose CSV reader needs the <c>encodings</c> extension
/// (a download) for anything but UTF-8 and Latin-1. Written before any timing; a compressed export gets an
/// uncompressed copy.
/// </summary>
internal static class Utf8Copies
{
    /// <summary>Where the copy of an export lives under <paramref name="dir"/>.</summary>
    public static string PathOf(string dir, string relative) =>
        Path.Combine(dir, relative.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? relative[..^3] : relative);

    /// <summary>Copies every GB18030 export (two at a time); returns the number of files and the bytes written.</summary>
    public static (int Files, long Bytes) Write(IReadOnlyList<CorpusFile> files, string dir)
    {
        var gb = files.Where(f => ExportEncoding.Detect(f.FullPath)?.Name == "gb18030").ToList();
        long bytes = 0;
        Parallel.ForEach(gb, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            var target = PathOf(dir, f.Relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var input = new StreamReader(ExportEncoding.Open(f.FullPath), Encoding.GetEncoding("GB18030"), false, 1 << 20))
            using (var output = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20))
            {
                var buffer = new char[1 << 20];
                int n;
                while ((n = input.Read(buffer)) > 0) output.Write(buffer, 0, n);
            }
            Interlocked.Add(ref bytes, new FileInfo(target).Length);
        });
        return (gb.Count, bytes);
    }
}
