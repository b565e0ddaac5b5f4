using System.Text.Json;

namespace Etl.Bench.PatentBench;

/// <summary>
/// What one run of one variant measured, passed from the child process to the parent as one JSON line on
/// standard output behind <see cref="Marker"/>.
/// </summary>
/// <param name="Variant">stage, parse or duckdb.</param>
/// <param name="Seconds">Wall time of the timed part.</param>
/// <param name="CpuSeconds">User plus system time of the process during the timed part.</param>
/// <param name="PeakResidentBytes">Peak resident set of the whole process (VmHWM).</param>
/// <param name="Records">CSV records read (stage and parse-only; 0 for DuckDB, which does not say).</param>
/// <param name="Note">A short variant-specific remark (field bytes, quarantined rows, ...).</param>
internal sealed record VariantResult(string Variant, double Seconds, double CpuSeconds, long PeakResidentBytes, long Records, string Note)
{
    /// <summary>Further figures a variant measured after its timed part (the etl variant: record-index bytes, trace time).</summary>
    public Dictionary<string, double> Measures { get; init; } = [];

    public const string Marker = "RESULT ";

    /// <summary>Share of one core used during the timed part, in percent (200 = both cores busy).</summary>
    public double CpuPercent => Seconds > 0 ? 100 * CpuSeconds / Seconds : 0;

    public string ToLine() => Marker + JsonSerializer.Serialize(this);

    /// <summary>The result in a child's output, or null when the child printed none.</summary>
    public static VariantResult? Find(string output)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith(Marker, StringComparison.Ordinal))
                return JsonSerializer.Deserialize<VariantResult>(line[Marker.Length..]);
        return null;
    }
}
