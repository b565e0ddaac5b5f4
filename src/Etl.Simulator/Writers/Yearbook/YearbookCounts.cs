namespace Etl.Simulator.Writers.Yearbook;

/// <summary>What a correct parser finds in one yearbook file (the truth of the ingest reconciliation).</summary>
internal sealed class YearbookCounts
{
    public required string File { get; init; }
    public int Tables { get; set; }
    public int CityRows { get; set; }
    public int ProvinceRows { get; set; }
    public int NationalRows { get; set; }
    public int NoteRows { get; set; }

    /// <summary>Rows of indicators the catalogue does not hold, in a table with indicators as rows.</summary>
    public int OtherIndicatorRows { get; set; }
    public int QuarantinedRows { get; set; }
    public int Facts { get; set; }

    /// <summary>
    /// Non-empty rows below the table headers: every one is loaded (a city's row, or a catalogue indicator's row
    /// of a city's own table), skipped by a rule, or quarantined.
    /// </summary>
    public int RowsRead => CityRows + ProvinceRows + NationalRows + NoteRows + OtherIndicatorRows + QuarantinedRows;
}
