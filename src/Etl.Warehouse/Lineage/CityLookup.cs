using Microsoft.Data.Sqlite;

namespace Etl.Warehouse.Lineage;

/// <summary>Finds a city in the warehouse by code, Chinese name or any alias (深圳, 深圳市, 440300, 襄樊).</summary>
internal static class CityLookup
{
    public static (string Code, string Name) Find(SqliteConnection c, string text)
    {
        var t = text.Trim();
        var matches = Sql.Query(c, """
                SELECT DISTINCT ct.city_code, ct.name FROM cities ct
                WHERE ct.city_code = $t OR ct.name = $t OR ct.short_name = $t
                   OR ct.city_code IN (SELECT city_code FROM city_aliases WHERE alias = $t)
                ORDER BY ct.panel_universe DESC, ct.valid_to DESC, ct.city_code
                """, ("$t", t)).Select(r => (r.GetString(0), r.GetString(1))).ToList();
        return matches.Count switch
        {
            0 => throw new BuildException($"no city in the warehouse answers to '{t}' (code, name or alias)"),
            1 => matches[0],
            _ => matches.Count(m => m.Item1 == matches[0].Item1) == matches.Count ? matches[0]
                : throw new BuildException($"'{t}' names several units: {string.Join(", ", matches.Select(m => $"{m.Item1} {m.Item2}"))}; give the code"),
        };
    }
}
