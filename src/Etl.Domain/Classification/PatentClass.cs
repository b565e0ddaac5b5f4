namespace Etl.Domain.Classification;

/// <summary>
/// How one application counts. <see cref="Digital"/>: some code falls in a confirmed KDT branch.
/// <see cref="Integrated"/>: digital and also carries a real-economy code that is not itself digital.
/// <see cref="RealOnly"/>: a real-economy code and no digital code. <see cref="Industries"/> and
/// <see cref="RealSubclasses"/> describe the real-economy codes, whatever the class.
/// </summary>
public sealed record PatentClass(
    bool Digital,
    bool Integrated,
    bool RealOnly,
    int TechnologyMask,
    IReadOnlyList<int> Branches,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> DigitalSubclasses,
    IReadOnlyList<string> RealSubclasses)
{
    /// <summary>An application that is neither digital nor real.</summary>
    public static PatentClass Other { get; } = new(false, false, false, 0, [], [], [], []);
}
