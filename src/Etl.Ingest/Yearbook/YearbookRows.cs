using Etl.Domain.Places;
using Etl.Domain.Text;

namespace Etl.Ingest.Yearbook;

/// <summary>The rules every layout applies to a row's place label and to note rows.</summary>
internal static class YearbookRows
{
    /// <summary>
    /// What becomes of a row whose label resolved to <paramref name="place"/>: null for a city (loaded), else the
    /// rule that excludes it (national, regional, province rows) or the reason it is quarantined.
    /// </summary>
    public static (string Rule, string Detail, bool Quarantine)? Settle(Place place, string label, int year) => place.Kind switch
    {
        PlaceKind.City => null,
        PlaceKind.National => ("national_row", "", false),
        PlaceKind.Region => ("region_row", "", false),
        PlaceKind.Province => ("province_row", "", false),
        PlaceKind.County => ("county_level_unit", $"'{label}' is a county-level unit ({place.Note}), not a prefecture-level city", true),
        _ => ("unknown_city", $"'{label}' names no prefecture-level unit of {year}", true),
    };

    /// <summary>Whether a row starts a note block (注：, 说明, 资料来源, Note).</summary>
    public static bool IsNote(string text)
    {
        var t = TextNormalizer.RemoveWhitespace(TextNormalizer.Fold(text));
        return t.StartsWith('注') || t.StartsWith("说明", StringComparison.Ordinal) || t.StartsWith("资料来源", StringComparison.Ordinal)
               || t.StartsWith("数据来源", StringComparison.Ordinal) || t.StartsWith("Note", StringComparison.OrdinalIgnoreCase);
    }
}
