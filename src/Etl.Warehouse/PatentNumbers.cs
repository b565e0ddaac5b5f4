using System.Globalization;

namespace Etl.Warehouse;

/// <summary>
/// Application numbers as <c>patent_records.app_no</c> stores them: the digits as an integer. Twelve-digit numbers
/// (from 2003) start with the filing year, so they are at least 10^11; older eight-digit numbers are below 10^8
/// and keep their leading zeros when printed.
/// </summary>
public static class PatentNumbers
{
    /// <summary>The number as printed: twelve digits, or eight for numbers before 2003.</summary>
    public static string Format(long stored) =>
        stored >= 100_000_000_000L ? stored.ToString("D12", CultureInfo.InvariantCulture) : stored.ToString("D8", CultureInfo.InvariantCulture);
}
