using System.Reflection;
using System.Xml.Linq;
using Etl.Estimation.Engine;
using Etl.Testing;

namespace Etl.Estimation.Tests;

/// <summary>The warehouse is the only contract between the ETL and the estimation.</summary>
public class ArchitectureTests
{
    /// <summary>The only project assemblies the estimation may depend on, directly or transitively.</summary>
    private static readonly string[] s_allowed = ["Etl.Estimation", "Etl.Domain"];

    [Fact]
    public void Estimation_references_no_ingestion_patent_or_pipeline_code()
    {
        var seen = new HashSet<string>();
        var queue = new Queue<Assembly>([typeof(FixedEffectsRegression).Assembly]);
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var name = reference.Name!;
                if (!name.StartsWith("Etl.", StringComparison.Ordinal) || !seen.Add(name)) continue;
                Assert.True(s_allowed.Contains(name), $"{assembly.GetName().Name} references {name}; estimation may only read the warehouse");
                queue.Enqueue(Assembly.Load(reference));
            }
        }
    }

    [Fact]
    public void The_project_file_references_no_other_project()
    {
        // Compiled references only show assemblies the code uses; the project file shows every reference.
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Etl.Estimation", "Etl.Estimation.csproj"));
        var references = project.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
        Assert.All(references, r => Assert.Contains(r, s_allowed));
    }
}
