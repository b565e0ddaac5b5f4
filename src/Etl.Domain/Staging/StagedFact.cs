namespace Etl.Domain.Staging;

/// <summary>
/// One value read from a source, before reconciliation: city, data year, catalogue variable, value in the
/// catalogue unit, and what the source printed (text and unit), with where exactly it was printed.
/// </summary>
/// <param name="City">Prefecture-level code the source's label resolved to.</param>
/// <param name="Year">Data year (a yearbook edition reports the year before).</param>
/// <param name="Variable">Catalogue variable (<c>mappings/variables.csv</c>).</param>
/// <param name="Value">Value in the catalogue unit.</param>
/// <param name="RawText">The number exactly as printed (cell text or the matched characters).</param>
/// <param name="RawUnit">The unit as printed (万元, 亿元, %, ...).</param>
/// <param name="Source">Source kind.</param>
/// <param name="File">Path of the file, relative to the raw root, with forward slashes.</param>
/// <param name="Locator">Where in the file: <c>sheet 'S'!C17</c> for a cell, an element path and character span for a page.</param>
/// <param name="Context">What an auditor needs to read the value: the column header path, or the sentence.</param>
public sealed record StagedFact(
    CityCode City,
    int Year,
    string Variable,
    double Value,
    string RawText,
    string RawUnit,
    SourceKind Source,
    string File,
    string Locator,
    string Context);
