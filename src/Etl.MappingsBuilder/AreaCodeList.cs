using Etl.Domain;

namespace Etl.MappingsBuilder;

/// <summary>One year-end list of GB/T 2260 codes (county level and above), as published by the MCA.</summary>
internal sealed class AreaCodeList
{
    private static readonly HashSet<int> s_municipalities = [110000, 120000, 310000, 500000];

    private readonly Dictionary<int, string> _names = [];
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);

    public AreaCodeList(int year, IEnumerable<(int Code, string Name)> records)
    {
        Year = year;
        foreach (var (code, name) in records)
        {
            _names[code] = name;
            if (!_byName.TryGetValue(name, out var l)) _byName[name] = l = [];
            l.Add(code);
        }
    }

    public int Year { get; }

    public IEnumerable<int> Codes => _names.Keys.Order();

    public bool Contains(int code) => _names.ContainsKey(code);

    public string Name(int code) => _names[code];

    public IReadOnlyList<int> Named(string name) => _byName.TryGetValue(name, out var l) ? l : [];

    public static bool IsMunicipality(int code) => s_municipalities.Contains(code / 10000 * 10000);

    public static bool IsProvince(int code) => code % 10000 == 0;

    public static bool IsPrefecture(int code) => code % 100 == 0 && code % 10000 != 0;

    /// <summary>The record one level up: the prefecture for a county when it exists in this list, else the province.</summary>
    public int? Parent(int code)
    {
        if (code == 0 || IsProvince(code)) return null;
        if (IsPrefecture(code)) return code / 10000 * 10000;
        var pref = code / 100 * 100;
        return _names.ContainsKey(pref) ? pref : code / 10000 * 10000;
    }

    /// <summary>
    /// The prefecture-level unit a record belongs to: itself for prefectures, the municipality for its
    /// districts, null for county-level units administered directly by a province.
    /// </summary>
    public int? PrefectureOf(int code)
    {
        if (IsProvince(code)) return IsMunicipality(code) ? code : null;
        if (IsPrefecture(code)) return code;
        if (IsMunicipality(code)) return code / 10000 * 10000;
        var pref = code / 100 * 100;
        return _names.ContainsKey(pref) ? pref : null;
    }

    /// <summary>Children (direct descendants) of a prefecture or municipality.</summary>
    public IEnumerable<int> CountiesOf(int prefecture) =>
        Codes.Where(c => !IsProvince(c) && !IsPrefecture(c) && PrefectureOf(c) == prefecture);

    public static AreaCodeList Load(string path, int year)
    {
        var records = new List<(int, string)>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            var t = line.Trim('\uFEFF', ' ', '\t', '\r');
            if (t.Length == 0) continue;
            var space = t.IndexOf(' ');
            if (space != 6 || !CityCode.TryParse(t.AsSpan(0, 6), out var code))
                throw new InvalidDataException($"{Path.GetFileName(path)}:{lineNo}: expected '<6-digit code> <name>'");
            records.Add((code.Value, t[(space + 1)..].Trim()));
        }
        return new AreaCodeList(year, records);
    }
}
