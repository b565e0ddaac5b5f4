namespace Etl.Domain.Mappings;

/// <summary>A province-level unit with its regional classification.</summary>
public sealed record ProvinceRecord(CityCode Code, string Name, string ShortName, Region Region, Region4 Region4);

/// <summary>The province table (<c>provinces.csv</c>).</summary>
public sealed class ProvinceTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "provinces.csv";

    private readonly Dictionary<CityCode, ProvinceRecord> _byCode;

    private ProvinceTable(List<ProvinceRecord> rows)
    {
        All = rows;
        _byCode = rows.ToDictionary(r => r.Code);
    }

    /// <summary>All provinces in code order.</summary>
    public IReadOnlyList<ProvinceRecord> All { get; }

    /// <summary>Looks a province up by its code (xx0000).</summary>
    public ProvinceRecord? Find(CityCode code) => _byCode.GetValueOrDefault(code.Province);

    /// <summary>Loads and validates the table.</summary>
    public static ProvinceTable Load(string directory)
    {
        var rows = new List<ProvinceRecord>();
        var seen = new HashSet<CityCode>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "code", "name", "short_name", "region", "region4"))
        {
            var code = r.Code("code");
            if (!code.IsProvinceLevel) throw r.Error($"{code} is not a province-level code");
            if (!seen.Add(code)) throw r.Error($"duplicate province code {code}");
            if (!MappingNames.TryParseRegion(r.Text("region"), out var region)) throw r.Error($"unknown region '{r["region"]}'");
            if (!MappingNames.TryParseRegion4(r.Text("region4"), out var region4)) throw r.Error($"unknown region4 '{r["region4"]}'");
            rows.Add(new ProvinceRecord(code, r.Text("name"), r.Text("short_name"), region, region4));
        }
        return new ProvinceTable(rows);
    }
}
