using System.Globalization;
using System.Text;
using Etl.Domain;
using Etl.Domain.Mappings;

namespace Etl.MappingsBuilder;

/// <summary>
/// Regenerates the derived tables under <c>mappings/</c> from the reference folder (GB/T 2260 code
/// history, 2016 division centres, CNIPA KDT 2023, Fraunhofer concordance). Curated tables (variables,
/// source precedence, sample policy, IPC reclassification) are not touched.
/// </summary>
public static class MappingsBuilder
{
    /// <summary>The tables this builder writes.</summary>
    public static readonly IReadOnlyList<string> DerivedFiles =
    [
        ProvinceTable.FileName, CityTable.FileName, CityTable.AliasFileName, CountyTable.FileName, AdminEventTable.FileName,
        CodeSuccessionTable.FileName, KdtTable.BranchFileName, KdtTable.PatternFileName, IndustryTable.IndustryFileName,
        IndustryTable.ConcordanceFileName, IpcSubclassTable.FileName,
    ];

    /// <summary>Name of the generated derivation report.</summary>
    public const string ReportFileName = "DERIVATION.md";

    /// <summary>Writes every derived table and the report; returns the report text.</summary>
    public static string Build(string referenceDirectory, string outputDirectory, int firstYear = PanelYears.First, int lastYear = PanelYears.Last)
    {
        Directory.CreateDirectory(outputDirectory);
        var historyDir = Path.Combine(referenceDirectory, "gbt2260_history");
        var lists = new Dictionary<int, AreaCodeList>();
        for (var y = firstYear - 1; y <= lastYear; y++)
            lists[y] = AreaCodeList.Load(Path.Combine(historyDir, "data", $"{y}.txt"), y);

        var history = AdminHistoryDeriver.Derive(lists, Path.Combine(historyDir, "diff"), firstYear, lastYear);
        var centres = LoadCentres(Path.Combine(referenceDirectory, "adcode_2016_divisions_with_centers.csv"));
        var cityTables = CityDeriver.Derive(lists, firstYear - 1, lastYear, centres, history.Successions);
        var kdt = KdtDeriver.Derive(Path.Combine(referenceDirectory, "cnipa_key_digital_tech_2023", "key_digital_tech_ipc_2023.csv"));
        var concordances = Path.Combine(referenceDirectory, "ipc_technology_concordance");
        var industries = IndustryDeriver.Derive(Path.Combine(concordances, "fraunhofer_nace2_ipc3_concordance_long.csv"),
            Path.Combine(concordances, "fraunhofer_nace2_wipo35_concordance_long.csv"), Path.Combine(concordances, "wipo35_ipc_subclass_concordance.csv"));
        var subclasses = IpcSubclassDeriver.Derive(Path.Combine(referenceDirectory, "ipc_technology_concordance", "wipo35_ipc_subclass_concordance.csv"));

        string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        void Write(string file, string[] header, IEnumerable<string[]> rows) => MappingCsv.Write(Path.Combine(outputDirectory, file), header, rows);

        Write(ProvinceTable.FileName, ["code", "name", "short_name", "region", "region4"],
            cityTables.Provinces.Select(p => new[] { p.Code.ToString(), p.Name, p.ShortName, MappingNames.Name(p.Region), MappingNames.Name(p.Region4) }));
        Write(CityTable.FileName, ["code", "name", "short_name", "kind", "province_code", "province", "region", "region4", "valid_from", "valid_to", "lon", "lat", "hu_side", "coord_note"],
            cityTables.Cities.Select(c => new[]
            {
                c.Code.ToString(), c.Name, c.ShortName, MappingNames.Name(c.Kind), c.ProvinceCode.ToString(), c.ProvinceName,
                MappingNames.Name(c.Region), MappingNames.Name(c.Region4), I(c.ValidFrom), I(c.ValidTo), F(c.Longitude), F(c.Latitude),
                MappingNames.Name(c.HuSide), c.CoordinateNote,
            }));
        Write(CityTable.AliasFileName, ["alias", "code", "valid_from", "valid_to", "kind"],
            cityTables.Aliases.Select(a => new[] { a.Alias, a.Code.ToString(), I(a.ValidFrom), I(a.ValidTo), a.Kind }));
        Write(CountyTable.FileName, ["code", "name", "prefecture_code", "province_code", "valid_from", "valid_to"],
            cityTables.Counties.Select(c => new[] { c.Code.ToString(), c.Name, c.PrefectureCode?.ToString() ?? "", c.ProvinceCode.ToString(), I(c.ValidFrom), I(c.ValidTo) }));
        Write(AdminEventTable.FileName, ["event_id", "year", "approval_date", "type", "subject_code", "subject_name", "counterpart_code", "counterpart_name", "prefectures", "approval_document", "title"],
            history.Events.Select(e => new[]
            {
                e.EventId, I(e.Year), e.ApprovalDate, e.Type, e.SubjectCode.ToString(), e.SubjectName, e.CounterpartCode?.ToString() ?? "",
                e.CounterpartName, string.Join(";", e.Prefectures), e.ApprovalDocument, e.Title,
            }));
        Write(CodeSuccessionTable.FileName, ["year", "old_code", "old_name", "new_code", "new_name", "relation"],
            history.Successions.DistinctBy(s => (s.Year, s.OldCode, s.NewCode))
                .OrderBy(s => s.Year).ThenBy(s => s.OldCode.Value).ThenBy(s => s.NewCode.Value)
                .Select(s => new[] { I(s.Year), s.OldCode.ToString(), s.OldName, s.NewCode.ToString(), s.NewName, s.Whole ? "whole" : "part" }));
        Write(KdtTable.BranchFileName, ["branch_id", "technology_id", "technology", "branch_no", "branch_name", "depth", "keywords"], kdt.Branches);
        Write(KdtTable.PatternFileName, ["branch_id", "ipc_pattern"], kdt.Patterns);
        Write(IndustryTable.IndustryFileName, ["industry_code", "label", "sector"], industries.Industries);
        Write(IndustryTable.ConcordanceFileName, ["ipc", "industry_code", "share", "level"], industries.Concordance);
        Write(IpcSubclassTable.FileName, ["subclass", "wipo_field", "wipo_field_name", "note"], subclasses);

        var report = Report(cityTables, history, kdt, industries);
        File.WriteAllText(Path.Combine(outputDirectory, ReportFileName), report, new UTF8Encoding(false));
        return report;
    }

