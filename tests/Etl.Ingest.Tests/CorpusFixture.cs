using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>The default simulated corpus without patent exports (ingest reads no patents).</summary>
public sealed class IngestCorpus() : SimulatedCorpus(0.001, patents: false);

[CollectionDefinition("ingest corpus")]
public sealed class IngestCorpusCollection : ICollectionFixture<IngestCorpus>;
