using System.CommandLine;
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
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is var v && v < min)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {min}, got {v}"));
        });
        return option;
    }

    /// <summary>The option's value, when given, is at least <paramref name="min"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } v && v < min)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {min}, got {v}"));
        });
        return option;
    }
}
