using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Domain.Units;
using Etl.Ingest.Numbers;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// Stages one cell of a yearbook table, whatever the layout: a number in a convertible unit becomes a fact in
/// the catalogue unit; blank, …, — are missing (counted, never zero); anything else is quarantined with its
/// cell. <c>ValuesRead = Facts + MissingValues + Σ rejected values</c> holds by construction.
/// </summary>
internal sealed class YearbookValues(VariableCatalogue variables)
{
    /// <summary>Stages the cell at (<paramref name="row"/>, <paramref name="col"/>).</summary>
    /// <param name="result">The file's result.</param>
    /// <param name="sheet">The sheet.</param>
    /// <param name="row">Row of the cell.</param>
    /// <param name="col">Column of the cell.</param>
    /// <param name="city">City the value belongs to.</param>
    /// <param name="year">Data year.</param>
    /// <param name="variable">Catalogue variable.</param>
    /// <param name="unit">Printed unit (null when the table names none).</param>
    /// <param name="label">Row label and column, for messages.</param>
    /// <param name="context">What an auditor reads beside the value (year evidence, table, row, column).</param>
    public void Stage(ParsedFile result, SheetCells sheet, int row, int col, CityCode city, int year, string variable, string? unit,
        string label, string context)
    {
        var outcome = result.Outcome;
        var printed = PrintedNumber.FromCell(sheet.Value(row, col));
        outcome.ValuesRead++;
        var locator = sheet.Locator(row, col);
        if (printed.Kind == PrintedKind.Missing)
        {
            outcome.MissingValues++;
            return;
        }
        if (printed.Kind == PrintedKind.Invalid)
        {
            Reject(result, locator, "unparsable_value", $"'{printed.Text}' for {label} is not a number");
            return;
        }
        var catalogue = variables.Get(variable);
        if (unit is null || UnitConverter.Factor(catalogue.Unit, unit) is not { } factor)
        {
            Reject(result, locator, "unit_not_convertible",
                $"{label}: {(unit is null ? "the table names no unit" : $"unit {unit} does not convert to {catalogue.Unit}")}");
            return;
        }
        outcome.Facts++;
        var note = printed.Footnote ? "; footnote mark removed" : "";
        result.Facts.Add(new StagedFact(city, year, catalogue.Name, (double)(printed.Value * factor), printed.Text, unit, SourceKind.Yearbook,
            outcome.File, locator, context + note));
    }

    private static void Reject(ParsedFile result, string locator, string reason, string detail)
    {
        result.Outcome.RejectValue(reason);
        result.Quarantine.Add(new QuarantineItem(SourceKind.Yearbook, result.Outcome.File, locator, reason, detail));
    }
}
