using System.Reflection;

namespace Etl.Domain.Provenance;

/// <summary>
/// The one version string of the tool, and the commit it was built from. The build embeds the commit as the
/// source revision (Directory.Build.targets), with <c>.dirty</c> appended when the working tree had
/// uncommitted changes to the code, so a run recorded in the warehouse says exactly which code made it.
/// </summary>
public static class ToolVersion
{
    private const string DirtyMark = ".dirty";

    private static readonly string s_informational =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version without the commit, e.g. 1.0.0.</summary>
    public static string Number => s_informational.Split('+')[0];

    /// <summary>The full commit id, or "unknown" when the code was built outside a git checkout.</summary>
    public static string Commit
    {
        get
        {
            var plus = s_informational.IndexOf('+', StringComparison.Ordinal);
            if (plus < 0) return "unknown";
            var revision = s_informational[(plus + 1)..];
            return revision.EndsWith(DirtyMark, StringComparison.Ordinal) ? revision[..^DirtyMark.Length] : revision;
        }
    }

    /// <summary>Whether the code had uncommitted changes when it was built.</summary>
    public static bool Dirty => s_informational.EndsWith(DirtyMark, StringComparison.Ordinal);

    /// <summary>For people: 1.0.0+09b0fe8a5c7e, or 1.0.0+09b0fe8a5c7e.dirty (the commit shortened to 12 characters).</summary>
    public static string Current =>
        Commit == "unknown" ? Number : $"{Number}+{Commit[..Math.Min(12, Commit.Length)]}{(Dirty ? DirtyMark : "")}";
}
