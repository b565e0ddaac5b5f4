using System.Globalization;

namespace Etl.Domain.Mappings;

/// <summary>One data row of a mapping table, with typed accessors that fail with file and line.</summary>
public sealed class MappingRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _values;

    internal MappingRow(string file, long line, IReadOnlyDictionary<string, int> columns, string[] values)
    {
        File = file;
        Line = line;
        _columns = columns;
        _values = values;
    }

    /// <summary>File name (without directory) the row came from.</summary>
    public string File { get; }

    /// <summary>1-based physical line of the row.</summary>
    public long Line { get; }

    /// <summary>The raw field of <paramref name="column"/>, trimmed.</summary>
    public string this[string column] => _values[_columns[column]].Trim();

    /// <summary>Throws a validation error located at this row.</summary>
    public MappingValidationException Error(string reason) => new(File, Line, reason);

    /// <summary>A required non-empty text field.</summary>
    public string Text(string column)
    {
        var v = this[column];
        if (v.Length == 0) throw Error($"column '{column}' is empty");
        return v;
    }

    /// <summary>An optional text field (null when empty).</summary>
    public string? OptionalText(string column)
    {
        var v = this[column];
        return v.Length == 0 ? null : v;
    }

    /// <summary>A required integer field.</summary>
    public int Int(string column)
    {
        var v = this[column];
        if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x))
            throw Error($"column '{column}' is not an integer: '{v}'");
        return x;
    }

    /// <summary>An optional integer field.</summary>
    public int? OptionalInt(string column) => this[column].Length == 0 ? null : Int(column);

    /// <summary>A required floating-point field (invariant culture).</summary>
    public double Double(string column)
    {
        var v = this[column];
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            throw Error($"column '{column}' is not a number: '{v}'");
        return x;
    }

    /// <summary>A required six-digit division code.</summary>
    public CityCode Code(string column)
    {
        var v = this[column];
        if (!CityCode.TryParse(v, out var c)) throw Error($"column '{column}' is not a six-digit code: '{v}'");
        return c;
    }

    /// <summary>An optional six-digit division code.</summary>
    public CityCode? OptionalCode(string column) => this[column].Length == 0 ? null : Code(column);

    /// <summary>A yes/no field.</summary>
    public bool Bool(string column) => this[column] switch
    {
        "yes" or "true" or "1" => true,
        "no" or "false" or "0" => false,
        var v => throw Error($"column '{column}' must be yes or no: '{v}'"),
    };
}
