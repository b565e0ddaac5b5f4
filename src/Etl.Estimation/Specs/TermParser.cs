using System.Globalization;

namespace Etl.Estimation.Specs;

/// <summary>Parses the text form of a <see cref="TermExpression"/>: <c>name</c> or <c>f(expr[, number]*)</c>.</summary>
public static class TermParser
{
    private static readonly Dictionary<string, (TransformKind Kind, int Arguments)> s_functions = new(StringComparer.Ordinal)
    {
        ["log"] = (TransformKind.Log, 0),
        ["log1p"] = (TransformKind.Log1p, 0),
        ["lag"] = (TransformKind.Lag, 0),
        ["winsor"] = (TransformKind.Winsor, 2),
    };

    /// <summary>The function name of a transform.</summary>
    public static string Name(TransformKind kind) => s_functions.First(f => f.Value.Kind == kind).Key;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> saying what is wrong where.</summary>
    public static TermExpression Parse(string text)
    {
        var pos = 0;
        var result = ParseExpression(text, ref pos);
        SkipSpace(text, ref pos);
        if (pos != text.Length) throw new FormatException($"unexpected '{text[pos..]}' after '{text[..pos].Trim()}'");
        return result;
    }

    private static TermExpression ParseExpression(string text, ref int pos)
    {
        SkipSpace(text, ref pos);
        var start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_')) pos++;
        if (pos == start) throw new FormatException(pos < text.Length ? $"expected a column or function name at '{text[pos..]}'" : "expected a column or function name");
        var name = text[start..pos];
        if (char.IsAsciiDigit(name[0])) throw new FormatException($"'{name}' is not a column name");
        SkipSpace(text, ref pos);
        if (pos >= text.Length || text[pos] != '(') return new ColumnTerm(name);
        if (!s_functions.TryGetValue(name, out var f))
            throw new FormatException($"unknown transform '{name}' (known: {string.Join(", ", s_functions.Keys)})");
        pos++;
        var inner = ParseExpression(text, ref pos);
        var args = new List<double>();
        SkipSpace(text, ref pos);
        while (pos < text.Length && text[pos] == ',')
        {
            pos++;
            SkipSpace(text, ref pos);
            var numStart = pos;
            while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] is '.' or '-' or '+' or 'e' or 'E')) pos++;
            if (!double.TryParse(text.AsSpan(numStart, pos - numStart), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new FormatException($"{name}: expected a number at '{text[numStart..]}'");
            args.Add(v);
            SkipSpace(text, ref pos);
        }
        if (pos >= text.Length || text[pos] != ')') throw new FormatException($"{name}: missing ')'");
        pos++;
        if (args.Count != f.Arguments)
            throw new FormatException(f.Arguments == 0 ? $"{name} takes no numeric arguments" : $"{name} takes {f.Arguments} numeric arguments (lower and upper percentile), got {args.Count}");
        if (f.Kind == TransformKind.Winsor && !(args[0] >= 0 && args[0] < args[1] && args[1] <= 100))
            throw new FormatException($"winsor percentiles must satisfy 0 <= low < high <= 100, got {args[0].ToString(CultureInfo.InvariantCulture)} and {args[1].ToString(CultureInfo.InvariantCulture)}");
        return new TransformTerm(f.Kind, inner, args);
    }

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }
}
