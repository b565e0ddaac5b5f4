using Etl.Domain;
using Etl.Domain.Index;

namespace Etl.Patents.Aggregation;

/// <summary>Located invention applications of one unit and year, as the patent stage counts them.</summary>
public sealed class UnitYearCounts
{
    internal UnitYearCounts(int industries)
    {
        IndustryIntegrated = new long[industries];
        IndustryRealOnly = new long[industries];
    }

    /// <summary>All located invention applications.</summary>
    public long Inventions { get; internal set; }

    /// <summary>Digital applications (in a confirmed KDT branch): the panel's digital_patent.</summary>
    public long Digital { get; internal set; }

    /// <summary>Digital applications that also carry a real-economy code.</summary>
    public long Integrated { get; internal set; }

    /// <summary>Applications with a real-economy code and no digital code.</summary>
    public long RealOnly { get; internal set; }

    /// <summary>Digital applications per KDT technology (1-7 at indices 0-6; an application may count in several).</summary>
    public long[] Technologies { get; } = new long[7];

    /// <summary>Integrated applications touching each real-economy industry (by industry index).</summary>
    public long[] IndustryIntegrated { get; }

    /// <summary>Real-only applications touching each real-economy industry.</summary>
    public long[] IndustryRealOnly { get; }

    /// <summary>
    /// Distinct (digital subclass, real subclass) pairs found together on an integrated application, each as
    /// <see cref="Pair"/>. The set starts at 8 slots: most unit-years have a few hundred pairs, and a unit-year with
    /// none costs almost nothing.
    /// </summary>
    internal NonZeroSet<int> Pairs { get; } = new(0);

    /// <summary>A pair as <see cref="Pairs"/> keeps it: subclass numbers (below 20,800, so 15 bits) side by side, plus one, since the set holds no zero.</summary>
    internal static int Pair(int digitalSubclass, int realSubclass) => ((digitalSubclass << 16) | realSubclass) + 1;

    /// <summary>Number of distinct pairs: the co-classification network's edges.</summary>
    public long NetworkEdges => Pairs.Count;
}

/// <summary>National figures of one year over every located domestic invention application.</summary>
public sealed class NationalCounts
{
    /// <summary>All located applications.</summary>
    public long Located { get; internal set; }

    /// <summary>Integrated applications.</summary>
    public long Integrated { get; internal set; }

    /// <summary>Real-only applications.</summary>
    public long RealOnly { get; internal set; }

    internal HashSet<int> DigitalSubclasses { get; } = [];

    internal HashSet<int> RealSubclasses { get; } = [];

    /// <summary>Distinct digital subclasses among integrated applications.</summary>
    public int DigitalSubclassCount => DigitalSubclasses.Count;

    /// <summary>Distinct real subclasses among integrated applications.</summary>
    public int RealSubclassCount => RealSubclasses.Count;
}

/// <summary>Everything the patent stage counted, keyed by unit code and year.</summary>
public sealed class PatentAggregates
{
    internal PatentAggregates(string[] industries) => Industries = industries;

    /// <summary>Real-economy industry codes by industry index.</summary>
    public string[] Industries { get; }

    /// <summary>Counts of every unit-year with at least one located application.</summary>
    public SortedDictionary<(int Unit, int Year), UnitYearCounts> Units { get; } = [];

    /// <summary>National counts per year.</summary>
    public SortedDictionary<int, NationalCounts> National { get; } = [];

    /// <summary>The inputs of the integration index, in the domain's terms.</summary>
    public (Dictionary<(CityCode, int), UnitYearAggregate> Units, Dictionary<int, NationalYear> National) IndexInputs()
    {
        var units = new Dictionary<(CityCode, int), UnitYearAggregate>();
        foreach (var ((unit, year), c) in Units)
        {
            var touches = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < Industries.Length; i++)
                if (c.IndustryIntegrated[i] > 0) touches[Industries[i]] = c.IndustryIntegrated[i];
            units[(new CityCode(unit), year)] = new UnitYearAggregate(new CityCode(unit), year, c.Integrated, c.RealOnly, touches, c.NetworkEdges);
        }
        var national = PanelYears.All.ToDictionary(y => y, y => National.TryGetValue(y, out var n)
            ? new NationalYear(y, n.Integrated, n.RealOnly, n.DigitalSubclassCount, n.RealSubclassCount)
            : new NationalYear(y, 0, 0, 0, 0));
        return (units, national);
    }
}
