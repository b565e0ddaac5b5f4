using System.Globalization;
using System.Text.RegularExpressions;

namespace Etl.Domain.Ipc;

/// <summary>How far down the IPC hierarchy a pattern reaches.</summary>
public enum IpcPatternLevel
{
    /// <summary><c>G06F*</c>: the whole subclass.</summary>
    Subclass,

    /// <summary><c>G06N3*</c>: a main group and all its subgroups.</summary>
    MainGroup,

    /// <summary><c>G06F3/048*</c>: a subgroup and the subgroups whose digits extend it.</summary>
    SubgroupTree,

    /// <summary><c>G06F30/27</c>: exactly one subgroup (<c>G07C9/00</c> is the main-group symbol only).</summary>
    Subgroup,
}

/// <summary>An IPC pattern as the Key Digital Technology classification writes it.</summary>
public sealed partial record IpcPattern(string Text, IpcPatternLevel Level, string Subclass, int MainGroup, string Subgroup)
{
    [GeneratedRegex(@"^([A-H][0-9]{2}[A-Z])(?:(\*)|([0-9]{1,4})(?:(\*)|/([0-9]{2,6})(\*)?))$")]
    private static partial Regex Syntax();

    /// <summary>Parses a pattern; returns false for malformed text.</summary>
    public static bool TryParse(string text, out IpcPattern pattern)
    {
        pattern = null!;
        var m = Syntax().Match(text);
        if (!m.Success) return false;
        var sub = m.Groups[1].Value;
        if (m.Groups[2].Success) { pattern = new IpcPattern(text, IpcPatternLevel.Subclass, sub, 0, ""); return true; }
        var main = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (m.Groups[4].Success) { pattern = new IpcPattern(text, IpcPatternLevel.MainGroup, sub, main, ""); return true; }
        var level = m.Groups[6].Success ? IpcPatternLevel.SubgroupTree : IpcPatternLevel.Subgroup;
        var digits = level == IpcPatternLevel.Subgroup ? IpcCode.NormalizeSubgroup(m.Groups[5].Value) : m.Groups[5].Value;
        pattern = new IpcPattern(text, level, sub, main, digits);
        return true;
    }

    /// <summary>Whether <paramref name="code"/> falls under this pattern.</summary>
    public bool Matches(IpcCode code)
    {
        if (!string.Equals(code.Subclass, Subclass, StringComparison.Ordinal)) return false;
        return Level switch
        {
            IpcPatternLevel.Subclass => true,
            IpcPatternLevel.MainGroup => code.MainGroup == MainGroup,
            IpcPatternLevel.SubgroupTree => code.MainGroup == MainGroup && code.Subgroup.StartsWith(Subgroup, StringComparison.Ordinal),
            _ => code.MainGroup == MainGroup && string.Equals(code.Subgroup, Subgroup, StringComparison.Ordinal),
        };
    }

    /// <summary>Whether every code matching <paramref name="other"/> also matches this pattern.</summary>
    public bool Covers(IpcPattern other)
    {
        if (!string.Equals(Subclass, other.Subclass, StringComparison.Ordinal)) return false;
        return Level switch
        {
            IpcPatternLevel.Subclass => true,
            IpcPatternLevel.MainGroup => other.Level != IpcPatternLevel.Subclass && other.MainGroup == MainGroup,
            IpcPatternLevel.SubgroupTree => other.Level is IpcPatternLevel.SubgroupTree or IpcPatternLevel.Subgroup
                && other.MainGroup == MainGroup && other.Subgroup.StartsWith(Subgroup, StringComparison.Ordinal),
            _ => other.Level == IpcPatternLevel.Subgroup && other.MainGroup == MainGroup
                && string.Equals(other.Subgroup, Subgroup, StringComparison.Ordinal),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
