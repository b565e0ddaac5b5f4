using System.Reflection;
using Etl.Testing;

namespace Etl.Cli.Tests;

/// <summary>
/// The one-way arrows between the projects: mappings and domain types at the bottom, the stages on them, the
/// warehouse (schema, loading, lineage) on the domain alone, the pipeline over the stages and the warehouse,
/// the estimation reading only the warehouse file, and the command line on top. Every project under src/ is
/// listed here, so a new one has to say where it sits.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Per project, the project assemblies it may depend on, directly or transitively.</summary>
    private static readonly Dictionary<string, string[]> s_allowed = new(StringComparer.Ordinal)
    {
        ["Etl.Domain"] = [],
        ["Etl.Fetch"] = ["Etl.Domain"],
        ["Etl.Ingest"] = ["Etl.Domain"],
        ["Etl.Patents"] = ["Etl.Domain"],
        ["Etl.Panel"] = ["Etl.Domain"],
        ["Etl.Warehouse"] = ["Etl.Domain"],
        ["Etl.Pipeline"] = ["Etl.Domain", "Etl.Ingest", "Etl.Patents", "Etl.Panel", "Etl.Warehouse"],
        ["Etl.Estimation"] = ["Etl.Domain"],
        ["Etl.Publish"] = [],
        ["Etl.MappingsBuilder"] = ["Etl.Domain"],
        ["Etl.Simulator"] = ["Etl.Domain", "Etl.Fetch"],
        ["Etl.Cli"] = ["Etl.Domain", "Etl.Fetch", "Etl.Ingest", "Etl.Patents", "Etl.Panel", "Etl.Warehouse", "Etl.Pipeline", "Etl.Estimation", "Etl.Publish",
            "Etl.MappingsBuilder", "Etl.Simulator"],
        ["Etl.Bench"] = ["Etl.Domain", "Etl.Ingest", "Etl.Patents", "Etl.Panel", "Etl.Warehouse", "Etl.Pipeline", "Etl.Estimation"],
    };

    public static TheoryData<string> Projects => [.. s_allowed.Keys];

    [Fact]
    public void Every_project_under_src_has_its_place()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(RepoPaths.Root, "src", n!, n + ".csproj")));
        Assert.Equal(projects.Order(StringComparer.Ordinal), s_allowed.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_file_references_only_what_sits_below_it(string project) =>
        Assert.All(ProjectReferences.Declared(project), r => Assert.True(s_allowed[project].Contains(r), $"{project} references {r}"));

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_compiled_code_depends_only_on_what_sits_below_it(string project)
    {
        if (project == "Etl.Bench") return; // a tool, not loaded here; its project file is checked above
        var assembly = Assembly.Load(project == "Etl.Cli" ? "etl" : project);
        foreach (var (from, to) in ProjectReferences.Compiled(assembly))
            Assert.True(s_allowed[from == "etl" ? "Etl.Cli" : from].Contains(to), $"{from} depends on {to}");
    }

    [Fact]
    public void Tracing_a_value_needs_no_stage_code()
    {
        var lineage = ProjectReferences.Compiled(typeof(Etl.Warehouse.Lineage.LineageTracer).Assembly).Select(e => e.To).Distinct().ToList();
        Assert.Equal(["Etl.Domain"], lineage);
    }
}
