namespace Etl.Domain.Mappings;

/// <summary>Whether an industry belongs to the real economy, the digital economy, or neither.</summary>
public enum IndustrySector
{
    /// <summary>Agriculture, mining, manufacturing (except computers and electronics), utilities, construction, transport.</summary>
    Real,

    /// <summary>Computers and electronics manufacturing, publishing of software, telecoms, IT services.</summary>
    Digital,

    /// <summary>Other services (finance, research, trade, ...).</summary>
    Other,
}

/// <summary>A NACE Rev.2 division used as the industry of an IPC class.</summary>
public sealed record Industry(string Code, string Label, IndustrySector Sector);

/// <summary>
/// The industries (<c>industries.csv</c>) and the IPC class → industry concordance (<c>ipc_industry.csv</c>):
/// each IPC class (three characters, e.g. <c>A01</c>) maps to the NACE division that files the largest
/// share of its patents.
/// </summary>
public sealed class IndustryTable
{
    /// <summary>Industry file name.</summary>
    public const string IndustryFileName = "industries.csv";

    /// <summary>Concordance file name.</summary>
    public const string ConcordanceFileName = "ipc_industry.csv";

    private readonly Dictionary<string, Industry> _byClass;

    private IndustryTable(List<Industry> industries, Dictionary<string, Industry> byClass)
    {
        Industries = industries;
        _byClass = byClass;
    }

    /// <summary>All industries in code order.</summary>
    public IReadOnlyList<Industry> Industries { get; }

    /// <summary>The IPC classes the concordance covers.</summary>
    public IEnumerable<string> Classes => _byClass.Keys.Order(StringComparer.Ordinal);

    /// <summary>The industry of IPC class <paramref name="ipcClass"/> (e.g. <c>A01</c>), or null when the concordance has none.</summary>
    public Industry? ForClass(string ipcClass) => _byClass.GetValueOrDefault(ipcClass);

    /// <summary>Loads and validates both files.</summary>
    public static IndustryTable Load(string directory)
    {
        var industries = new Dictionary<string, Industry>(StringComparer.Ordinal);
        foreach (var r in MappingCsv.Read(Path.Combine(directory, IndustryFileName), "industry_code", "label", "sector"))
        {
            var code = r.Text("industry_code");
            if (code.Length != 2 || !code.All(char.IsAsciiDigit)) throw r.Error($"industry code '{code}' is not a two-digit NACE division");
            var sector = r.Text("sector") switch
            {
                "real" => IndustrySector.Real, "digital" => IndustrySector.Digital, "other" => IndustrySector.Other,
                var v => throw r.Error($"unknown sector '{v}'"),
            };
            if (!industries.TryAdd(code, new Industry(code, r.Text("label"), sector))) throw r.Error($"duplicate industry {code}");
        }
        var byClass = new Dictionary<string, Industry>(StringComparer.Ordinal);
        foreach (var r in MappingCsv.Read(Path.Combine(directory, ConcordanceFileName), "ipc_class", "industry_code", "share"))
        {
            var cls = r.Text("ipc_class");
            if (cls.Length != 3 || cls[0] is < 'A' or > 'H' || !char.IsAsciiDigit(cls[1]) || !char.IsAsciiDigit(cls[2]))
                throw r.Error($"'{cls}' is not an IPC class");
            var code = r.Text("industry_code");
            if (!industries.TryGetValue(code, out var industry)) throw r.Error($"unknown industry {code}");
            var share = r.Double("share");
            if (share is <= 0 or > 1) throw r.Error($"share {share} outside (0, 1]");
            if (!byClass.TryAdd(cls, industry)) throw r.Error($"duplicate IPC class {cls}");
        }
        return new IndustryTable(industries.Values.OrderBy(i => i.Code, StringComparer.Ordinal).ToList(), byClass);
    }
}
