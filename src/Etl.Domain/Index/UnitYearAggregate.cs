namespace Etl.Domain.Index;

/// <summary>
/// What the index needs of one unit-year: integrated (digital-real) and real-only invention
/// applications, how many integrated applications touch each real industry, and the number of distinct
/// (digital subclass, real subclass) pairs among its integrated applications.
/// </summary>
public sealed record UnitYearAggregate(
    CityCode Unit,
    int Year,
    long Integrated,
    long RealOnly,
    IReadOnlyDictionary<string, long> IndustryTouches,
    long NetworkEdges);

/// <summary>National figures of one year, over every located domestic application.</summary>
/// <param name="Year">The year.</param>
/// <param name="Integrated">All integrated applications.</param>
/// <param name="RealOnly">All real-only applications.</param>
/// <param name="DigitalSubclasses">Distinct digital subclasses among integrated applications.</param>
/// <param name="RealSubclasses">Distinct real subclasses among integrated applications.</param>
public sealed record NationalYear(int Year, long Integrated, long RealOnly, int DigitalSubclasses, int RealSubclasses);
