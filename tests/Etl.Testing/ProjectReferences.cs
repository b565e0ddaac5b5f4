using System.Reflection;
using System.Xml.Linq;

namespace Etl.Testing;

/// <summary>The project's own assemblies one assembly depends on, for the tests that pin the one-way arrows between stages.</summary>
public static class ProjectReferences
{
    /// <summary>
    /// Every project assembly (named Etl.*) that <paramref name="root"/> references, directly or transitively, as
    /// (referencing assembly, referenced assembly) pairs. Compiled references only show assemblies the code uses.
    /// </summary>
    public static IReadOnlyList<(string From, string To)> Compiled(Assembly root)
    {
        var edges = new List<(string, string)>();
        var seen = new HashSet<string>();
        var queue = new Queue<Assembly>([root]);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var name = reference.Name!;
                if (!name.StartsWith("Etl.", StringComparison.Ordinal)) continue;
                edges.Add((assembly.GetName().Name!, name));
                if (seen.Add(name)) queue.Enqueue(Assembly.Load(reference));
            }
        }
        return edges;
    }

    /// <summary>The projects a project file under src/ references, whether or not its code uses them.</summary>
    public static IReadOnlyList<string> Declared(string project)
    {
        var file = XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"));
        return file.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
    }
}
