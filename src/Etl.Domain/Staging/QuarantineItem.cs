namespace Etl.Domain.Staging;

/// <summary>An input row, value or file that was rejected, with the reason and where it sits.</summary>
/// <param name="Source">Source kind.</param>
/// <param name="File">Path relative to the raw root, forward slashes.</param>
/// <param name="Locator">Sheet and cell, element, or line number; empty when the whole file is rejected.</param>
/// <param name="Reason">A short machine-readable reason, e.g. <c>unknown_city</c>, <c>ambiguous_value</c>.</param>
/// <param name="Detail">A sentence for people, with the offending text.</param>
public sealed record QuarantineItem(SourceKind Source, string File, string Locator, string Reason, string Detail);
