using System.Globalization;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Provenance;
using Etl.Domain.Staging;
using Etl.Panel;
using Microsoft.Data.Sqlite;
using Etl.Warehouse;

namespace Etl.Pipeline;

/// <summary>Reads staged facts back from the warehouse and writes the assembly's facts, lineage and panel.</summary>
internal static class PanelTables
{
    /// <summary>Staged facts in staged_id order (file path order, then position in the file).</summary>
    public static List<StagedFact> ReadStaged(SqliteConnection c)
    {
        var list = new List<StagedFact>();
        foreach (var r in Sql.Query(c, """
                     SELECT f.city_code, f.year, f.variable, f.value, f.raw_text, f.raw_unit, s.kind, s.path, f.locator, f.context
                     FROM staged_facts f JOIN source_files s ON s.file_id = f.file_id ORDER BY f.staged_id
                     """))
            list.Add(new StagedFact(CityCode.Parse(r.GetString(0)), r.GetInt32(1), r.GetString(2), r.GetDouble(3), r.GetString(4), r.GetString(5),
                r.GetString(6) == "yearbook" ? SourceKind.Yearbook : SourceKind.Bulletin, r.GetString(7), r.GetString(8), r.GetString(9)));
        return list;
    }

    /// <summary>Writes facts, their inputs, conflicts, dropped cities and the panel.</summary>
    public static void Write(SqliteConnection c, SqliteTransaction tx, MappingSet m, PanelAssembly a, IReadOnlyList<StagedFact> staged)
    {
        // Staged facts were inserted in order, so the n-th (0-based) has staged_id n + 1.
        static long StagedId(int index) => index + 1;
        using (var facts = new BulkInsert(c, tx, "facts", "city_code", "year", "variable", "value", "method", "source", "note"))
        using (var inputs = new BulkInsert(c, tx, "fact_inputs", "city_code", "year", "variable", "seq", "kind", "ref", "detail"))
            foreach (var f in a.Facts)
            {
                facts.Add(f.City.ToString(), f.Year, f.Variable, f.Value, f.Method, f.Source, f.Note);
                for (var i = 0; i < f.Inputs.Count; i++)
                {
                    var input = f.Inputs[i];
                    var reference = input.Kind == "staged" ? StagedId(int.Parse(input.Ref, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture) : input.Ref;
                    inputs.Add(f.City.ToString(), f.Year, f.Variable, i, input.Kind, reference, input.Detail);
                }
            }
        using (var ins = new BulkInsert(c, tx, "source_conflicts", "city_code", "year", "variable", "kept_staged_id", "other_staged_id", "kept_source", "kept_value",
                   "other_source", "other_value", "relative_difference"))
            foreach (var x in a.Conflicts)
                ins.Add(x.City.ToString(), x.Year, x.Variable, StagedId(x.Kept), StagedId(x.Other), SourceKinds.Name(staged[x.Kept].Source), staged[x.Kept].Value,
                    SourceKinds.Name(staged[x.Other].Source), staged[x.Other].Value, x.RelativeDifference);
        using (var ins = new BulkInsert(c, tx, "dropped_cities", "city_code", "reason", "event_id", "detail"))
            foreach (var d in a.Dropped) ins.Add(d.City.ToString(), d.Reason, d.EventId, d.Detail);

        WritePanel(c, tx, m, a, "panel");
    }

    /// <summary>Writes the assembly's balanced panel into <paramref name="table"/> (the main panel or a variant's).</summary>
    public static void WritePanel(SqliteConnection c, SqliteTransaction tx, MappingSet m, PanelAssembly a, string table)
    {
        var columns = WarehouseSchema.PanelColumns(m.Variables).Select(x => x.Name).ToArray();
        using var panel = new BulkInsert(c, tx, table, columns);
        foreach (var row in a.Panel)
        {
            var city = m.Cities.Get(row.City);
            panel.Add([
                row.City.ToString(), row.Year, .. a.PanelVariables.Select(v => (object?)row.Values[v]),
                MappingNames.Name(city.Region), MappingNames.Name(city.HuSide), MappingNames.Name(city.Region4), city.Name, city.ProvinceName,
            ]);
        }
    }

    /// <summary>A panel table's content hash as stored, under the one definition the estimation also uses.</summary>
    public static string Hash(SqliteConnection c, string table = "panel")
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = TableHash.PanelQuery(Sql.Quote(table));
        using var reader = cmd.ExecuteReader();
        return TableHash.Of(reader);
    }
}
