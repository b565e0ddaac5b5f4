using Etl.Domain.Classification;
using Etl.Domain.Ipc;
using Etl.Testing;

namespace Etl.Domain.Tests;

public class KdtDefinitionTests
{
    private static readonly KdtDefinition s_kdt = new(RepoPaths.LoadedMappings);

    private static IpcCode C(string s) => IpcCode.TryParseCanonical(s, out var c) ? c : throw new FormatException(s);

    [Theory]
    [InlineData("INFORMATION SYSTEM", "INFO", false)]
    [InlineData("AN INFO SYSTEM", "INFO", true)]
    [InlineData("基于GPU芯片的加速", "GPU", true)]
    [InlineData("GPUS", "GPU", false)]
    [InlineData("5G网络", "5G", true)]
    [InlineData("一种哈希值计算", "哈希值", true)]
    public void Latin_keywords_need_word_boundaries(string text, string keyword, bool expected) =>
        Assert.Equal(expected, KeywordText.Occurs(KeywordText.Normalize(text), KeywordText.Normalize(keyword)));

    [Fact]
    public void Keyword_search_ignores_case_and_width() =>
        Assert.True(KeywordText.Occurs(KeywordText.Normalize("基于ｇｐｕ的方法"), KeywordText.Normalize("GPU")));

    [Fact]
    public void A_blockchain_storage_patent_on_farm_machinery_is_integrated()
    {
        // G06Q20/38 is listed by blockchain branch 1.1 (数据存储), whose keywords include 哈希值; A01B (soil
        // working) is in no KDT branch and its class A01 maps to NACE 28, a real-economy industry.
        var c = s_kdt.Classify([C("G06Q20/38"), C("A01B1/00")], "一种基于哈希值校验的农机作业记录方法", MatchMode.IpcAndKeyword);
        Assert.True(c.Digital);
        Assert.True(c.Integrated);
        Assert.False(c.RealOnly);
        Assert.NotEqual(0, c.TechnologyMask & (1 << 4)); // 区块链 is technology 5
        Assert.Contains(220, c.Branches);
        Assert.Equal(["28"], c.Industries);
        Assert.Equal(["G06Q"], c.DigitalSubclasses);
        Assert.Equal(["A01B"], c.RealSubclasses);
    }

    [Fact]
    public void Without_a_keyword_the_same_codes_are_real_only_unless_matching_by_IPC_alone()
    {
        var codes = new[] { C("G06Q20/38"), C("A01B1/00") };
        var strict = s_kdt.Classify(codes, "一种农机作业记录装置", MatchMode.IpcAndKeyword);
        Assert.False(strict.Digital);
        Assert.True(strict.RealOnly);
        var loose = s_kdt.Classify(codes, "一种农机作业记录装置", MatchMode.IpcOnly);
        Assert.True(loose.Integrated);
    }

    [Fact]
    public void An_older_symbol_matches_through_its_replacement()
    {
        // G06K9/62 (before IPC 2022.01) moved to G06F18/00 and G06V10/70: branches listing G06V* take it.
        var branchesOld = s_kdt.BranchesOf(C("G06K9/62"));
        var branchesNew = s_kdt.BranchesOf(C("G06V10/70"));
        Assert.NotEmpty(branchesNew);
        Assert.Superset(branchesNew.ToHashSet(), branchesOld.ToHashSet());
    }
}
