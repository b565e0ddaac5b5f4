using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Places;
using Etl.Domain.Staging;
using Etl.Ingest.Bulletins;
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
/// Runs the yearbook and bulletin parsers over the files of a raw folder, on as many cores as allowed, and
/// settles every file no parser takes (an unsupported format, a file outside the source folders) with a
/// named reason, so that no file is skipped without a word. Each file is parsed on its own, so one bad file
/// never stops the others; results come back in the ordinal order of the file paths, whatever order the
/// threads finished in.
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

    /// <summary>Parses the given files (each hashed on the thread that parses it).</summary>
    public IngestResult Run(IReadOnlyList<RawFile> files, int threads = 2) => Run(files.Select(f => (f, (string?)null)).ToList(), threads);

    /// <summary>Parses the given files; a null hash is computed on the thread that parses the file; each file done advances <paramref name="progress"/> by one.</summary>
    public IngestResult Run(IReadOnlyList<(RawFile File, string? Sha256)> files, int threads = 2, IWorkProgress? progress = null)
    {
        var results = new ParsedFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            results[i] = ParseOne(files[i].File, files[i].Sha256 ?? files[i].File.Hash());
            progress?.Advance(1);
        });
        return new IngestResult(results);
    }

    /// <summary>Parses one file, or rejects it with the reason no parser takes it.</summary>
    public ParsedFile ParseOne(RawFile file) => ParseOne(file, file.Hash());

    /// <summary>Parses one file whose hash is known.</summary>
    public ParsedFile ParseOne(RawFile file, string sha256)
    {
        if (Rejected(file, sha256) is { } rejected) return rejected;
        return file.Kind switch
        {
            SourceKind.Bulletin => _bulletins.Parse(file, sha256),
            SourceKind.Yearbook => _yearbooks.Parse(file, sha256),
            _ => throw new ArgumentException($"{file.Relative}: patent exports are read by the patent stage"),
        };
    }

    /// <summary>
    /// The rejection of a file no reader takes (see <see cref="RawFile.Admission"/>), as a parsed file with one
    /// item; null when a reader takes it.
    /// </summary>
    public static ParsedFile? Rejected(RawFile file, string sha256)
    {
        if (file.Admission() is not { } refusal) return null;
        var parsed = new ParsedFile(new FileOutcome(file.Kind, file.Relative, sha256, file.Bytes) { Encoding = file.Format.Description });
        return parsed.Reject(refusal.Reason, refusal.Detail, refusal.Quarantine);
    }
}
