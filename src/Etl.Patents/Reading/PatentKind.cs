using Etl.Domain.Text;

namespace Etl.Patents.Reading;

/// <summary>What the patent-type column says.</summary>
public enum PatentKind
{
    /// <summary>The column is empty or says something unknown: the application number's kind digit decides.</summary>
    Unknown,

    /// <summary>An invention (application or grant).</summary>
    Invention,

    /// <summary>A utility model or a design.</summary>
    Other,
}

/// <summary>Reads the patent-type column: 发明专利, 发明申请, 发明授权, 发明, invention, ...; 实用新型, 外观设计, utility model, design.</summary>
public static class PatentKinds
{
    /// <summary>The kind a type label states.</summary>
    public static PatentKind Parse(ReadOnlySpan<char> label)
    {
        // Read for every record, so folded into a stack buffer rather than a new string.
        var trimmed = label.Trim();
        Span<char> buffer = trimmed.Length <= 64 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++) buffer[i] = TextNormalizer.ToHalfWidth(trimmed[i]);
        ReadOnlySpan<char> t = buffer;
        if (t.Length == 0) return PatentKind.Unknown;
        if (t.StartsWith("发明", StringComparison.Ordinal) || t.StartsWith("invention", StringComparison.OrdinalIgnoreCase)) return PatentKind.Invention;
        if (t.Contains("实用新型", StringComparison.Ordinal) || t.Contains("外观", StringComparison.Ordinal)
            || t.StartsWith("utility", StringComparison.OrdinalIgnoreCase) || t.StartsWith("design", StringComparison.OrdinalIgnoreCase)) return PatentKind.Other;
        return PatentKind.Unknown;
    }
}
