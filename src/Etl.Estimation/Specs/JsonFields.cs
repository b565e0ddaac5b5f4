using System.Text.Json;

namespace Etl.Estimation.Specs;

/// <summary>
/// Typed access to the fields of one JSON object of the specification, with errors that name the file,
/// the object (e.g. model 't1_4') and the field. Unknown fields are errors, so a typo never passes silently.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _obj;
    private readonly string _source;

    public JsonFields(JsonElement obj, string source, string where, params string[] allowed)
    {
        _source = source;
        Where = where;
        if (obj.ValueKind != JsonValueKind.Object) throw Error(null, $"expected an object, got {Kind(obj)}");
        _obj = obj;
        foreach (var p in obj.EnumerateObject())
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
                throw Error(p.Name, $"unknown field (allowed: {string.Join(", ", allowed)})");
    }

    /// <summary>The object's description in messages.</summary>
    public string Where { get; }

    public InvalidDataException Error(string? field, string message) =>
        new($"{_source}: {Where}{(field is null ? "" : $", field '{field}'")}: {message}");

    public bool Has(string field) => _obj.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement Element(string field) =>
        _obj.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw Error(field, "missing");

    public string String(string field) => Element(field) is var v && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
        ? s : throw Error(field, $"expected a non-empty string, got {Kind(v)}");

    public string? OptionalString(string field) => Has(field) ? String(field) : null;

    public string String(string field, string fallback) => Has(field) ? String(field) : fallback;

    public bool Bool(string field, bool fallback) => !Has(field) ? fallback
        : Element(field) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : throw Error(field, $"expected true or false, got {Kind(Element(field))}");

    public int Int(string field, int fallback, int min, int max)
    {
        if (!Has(field)) return fallback;
        var v = Element(field);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i)) throw Error(field, $"expected an integer, got {Kind(v)}");
        if (i < min || i > max) throw Error(field, $"must lie in [{min}, {max}], got {i}");
        return i;
    }

    public double Double(string field, double fallback, double minExclusive, double maxExclusive)
    {
        if (!Has(field)) return fallback;
        var v = Element(field);
        if (v.ValueKind != JsonValueKind.Number) throw Error(field, $"expected a number, got {Kind(v)}");
        var d = v.GetDouble();
        if (!(d > minExclusive && d < maxExclusive)) throw Error(field, FormattableString.Invariant($"must lie strictly between {minExclusive} and {maxExclusive}, got {d}"));
        return d;
    }

    public IReadOnlyList<string> Strings(string field, bool required = false)
    {
        if (!Has(field)) return required ? throw Error(field, "missing") : [];
        var v = Element(field);
        if (v.ValueKind != JsonValueKind.Array) throw Error(field, $"expected an array of strings, got {Kind(v)}");
        var result = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } s) throw Error(field, $"expected non-empty strings, got {Kind(item)}");
            result.Add(s);
        }
        return result;
    }

    public IEnumerable<JsonElement> Array(string field, bool required)
    {
        if (!Has(field)) return required ? throw Error(field, "missing") : [];
        var v = Element(field);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw Error(field, $"expected an array, got {Kind(v)}");
    }

    public IEnumerable<JsonProperty> Properties(string field)
    {
        if (!Has(field)) return [];
        var v = Element(field);
        return v.ValueKind == JsonValueKind.Object ? v.EnumerateObject().ToList() : throw Error(field, $"expected an object, got {Kind(v)}");
    }

    public static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };
}
