using System.Globalization;

namespace Etl.Panel;

/// <summary>
/// A derived variable's formula from the catalogue (<c>students / pop</c>, <c>new_entities / (pop * 10)</c>):
/// numbers, variable names, + − * / and parentheses, evaluated left to right with the usual precedence, in
/// double precision, in the order written (so a result is reproducible by anyone who follows the formula).
/// </summary>
public sealed class Derivation
{
    private abstract record Node;

    private sealed record Number(double Value) : Node;

    private sealed record Name(string Variable) : Node;

    private sealed record Binary(char Op, Node Left, Node Right) : Node;

    private readonly Node _root;

    private Derivation(string text, Node root, IReadOnlyList<string> inputs)
    {
        Text = text;
        _root = root;
        Inputs = inputs;
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The variables the formula reads, in order of first appearance.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Parses a formula; throws <see cref="FormatException"/> naming the position of an error.</summary>
    public static Derivation Parse(string text)
    {
        var inputs = new List<string>();
        var pos = 0;
        var root = Expression(text, ref pos, inputs);
        Skip(text, ref pos);
        if (pos != text.Length) throw new FormatException($"unexpected '{text[pos]}' at position {pos} of '{text}'");
        return new Derivation(text, root, inputs);
    }

    /// <summary>Evaluates with the values of the inputs (NaN when one is missing).</summary>
    public double Evaluate(Func<string, double> value) => Eval(_root, value);

    private static double Eval(Node n, Func<string, double> value) => n switch
    {
        Number x => x.Value,
        Name x => value(x.Variable),
        Binary { Op: '+' } b => Eval(b.Left, value) + Eval(b.Right, value),
        Binary { Op: '-' } b => Eval(b.Left, value) - Eval(b.Right, value),
        Binary { Op: '*' } b => Eval(b.Left, value) * Eval(b.Right, value),
        Binary b => Eval(b.Left, value) / Eval(b.Right, value),
        _ => throw new InvalidOperationException(),
    };

    private static Node Expression(string s, ref int pos, List<string> inputs)
    {
        var left = Term(s, ref pos, inputs);
        while (true)
        {
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] is not ('+' or '-')) return left;
            var op = s[pos++];
            left = new Binary(op, left, Term(s, ref pos, inputs));
        }
    }

    private static Node Term(string s, ref int pos, List<string> inputs)
    {
        var left = Factor(s, ref pos, inputs);
        while (true)
        {
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] is not ('*' or '/')) return left;
            var op = s[pos++];
            left = new Binary(op, left, Factor(s, ref pos, inputs));
        }
    }

    private static Node Factor(string s, ref int pos, List<string> inputs)
    {
        Skip(s, ref pos);
        if (pos >= s.Length) throw new FormatException($"'{s}' ends where an operand is expected");
        if (s[pos] == '(')
        {
            pos++;
            var inner = Expression(s, ref pos, inputs);
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] != ')') throw new FormatException($"missing ')' at position {pos} of '{s}'");
            pos++;
            return inner;
        }
        var start = pos;
        if (char.IsAsciiDigit(s[pos]) || s[pos] == '.')
        {
            while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == '.')) pos++;
            return new Number(double.Parse(s.AsSpan(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] == '_')) pos++;
        if (pos == start) throw new FormatException($"unexpected '{s[pos]}' at position {pos} of '{s}'");
        var name = s[start..pos];
        if (!inputs.Contains(name)) inputs.Add(name);
        return new Name(name);
    }

    private static void Skip(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ') pos++;
    }
}
