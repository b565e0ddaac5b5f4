using System.Globalization;

namespace Etl.Domain;

/// <summary>A six-digit GB/T 2260 administrative division code (e.g. 440300 for Shenzhen).</summary>
public readonly record struct CityCode(int Value) : IComparable<CityCode>
{
    /// <summary>The two-digit province prefix times 10000 (e.g. 440000).</summary>
    public CityCode Province => new(Value / 10000 * 10000);

    /// <summary>The four-digit prefecture prefix times 100 (e.g. 440300 for 440305).</summary>
    public CityCode PrefecturePrefix => new(Value / 100 * 100);

    /// <summary>True for province-level codes (last four digits zero).</summary>
    public bool IsProvinceLevel => Value % 10000 == 0;

    /// <summary>True for prefecture-level codes (last two digits zero, not a province).</summary>
    public bool IsPrefectureLevel => Value % 100 == 0 && !IsProvinceLevel;

    /// <summary>True for county-level codes (last two digits non-zero).</summary>
    public bool IsCountyLevel => Value % 100 != 0;

    /// <summary>Parses exactly six ASCII digits.</summary>
    public static CityCode Parse(string text)
    {
        if (!TryParse(text, out var code))
            throw new FormatException($"'{text}' is not a six-digit division code");
        return code;
    }

    /// <summary>Parses exactly six ASCII digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CityCode code)
    {
        code = default;
        if (text.Length != 6) return false;
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        code = new CityCode(int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
        return code.Value >= 100000;
    }

    /// <inheritdoc />
    public int CompareTo(CityCode other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D6", CultureInfo.InvariantCulture);
}
