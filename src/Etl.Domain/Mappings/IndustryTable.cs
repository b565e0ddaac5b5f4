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
/// The industries (<c>industries.csv</c>) and the IPC → industry concordance (<c>ipc_industry.csv</c>): each IPC
/// class (three characters, e.g. <c>A01</c>) maps to the NACE division that files the largest share of its
/// patents; where the technology concordance splits a class, a subclass (<c>H01B</c>) or a main group
/// (<c>A61K8</c>) has a row of its own, and a code takes the most specific row that covers it.
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

    /// <summary>The IPC classes the concordance covers (three characters; finer rows are not listed here).</summary>
    public IEnumerable<string> Classes => _byClass.Keys.Where(k => k.Length == 3).Order(StringComparer.Ordinal);

    /// <summary>The industry of IPC class <paramref name="ipcClass"/> (e.g. <c>A01</c>), or null when the concordance has none.</summary>
    public Industry? ForClass(string ipcClass) => _byClass.GetValueOrDefault(ipcClass);

    /// <summary>Every row of the concordance: class, subclass or main-group symbol and its industry.</summary>
    public IReadOnlyDictionary<string, Industry> Symbols => _byClass;

    /// <summary>The industry of a subclass (<c>H01B</c>): its own row, else its class's.</summary>
    public Industry? ForSubclass(string subclass) => _byClass.GetValueOrDefault(subclass) ?? ForClass(subclass[..3]);

    /// <summary>The industry of a code: the row of its main group (<c>A61K8</c>), else of its subclass, else of its class.</summary>
    public Industry? ForCode(Etl.Domain.Ipc.IpcCode code) =>
        _byClass.GetValueOrDefault(code.Subclass + code.MainGroup.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? ForSubclass(code.Subclass);

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
        foreach (var r in MappingCsv.Read(Path.Combine(directory, ConcordanceFileName), "ipc", "industry_code", "share", "level"))
        {
            var cls = r.Text("ipc");
            var level = r.Text("level");
            var valid = cls.Length >= 3 && cls[0] is >= 'A' and <= 'H' && char.IsAsciiDigit(cls[1]) && char.IsAsciiDigit(cls[2])
                        && (level, cls.Length) switch
                        {
                            ("class", 3) => true,
                            (var l, 4) when l.StartsWith("subclass", StringComparison.Ordinal) => char.IsAsciiLetterUpper(cls[3]),
                            (var l, > 4) when l.StartsWith("group", StringComparison.Ordinal) => char.IsAsciiLetterUpper(cls[3]) && cls[4..].All(char.IsAsciiDigit),
                            _ => false,
                        };
            if (!valid) throw r.Error($"'{cls}' is not an IPC {level.Split(' ')[0]}");
            var code = r.Text("industry_code");
            if (!industries.TryGetValue(code, out var industry)) throw r.Error($"unknown industry {code}");
            var share = r.Double("share");
            if (share is <= 0 or > 1) throw r.Error($"share {share} outside (0, 1]");
            if (!byClass.TryAdd(cls, industry)) throw r.Error($"duplicate IPC symbol {cls}");
        }
        return new IndustryTable(industries.Values.OrderBy(i => i.Code, StringComparer.Ordinal).ToList(), byClass);
    }
}
