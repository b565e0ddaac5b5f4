using Etl.Domain.Mappings;
using Etl.Testing;

namespace Etl.Domain.Tests;

/// <summary>Broken copies of the committed tables must fail with the file, the line and the reason.</summary>
public class MappingValidationTests
{
    private static TempDirectory CopyOfMappings()
    {
        var dir = new TempDirectory("mappings");
        foreach (var f in MappingSet.Files) File.Copy(Path.Combine(RepoPaths.Mappings, f), dir.File(f));
        return dir;
    }

    private static long AppendLine(string path, string line)
    {
        File.AppendAllText(path, line + "\n");
        return File.ReadAllLines(path).Length;
    }

    [Fact]
    public void Committed_mappings_load()
    {
        var set = MappingSet.Load(RepoPaths.Mappings);
        Assert.Equal(MappingSet.Files.Count, set.FileHashes.Count);
        Assert.All(set.FileHashes.Values, h => Assert.Equal(64, h.Length));
    }

    [Fact]
    public void Duplicate_city_code_names_file_and_line()
    {
        using var dir = CopyOfMappings();
        var line = AppendLine(dir.File(CityTable.FileName), "110000,北京市,北京,municipality,110000,北京市,east,east,2009,2024,116.4,39.9,SE,");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal(CityTable.FileName, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains("duplicate city code 110000", e.Message);
    }

    [Fact]
    public void Unknown_province_is_rejected()
    {
        using var dir = CopyOfMappings();
        var line = AppendLine(dir.File(CountyTable.FileName), "990101,虚构区,,990000,2010,2012");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal((CountyTable.FileName, line), (e.File, e.Line));
        Assert.Contains("unknown province 990000", e.Reason);
    }

    [Fact]
    public void Malformed_IPC_pattern_is_rejected()
    {
        using var dir = CopyOfMappings();
        var line = AppendLine(dir.File(KdtTable.PatternFileName), "1,G06FX/12");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal((KdtTable.PatternFileName, line), (e.File, e.Line));
        Assert.Contains("malformed IPC pattern 'G06FX/12'", e.Reason);
    }

    [Fact]
    public void A_pattern_shadowed_inside_its_branch_is_rejected()
    {
        using var dir = CopyOfMappings();
        // Branch 1 lists G06N*; G06N3/08 adds nothing and would hide a mistake.
        var line = AppendLine(dir.File(KdtTable.PatternFileName), "1,G06N3/08");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal((KdtTable.PatternFileName, line), (e.File, e.Line));
        Assert.Contains("shadowed by G06N*", e.Reason);
    }

    [Fact]
    public void An_alias_naming_two_cities_in_the_same_year_is_rejected()
    {
        using var dir = CopyOfMappings();
        var line = AppendLine(dir.File(CityTable.AliasFileName), "深圳,440100,2015,2016,short");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal((CityTable.AliasFileName, line), (e.File, e.Line));
        Assert.Contains("names both 440300 and 440100", e.Reason);
    }

    [Fact]
    public void Unknown_event_type_is_rejected()
    {
        using var dir = CopyOfMappings();
        var line = AppendLine(dir.File(AdminEventTable.FileName), "2099-001,2015,,city_teleported,440300,深圳市,,,440300,,");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal((AdminEventTable.FileName, line), (e.File, e.Line));
        Assert.Contains("unknown event type 'city_teleported'", e.Reason);
    }

    [Fact]
    public void Policy_without_a_rule_for_every_event_type_is_rejected()
    {
        using var dir = CopyOfMappings();
        var path = dir.File(SamplePolicy.FileName);
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("county_moved,", StringComparison.Ordinal)));
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal(SamplePolicy.FileName, e.File);
        Assert.Contains("county_moved", e.Reason);
    }

    [Fact]
    public void Ragged_row_is_rejected_with_the_file_name()
    {
        using var dir = CopyOfMappings();
        AppendLine(dir.File(IndustryTable.ConcordanceFileName), "A01,01");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Equal(IndustryTable.ConcordanceFileName, e.File);
    }

    [Fact]
    public void Derived_variable_with_unknown_input_is_rejected()
    {
        using var dir = CopyOfMappings();
        AppendLine(dir.File(VariableCatalogue.FileName), "bogus,虚构,Bogus,x,x,x,2,control,no,no,derived,students / nonexistent");
        var e = Assert.Throws<MappingValidationException>(() => MappingSet.Load(dir.Path));
        Assert.Contains("unknown variable 'nonexistent'", e.Reason);
    }
}
