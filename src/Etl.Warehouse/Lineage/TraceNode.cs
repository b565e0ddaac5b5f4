using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Warehouse.Lineage;

/// <summary>One step of a lineage chain: what it is, its attributes, and the steps it came from.</summary>
public sealed class TraceNode(string kind, string title)
{
    /// <summary>What the step is: fact, staged_fact, source_file, interpolation, patents, index, event, ...</summary>
    public string Kind { get; } = kind;

    /// <summary>One line for people.</summary>
    public string Title { get; } = title;

    /// <summary>Attributes in insertion order (values are strings, numbers, booleans, lists of strings or null).</summary>
    public List<(string Name, object? Value)> Attributes { get; } = [];

    /// <summary>The steps this one came from.</summary>
    public List<TraceNode> Inputs { get; } = [];

    /// <summary>Adds an attribute and returns the node.</summary>
    public TraceNode With(string name, object? value)
    {
        Attributes.Add((name, value));
        return this;
    }

    /// <summary>Adds an input and returns the node.</summary>
    public TraceNode From(TraceNode input)
    {
        Inputs.Add(input);
        return this;
    }

    /// <summary>The chain as indented text.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int depth)
    {
        var pad = new string(' ', depth * 2);
        sb.Append(pad).Append(depth == 0 ? "" : "<- ").Append(Title).Append('\n');
        foreach (var (name, value) in Attributes)
            sb.Append(pad).Append("   ").Append(name).Append(": ").Append(Format(value)).Append('\n');
        foreach (var i in Inputs) i.Write(sb, depth + 1);
    }

    private static string Format(object? v) => v switch
    {
        null => "-",
        bool b => b ? "yes" : "no",
        IEnumerable<string> list => string.Join(", ", list),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>
    /// The chain as a JSON document (schema etl.trace/1, src/Etl.Cli/JSON.md): the root's attributes as typed
    /// top-level fields, then its kind, title and inputs; every input a node of kind, title, typed attributes
    /// and inputs.
    /// </summary>
    public string ToJson()
    {
        var root = new JsonObject { ["schema"] = "etl.trace/1" };
        foreach (var (name, value) in Attributes) root[name] = Json(value);
        root["kind"] = Kind;
        root["title"] = Title;
        root["inputs"] = new JsonArray([.. Inputs.Select(i => (JsonNode)i.ToNode())]);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private JsonObject ToNode()
    {
        var attributes = new JsonObject();
        foreach (var (name, value) in Attributes) attributes[name] = Json(value);
        return new JsonObject
        {
            ["kind"] = Kind,
            ["title"] = Title,
            ["attributes"] = attributes,
            ["inputs"] = new JsonArray([.. Inputs.Select(i => (JsonNode)i.ToNode())]),
        };
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string t => JsonValue.Create(t),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double => null,
        bool b => JsonValue.Create(b),
        IEnumerable<string> list => new JsonArray([.. list.Select(x => (JsonNode?)JsonValue.Create(x))]),
        _ => JsonValue.Create(Format(value)),
    };
}
