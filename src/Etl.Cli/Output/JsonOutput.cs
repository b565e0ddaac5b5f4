using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Etl.Cli.Output;

/// <summary>
/// The one way a command prints JSON (<c>--json</c>): an object whose first field, <c>schema</c>, names the
/// document and its version (<c>etl.build/1</c>), then the payload's fields in snake_case, with numbers as
/// numbers, booleans as booleans and absent values as null. Chinese text is written as is. The schemas are
/// documented in JSON.md beside this folder; a field is only ever added within a version.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="payload"/> under <paramref name="schema"/> (e.g. "etl.diff/1").</summary>
    public static void Write<T>(TextWriter output, string schema, T payload)
    {
        var node = JsonSerializer.SerializeToNode(payload, s_options) as JsonObject
                   ?? throw new InvalidOperationException($"{schema}: the payload is not an object");
        var document = new JsonObject { ["schema"] = schema };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }
        output.WriteLine(document.ToJsonString(s_options));
    }
}
