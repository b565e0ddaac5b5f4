using Etl.Domain.Mappings;
using Etl.Testing;

namespace Etl.Domain.Tests;

/// <summary>The committed derived tables must be exactly what the builder makes from the reference folder.</summary>
public class DerivationTests
{
    [SkippableFact]
    public void Committed_tables_are_reproducible_from_the_reference_folder()
    {
        Skip.If(RepoPaths.Reference is null, "reference folder not present (set ETL_REFERENCE to run this check)");
        using var dir = new TempDirectory("derive");
        MappingsBuilder.MappingsBuilder.Build(RepoPaths.Reference!, dir.Path);
        foreach (var file in MappingsBuilder.MappingsBuilder.DerivedFiles.Append(MappingsBuilder.MappingsBuilder.ReportFileName))
            Assert.True(File.ReadAllBytes(dir.File(file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(RepoPaths.Mappings, file))),
                $"{file} differs from a fresh derivation: run 'make mappings'");
    }

    [Theory]
    [InlineData("二〇一一年七月十四日", "2011-07-14")]
    [InlineData("2010年11月26日", "2010-11-26")]
    [InlineData("二〇一五年十月十三日", "2015-10-13")]
    [InlineData("二〇一二年六月五日", "2012-06-05")]
    [InlineData("二〇一八年十二月二十六日", "2018-12-26")]
    [InlineData("不详", "")]
    public void Chinese_approval_dates_are_parsed(string text, string iso) =>
        Assert.Equal(iso, MappingsBuilder.ChineseDate.ToIso(text));
}
