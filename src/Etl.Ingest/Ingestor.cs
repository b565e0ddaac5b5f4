using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Ingest.Bulletins;
using Etl.Ingest.Places;
using Etl.Ingest.Yearbook;

namespace Etl.Ingest;

/// <summary>All that ingest made of a raw folder, in file order.</summary>
public sealed record IngestResult(IReadOnlyList<ParsedFile> Files)
{
    /// <summary>Every staged fact.</summary>
    public IEnumerable<StagedFact> Facts => Files.SelectMany(f => f.Facts);

    /// <summary>Every quarantined item.</summary>
    public IEnumerable<QuarantineItem> Quarantine => Files.SelectMany(f => f.Quarantine);
}

/// <summary>
/// Runs the yearbook and bulletin parsers over the files of a raw folder, on as many cores as allowed.
/// Each file is parsed on its own, so one bad file never stops the others; results come back in the
/// ordinal order of the file paths, whatever order the threads finished in.
/// </summary>
public sealed class Ingestor
{
    private readonly YearbookParser _yearbooks;
    private readonly BulletinParser _bulletins;

    /// <summary>Creates the parsers over the mapping tables.</summary>
    public Ingestor(MappingSet mappings)
    {
        var places = new PlaceResolver(mappings);
        _yearbooks = new YearbookParser(mappings, places);
        _bulletins = new BulletinParser(mappings, places);
    }

    /// <summary>Parses the given files (yearbooks and bulletins).</summary>
    public IngestResult Run(IReadOnlyList<RawFile> files, int threads = 2)
    {
        var results = new ParsedFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i => results[i] = ParseOne(files[i]));
        return new IngestResult(results);
    }

    /// <summary>Parses one file.</summary>
    public ParsedFile ParseOne(RawFile file)
    {
        var hash = file.Hash();
        if (file.Kind == SourceKind.Bulletin) return _bulletins.Parse(file.FullPath, file.Relative, hash, file.Bytes);
        if (file.Kind != SourceKind.Yearbook) throw new ArgumentException($"{file.Relative} is not a yearbook or bulletin file");
        if (file.Edition == 0)
        {
            var outcome = new FileOutcome(SourceKind.Yearbook, file.Relative, hash, file.Bytes) { Read = 1, Rejection = "no_edition_folder" };
            outcome.Quarantine("no_edition_folder");
            var rejected = new ParsedFile(outcome);
            rejected.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, file.Relative, "", "no_edition_folder",
                "yearbook files sit in yearbook/<edition year>/; this one does not, so its data year is unknown"));
            return rejected;
        }
        return _yearbooks.Parse(file.FullPath, file.Relative, file.Edition, hash, file.Bytes);
    }
}
