using System.CommandLine;
using System.Text.RegularExpressions;

namespace Etl.Cli;

/// <summary>
/// Parse errors as a user should read them: no .NET type names, and a suggestion for a mistyped command or
/// option (the nearest name by edit distance, or the one it abbreviates or extends).
/// </summary>
internal static partial class UsageMessages
{
    [GeneratedRegex(@"as expected type '(?<type>[^']+)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>[^']+)'")]
    private static partial Regex Unrecognized();

    /// <summary>The message of <paramref name="error"/>, in words, with a suggestion where one fits.</summary>
    public static string Describe(string message, Command command)
    {
        message = ExpectedType().Replace(message, m => "(expected " + Expected(m.Groups["type"].Value) + ")");
        var unknown = Unrecognized().Match(message);
        if (unknown.Success && Suggest(unknown.Groups["token"].Value, command) is { } suggestion)
            message += $" Did you mean '{suggestion}'?";
        return message;
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("FileInfo", StringComparison.Ordinal) || type.Contains("DirectoryInfo", StringComparison.Ordinal) => "a path",
        _ => "another kind of value",
    };

    /// <summary>The subcommand or option of <paramref name="command"/> the user most likely meant, or null.</summary>
    public static string? Suggest(string token, Command command)
    {
        var names = token.StartsWith('-')
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var name in names.Distinct())
        {
            var distance = Distance(token, name);
            // An abbreviation or an extension (--var for --variable, --variable for --var) is a near miss too.
            var prefix = token.Length >= 4 && (name.StartsWith(token, StringComparison.Ordinal) || token.StartsWith(name, StringComparison.Ordinal));
            var score = prefix ? 1 : distance;
            if (score < bestScore && (prefix || distance <= Math.Max(1, name.TrimStart('-').Length / 3))) (best, bestScore) = (name, score);
        }
        return best;
    }

    /// <summary>Levenshtein distance with adjacent transpositions (Damerau, optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
