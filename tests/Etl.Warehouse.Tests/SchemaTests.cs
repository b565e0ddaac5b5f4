using System.Text.RegularExpressions;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>The warehouse's tables and columns are those its README documents, no more, no fewer.</summary>
[Collection("warehouse corpus")]
public partial class SchemaTests(WarehouseCorpus corpus)
{
    [GeneratedRegex(@"^\| `(?<table>[a-z_]+)` \| (?<columns>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`(?<c>[a-z_0-9]+)`")]
    private static partial Regex Column();

    [Fact]
    public void Every_table_and_column_is_documented()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Etl.Warehouse", "README.md"));
        var section = readme[readme.IndexOf("## Tables", StringComparison.Ordinal)..readme.IndexOf("## Lineage", StringComparison.Ordinal)];
        var documented = TableRow().Matches(section).ToDictionary(m => m.Groups["table"].Value,
            m => Column().Matches(m.Groups["columns"].Value).Select(c => c.Groups["c"].Value).ToList());
        using var c = corpus.Open();
        var tables = WarehouseCorpus.Rows(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => (string)r[0]!).ToList();
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), tables);
        foreach (var table in tables)
        {
            var columns = WarehouseCorpus.Rows(c, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid").Select(r => (string)r[0]!).ToList();
            // The README may name values (e.g. `city|year|variable`) too; the columns must come first, in order.
            Assert.Equal(columns, documented[table].Where(columns.Contains).ToList());
            Assert.All(columns, col => Assert.Contains(col, documented[table]));
        }
    }

    [GeneratedRegex(@"^\| (?<reasons>`[a-z_]+`(, `[a-z_]+`)*) \|", RegexOptions.Multiline)]
    private static partial Regex ReasonRow();

    [Fact]
    public void Every_reason_a_build_records_is_documented_in_the_raw_folder_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "raw", "README.md"));
        var documented = ReasonRow().Matches(readme).SelectMany(m => Column().Matches(m.Groups["reasons"].Value)).Select(m => m.Groups["c"].Value).ToHashSet();
        using var c = corpus.Open();
        var recorded = WarehouseCorpus.Rows(c, """
            SELECT reason FROM quarantine UNION SELECT rule FROM file_rules UNION SELECT rejection FROM source_files WHERE rejection IS NOT NULL
            """).Select(r => (string)r[0]!).ToList();
        Assert.NotEmpty(recorded);
        Assert.All(recorded, r => Assert.Contains(r, documented));
    }
}
