namespace Etl.Warehouse;

/// <summary>Bad input that stops a build (a mapping, a lock held by another build, an unbalanced panel).</summary>
public sealed class BuildException(string message, Exception? inner = null) : Exception(message, inner);
