using System.Globalization;
using Etl.Domain.Staging;
using Etl.Fetch;

namespace Etl.Simulator.Serving;

/// <summary>
/// The sources manifest of a simulated corpus (<c>sources.csv</c> in the truth folder): one entry per file, its
/// address relative to wherever the corpus is served (<see cref="CorpusServer"/>, <c>etl fetch --base-url</c>).
/// No hashes: the fetch demo checks the result by the panel it builds.
/// </summary>
public static class SourcesManifestWriter
{
    /// <summary>Writes the manifest of the corpus under <paramref name="raw"/> to <paramref name="path"/>.</summary>
    public static int Write(string raw, string path)
    {
        var entries = RawFolder.List(raw).Where(f => f.Kind != SourceKind.Other && !FetchProvenance.IsFetchFile(f.Relative))
            .Select((f, i) => new SourceEntry(
                $"{SourceKinds.Name(f.Kind)}-{i.ToString("D5", CultureInfo.InvariantCulture)}", f.Kind, "", null,
                string.Join('/', f.Relative.Split('/').Select(Uri.EscapeDataString)), SourceManifest.MediaTypeOf(f.Relative), null, f.Relative))
            .ToList();
        SourceManifest.Write(path, entries);
        return entries.Count;
    }
}
