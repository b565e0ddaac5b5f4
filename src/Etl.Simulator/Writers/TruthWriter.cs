using Etl.Simulator.Calibration;
using System.Globalization;
using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Simulator.Publishing;
using Etl.Simulator.World;
using Etl.Simulator.Writers.Bulletins;
using Etl.Simulator.Writers.Patents;
using Etl.Simulator.Writers.Yearbook;

namespace Etl.Simulator.Writers;

/// <summary>
/// Writes the truth the pipeline never reads: the expected balanced panel (the warehouse panel's columns),
/// the dropped cities with their reasons, every printed source value, the patent aggregates, and the
/// expected read / loaded / excluded / quarantined counts per raw file.
/// </summary>
internal static class TruthWriter
{
    /// <summary>Columns of <c>panel.csv</c>, as the warehouse's panel view names them.</summary>
    public static readonly string[] PanelColumns =
        ["city_code", "year", "nq_rev", "nq_emp", "dig_real", "digital_patent", "human", "gdp", "pop", "ent_act", "ind3_share", "region", "hu_side"];

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static void Write(SimulatedCorpus corpus, string dir, List<YearbookCounts> yearbooks, BulletinCounts bulletins,
        (List<PatentFileTruth> Files, SortedDictionary<(int Unit, int Year), UnitYearTruth> Aggregates)? patents)
    {
        Directory.CreateDirectory(dir);
        var panel = corpus.World.Panel.OrderBy(u => u.City.Code.Value).ToList();
        MappingCsv.Write(Path.Combine(dir, "panel.csv"), PanelColumns, panel.SelectMany(u => Enumerable.Range(0, PanelYears.Count).Select(t =>
        {
            var row = corpus.PanelRows[u.Index];
            return (IReadOnlyList<string>)
            [
                u.City.Code.ToString(), I(PanelYears.First + t), R(row["nq_rev"][t]), R(row["nq_emp"][t]), R(row["dig_real"][t]),
                I((long)row["digital_patent"][t]), R(row["human"][t]), R(row["gdp"][t]), R(row["pop"][t]), R(row["ent_act"][t]),
                R(row["ind3_share"][t]), MappingNames.Name(u.City.Region), MappingNames.Name(u.City.HuSide),
            ];
        })));

        MappingCsv.Write(Path.Combine(dir, "dropped.csv"), ["city_code", "city_name", "reason", "detail"],
            corpus.World.Universe.Where(u => !u.InPanel).OrderBy(u => u.City.Code.Value).Select(u => (IReadOnlyList<string>)
                [u.City.Code.ToString(), u.City.Name, .. DropReason(corpus, u)]));

        var sources = corpus.Sources.Yearbook.Select(kv => (kv.Key, Source: "yearbook", kv.Value))
            .Concat(corpus.Sources.Bulletin.Where(kv => !corpus.Plans[(kv.Key.Unit, kv.Key.Year)].SeiAmbiguous || kv.Key.Variable != "nq_rev")
                .Select(kv => (kv.Key, Source: "bulletin", kv.Value)))
            .OrderBy(x => x.Key.Unit).ThenBy(x => x.Key.Year).ThenBy(x => x.Key.Variable, StringComparer.Ordinal).ThenBy(x => x.Source, StringComparer.Ordinal);
        MappingCsv.Write(Path.Combine(dir, "source_values.csv"), ["city_code", "year", "variable", "source", "number", "unit", "value"],
            sources.Select(x => (IReadOnlyList<string>)[I(x.Key.Unit), I(x.Key.Year), x.Key.Variable, x.Source,
                x.Value.Number.ToString(CultureInfo.InvariantCulture), x.Value.Unit, R(x.Value.Value)]));

        MappingCsv.Write(Path.Combine(dir, "yearbook_counts.csv"), ["file", "tables", "rows_read", "city_rows", "province_rows", "national_rows", "note_rows", "other_indicator_rows", "quarantined_rows", "facts"],
            yearbooks.Select(c => (IReadOnlyList<string>)[c.File, I(c.Tables), I(c.RowsRead), I(c.CityRows), I(c.ProvinceRows), I(c.NationalRows), I(c.NoteRows), I(c.OtherIndicatorRows), I(c.QuarantinedRows), I(c.Facts)]));
        MappingCsv.Write(Path.Combine(dir, "bulletin_counts.csv"), ["pages", "error_pages", "gb18030_pages", "full_width_pages", "facts", "ambiguous_revenue"],
            [[I(bulletins.Pages), I(bulletins.ErrorPages), I(bulletins.Gb18030Pages), I(bulletins.FullWidthPages), I(bulletins.Facts), I(bulletins.AmbiguousRevenue.Count)]]);
        MappingCsv.Write(Path.Combine(dir, "bulletin_files.csv"), ["file", "city_code", "year", "ambiguous_revenue"],
            bulletins.Files.Select(f => (IReadOnlyList<string>)[f.File, I(f.City), I(f.Year), bulletins.AmbiguousRevenue.Contains((f.City, f.Year)) ? "yes" : "no"]));

        if (patents is { } p)
        {
            MappingCsv.Write(Path.Combine(dir, "patent_counts.csv"), ["file", "outcome", "rule", "rows"],
                p.Files.OrderBy(f => f.File, StringComparer.Ordinal).SelectMany(f =>
                    new[] { (IReadOnlyList<string>)[f.File, "read", "", I(f.Rows)], [f.File, "loaded", "", I(f.Loaded)] }
                        .Concat(f.Excluded.Select(kv => (IReadOnlyList<string>)[f.File, "excluded", kv.Key, I(kv.Value)]))
                        .Concat(f.Quarantined.Select(kv => (IReadOnlyList<string>)[f.File, "quarantined", kv.Key, I(kv.Value)]))));
            MappingCsv.Write(Path.Combine(dir, "patent_aggregates.csv"),
                ["unit_code", "year", "inventions", "digital", "integrated", "real_only", "tech_ai", "tech_chips", "tech_quantum", "tech_iot", "tech_blockchain", "tech_industrial_internet", "tech_metaverse"],
                p.Aggregates.Select(kv => (IReadOnlyList<string>)[I(kv.Key.Unit), I(kv.Key.Year), I(kv.Value.Inventions), I(kv.Value.Digital), I(kv.Value.Integrated), I(kv.Value.RealOnly),
                    .. kv.Value.Technologies.Select(I)]));
            MappingCsv.Write(Path.Combine(dir, "patent_industries.csv"), ["unit_code", "year", "industry", "integrated", "real_only"],
                p.Aggregates.SelectMany(kv => kv.Value.Industries.Select(i => (IReadOnlyList<string>)[I(kv.Key.Unit), I(kv.Key.Year), i.Key, I(i.Value.Integrated), I(i.Value.RealOnly)])));
        }

        MappingCsv.Write(Path.Combine(dir, "index.csv"), ["unit_code", "year", "time", "industry", "region", "network", "dig_real"],
            corpus.Index.Values.Select(v => (IReadOnlyList<string>)[I(v.Unit), I(v.Year), R(v.Dimensions[0]), R(v.Dimensions[1]), R(v.Dimensions[2]), R(v.Dimensions[3]), R(v.Index)]));
        MappingCsv.Write(Path.Combine(dir, "index_weights.csv"), ["dimension", "min", "max", "entropy", "weight"],
            Enumerable.Range(0, 4).Select(j => (IReadOnlyList<string>)[World.TruthIndex.DimensionNames[j], R(corpus.Index.Min[j]), R(corpus.Index.Max[j]), R(corpus.Index.Entropy[j]), R(corpus.Index.Weights[j])]));

        File.WriteAllLines(Path.Combine(dir, "calibration.txt"), CalibrationTable.Lines(corpus.Calibration));
    }

