namespace Etl.Patents.Matching;

/// <summary>
/// What the mappings say about one IPC code, computed once per distinct code: the KDT branches its
/// pattern matches (directly or through a current symbol an older one was moved to), and the real-economy
/// industry of its IPC class when there is one.
/// </summary>
/// <param name="Branches">KDT branches whose patterns fit the code (before keyword confirmation); null when none.</param>
/// <param name="Industry">Index of the real-economy industry of the code's class, or -1.</param>
/// <param name="Subclass">Index of the code's subclass among all subclasses seen (for the co-classification network).</param>
/// <param name="Known">Whether the subclass exists in the IPC (<c>ipc_subclasses.csv</c>); placeholders such as A99A do not.</param>
public sealed record CodeClass(BranchSet? Branches, int Industry, int Subclass, bool Known);
