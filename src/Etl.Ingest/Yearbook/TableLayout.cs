namespace Etl.Ingest.Yearbook;

/// <summary>
/// Where one statistical table sits on a sheet: its title rows, the stub column holding the city names,
/// the header rows, and the rows it owns below the header (up to the next table's title).
/// </summary>
internal sealed record TableLayout(int TitleStart, int HeaderStart, int DataStart, int End, int StubColumn, string Title, IReadOnlyList<HeaderColumn> Columns);
