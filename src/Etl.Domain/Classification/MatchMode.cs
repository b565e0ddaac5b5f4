namespace Etl.Domain.Classification;

/// <summary>How a KDT branch is confirmed.</summary>
public enum MatchMode
{
    /// <summary>The official retrieval: an IPC code fits a branch pattern and one of the branch's keywords occurs in the title or abstract.</summary>
    IpcAndKeyword,

    /// <summary>IPC only (over-counts; for robustness checks).</summary>
    IpcOnly,
}