    private static Dictionary<int, (double Lon, double Lat)> LoadCentres(string path)
    {
        var centres = new Dictionary<int, (double, double)>();
        foreach (var r in ReferenceCsv.Read(path))
        {
            if (r["longitude_gcj02"].Length == 0 || r["virtual"] == "t") continue;
            var code = int.Parse(r["adcode6"], CultureInfo.InvariantCulture);
            centres.TryAdd(code, (double.Parse(r["longitude_gcj02"], CultureInfo.InvariantCulture), double.Parse(r["latitude_gcj02"], CultureInfo.InvariantCulture)));
        }
        return centres;
    }

    private static string Report(CityTables cities, AdminHistory history, KdtRows kdt, IndustryRows industries)
    {
        var sb = new StringBuilder();
        void L(string s = "") => sb.Append(s).Append('\n');
        L("# Derivation report");
        L();
        L("Generated by `etl mappings derive`; do not edit. It lists what the derivation decided, so a change in the");
        L("reference material shows up here in review.");
        L();
        L("## Counts");
        L();
        L($"- provinces: {cities.Provinces.Count}");
        L($"- prefecture-level units and municipalities: {cities.Cities.Count} (panel universe: {cities.Cities.Count(c => c.IsPanelUniverse)})");
        L($"- aliases: {cities.Aliases.Count}");
        L($"- county-level records: {cities.Counties.Count}");
        L($"- administrative events: {history.Events.Count}");
        foreach (var g in history.Events.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal)) L($"  - {g.Key}: {g.Count()}");
        L($"- code successions: {history.Successions.Count}");
        L($"- KDT branches: {kdt.Branches.Count}, branch patterns: {kdt.Patterns.Count}");
        L($"- industries: {industries.Industries.Count}, IPC classes mapped: {industries.Concordance.Count(r => r[3] == "class")}, finer rows: {industries.Concordance.Count(r => r[3] != "class")}");
        L();
        L("## Units south-east / north-west of the Hu line (great circle)");
        L();
        L($"- north-west: {string.Join("、", cities.Cities.Where(c => c.HuSide == HuSide.Northwest).Select(c => c.Name))}");
        L();
        L("## Coordinates taken from a related unit");
        L();
        foreach (var c in cities.Cities.Where(c => c.CoordinateNote.Length > 0)) L($"- {c.Code} {c.Name}: {c.CoordinateNote}");
        L();
        L("## Notes");
        L();
        foreach (var n in cities.Notes.Concat(history.Notes).Concat(kdt.Notes)) L($"- {n}");
        L();
        L("## IPC classes the technology concordance splits");
        L();
        foreach (var n in industries.Notes) L($"- {n}");
        return sb.ToString();
    }
}
