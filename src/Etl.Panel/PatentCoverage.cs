using System.Globalization;
using Etl.Domain;

namespace Etl.Panel;

/// <summary>
/// Which panel years the patent exports cover. A city-year without applications counts zero digital patents
/// only where the exports cover that year: with no exports at all, or a year the exports barely reach (an
/// export of that year missing: a few applications filed that year turn up in other years' exports), the patent
/// variables of the year are missing, never zero. A year is covered when its located invention applications
/// reach <see cref="MinShareOfMedian"/> of the median of the years that have any.
/// </summary>
/// <param name="Years">The covered years.</param>
/// <param name="Notes">One sentence per year that is not covered, with its count and the median.</param>
public sealed record PatentCoverage(IReadOnlySet<int> Years, IReadOnlyList<string> Notes)
{
    /// <summary>Share of the median year's count below which a year counts as not covered.</summary>
    public const double MinShareOfMedian = 0.1;

    /// <summary>The coverage of the exports, from the located applications per year and the number of exports read.</summary>
    public static PatentCoverage Of(IReadOnlyDictionary<int, long> locatedByYear, int exportsRead)
    {
        if (exportsRead == 0)
            return new PatentCoverage(new HashSet<int>(), ["no patent export was read: digital_patent and dig_real are missing in every year"]);
        var counts = PanelYears.All.Select(y => locatedByYear.GetValueOrDefault(y)).ToList();
        var positive = counts.Where(n => n > 0).Order().ToList();
        var median = positive.Count == 0 ? 0 : positive[positive.Count / 2];
        var years = new HashSet<int>();
        var notes = new List<string>();
        foreach (var y in PanelYears.All)
        {
            var n = locatedByYear.GetValueOrDefault(y);
            if (median > 0 && n >= MinShareOfMedian * median) years.Add(y);
            else
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the patent exports cover {y} with {n} located invention applications against a median of {median} a year: its digital_patent and dig_real are missing, not zero"));
        }
        return new PatentCoverage(years, notes);
    }
}
