using Etl.Domain.Staging;
using Etl.Ingest;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>The default simulated corpus with its patent exports, at a scale the default suite affords.</summary>
public sealed class PatentCorpus : SimulatedCorpus
{
    public PatentCorpus() : base(0.002, patents: true) { }

    /// <summary>The exports in path order.</summary>
    public List<PatentFile> Files() =>
        RawFolder.List(Raw, SourceKind.Patents).Select(f => new PatentFile(f.FullPath, f.Relative, f.Hash(), f.Bytes)).ToList();
}

[CollectionDefinition("patent corpus")]
public sealed class PatentCorpusCollection : ICollectionFixture<PatentCorpus>;
