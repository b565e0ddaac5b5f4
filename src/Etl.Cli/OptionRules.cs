using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Etl.Cli;

/// <summary>
/// Bounds on numeric options, checked by System.CommandLine while it parses: a value out of range is a parse
/// error (exit 2, with the usage line), like a value that is not a number at all.
/// </summary>
internal static class OptionRules
{
    /// <summary>The option's value, when given, is at least <paramref name="min"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min) where T : struct, INumber<T>
    {
        option.Validators.Add(result => Check(result, option.Name, min));
        return option;
    }

    /// <summary>The option's value, when given, is at least <paramref name="min"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min) where T : struct, INumber<T>
    {
        option.Validators.Add(result => Check(result, option.Name, min));
        return option;
    }

    /// <summary>
    /// Reads the token itself: a value that is not a number at all is the parser's own error (reported with its
    /// wording), and asking the result for it would throw instead.
    /// </summary>
    private static void Check<T>(OptionResult result, string name, T min) where T : struct, INumber<T>
    {
        if (result.Tokens.Count == 0) return;
        if (!T.TryParse(result.Tokens[^1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) return;
        if (v < min) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {min}, got {v}"));
    }
}