    /// <summary>Why a city is not in the panel: the first dropping event, the incomplete window, or the key variables still missing.</summary>
    private static string[] DropReason(SimulatedCorpus corpus, SimUnit u)
    {
        if (u.DroppingEvent is { } e)
            return ["admin_event", $"{e.Type} {e.Year} {e.ApprovalDocument} ({e.EventId})"];
        if (u.FirstYear != PanelYears.First || u.LastYear != PanelYears.Last)
            return ["incomplete_window", $"exists {u.FirstYear}-{u.LastYear}"];
        var code = u.City.Code.Value;
        var missing = new List<string>();
        foreach (var v in new[] { "nq_rev", "nq_emp", "gdp", "ind3_share", "students", "pop", "new_entities" })
        {
            var s = corpus.Truth.Observed(code, v, PanelYears.First, PanelYears.Last);
            var years = Enumerable.Range(0, PanelYears.Count).Where(t => double.IsNaN(s[t])).Select(t => PanelYears.First + t).ToList();
            if (years.Count > 0) missing.Add($"{v} {string.Join(' ', years)}");
        }
        if (missing.Count == 0) throw new InvalidOperationException($"{u} is dropped for missing data but misses nothing");
        return ["missing_key_variable", string.Join("; ", missing)];
    }
}
