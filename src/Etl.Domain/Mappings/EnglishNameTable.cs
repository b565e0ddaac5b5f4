namespace Etl.Domain.Mappings;

/// <summary>
/// The romanised name of every unit of the city table (<c>city_names_en.csv</c>: Hanyu Pinyin of the short name,
/// without tones, as the statistics bureaus' English pages write it): for exports and reports read abroad.
/// </summary>
public sealed class EnglishNameTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "city_names_en.csv";

    private readonly Dictionary<CityCode, string> _names;

    private EnglishNameTable(Dictionary<CityCode, string> names) => _names = names;

    /// <summary>The English name of <paramref name="code"/>.</summary>
    public string Of(CityCode code) => _names[code];

    /// <summary>Loads the table; every unit of <paramref name="cities"/> must have one name, and no other code may.</summary>
    public static EnglishNameTable Load(string directory, CityTable cities)
    {
        var names = new Dictionary<CityCode, string>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "code", "short_name", "name_en"))
        {
            var code = r.Code("code");
            if (cities.Find(code) is null) throw r.Error($"{code} is not a unit of {CityTable.FileName}");
            var name = r.Text("name_en");
            if (name.Length == 0 || name.Any(c => c > 127)) throw r.Error($"name_en '{name}' must be non-empty Latin text");
            if (!names.TryAdd(code, name)) throw r.Error($"duplicate code {code}");
        }
        if (cities.All.FirstOrDefault(c => !names.ContainsKey(c.Code)) is { } missing)
            throw new MappingValidationException(FileName, 0, $"no English name for {missing.Code} {missing.Name}");
        return new EnglishNameTable(names);
    }
}
