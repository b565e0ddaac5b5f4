using Etl.Pipeline;
using Etl.Warehouse;

namespace Etl.Cli.Output;

/// <summary>The payload of <c>etl build --json</c> (schema etl.build/1, documented in JSON.md).</summary>
internal static class BuildJson
{
    public static object Of(BuildOptions options, BuildReport report, double seconds) => new
    {
        Database = options.Database,
        UpToDate = report.UpToDate,
        RunId = report.UpToDate ? (long?)null : report.RunId,
        PanelHash = report.UpToDate ? null : report.PanelHash,
        Summary = report.Summary,
        Seconds = Math.Round(seconds, 3),
        Stages = report.Stages.Select(s => new { s.Stage, s.Action, Seconds = Math.Round(s.Seconds, 3) }).ToList(),
        Changes = report.Changes,
        CarriedTables = report.Carried,
        report.Notices,
        Panel = report.Details is { } d
            ? new
            {
                Cities = d.PanelCities,
                Years = d.PanelYears,
                DroppedCities = d.Dropped,
                DropReasons = d.DropReasons.Select(r => new { r.Reason, r.Cities }).ToList(),
            }
            : null,
        Sources = report.Details?.Kinds.Select(k => new
        {
            k.Kind, k.Files, k.Read, k.Rejected, k.Excluded, k.RowsQuarantined,
            TopReasons = k.TopReasons.Select(r => new { r.Reason, r.Count }).ToList(),
        }).ToList(),
        UnreadStatements = report.Details?.UnreadStatements,
        Coverage = report.Details?.Coverage,
    };
}
