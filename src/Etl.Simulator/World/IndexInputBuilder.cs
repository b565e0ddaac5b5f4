using System.Collections.Concurrent;
using Etl.Domain;

namespace Etl.Simulator.World;

/// <summary>
/// Plans the integrated and real-only records of every unit-year (the content that the index depends on)
/// and aggregates them exactly as the index definition reads them.
/// </summary>
internal static class IndexInputBuilder
{
    public static (Dictionary<(int Unit, int Year), PlannedAggregate> Aggregates, Dictionary<int, PlannedNational> National) Build(
        IReadOnlyDictionary<(int Unit, int Year), CategoryCounts> counts, RecordPlanner planner, int threads)
    {
        var aggregates = new ConcurrentDictionary<(int, int), PlannedAggregate>();
        var digitalSubclasses = new ConcurrentDictionary<(int Year, string Subclass), byte>();
        var realSubclasses = new ConcurrentDictionary<(int Year, string Subclass), byte>();
        Parallel.ForEach(counts.OrderBy(kv => kv.Key.Unit).ThenBy(kv => kv.Key.Year), new ParallelOptions { MaxDegreeOfParallelism = threads }, kv =>
        {
            var ((unit, year), c) = (kv.Key, kv.Value);
            var industries = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var pairs = new HashSet<(string, string)>();
            for (long k = 0; k < c.Integrated; k++)
            {
                var r = planner.Plan(unit, year, k, RecordCategory.Integrated);
                foreach (var i in r.Industries) industries[i] = industries.GetValueOrDefault(i) + 1;
                foreach (var ds in r.DigitalSubclasses)
                {
                    digitalSubclasses.TryAdd((year, ds), 0);
                    foreach (var rs in r.RealSubclasses) pairs.Add((ds, rs));
                }
                foreach (var rs in r.RealSubclasses) realSubclasses.TryAdd((year, rs), 0);
            }
            aggregates[(unit, year)] = new PlannedAggregate(c.Integrated, c.RealOnly, industries, pairs.Count);
        });
        var national = PanelYears.All.ToDictionary(y => y, y => new PlannedNational(
            counts.Where(kv => kv.Key.Year == y).Sum(kv => kv.Value.Integrated),
            counts.Where(kv => kv.Key.Year == y).Sum(kv => kv.Value.RealOnly),
            digitalSubclasses.Keys.Count(k => k.Year == y),
            realSubclasses.Keys.Count(k => k.Year == y)));
        return (new Dictionary<(int, int), PlannedAggregate>(aggregates), national);
    }
}
