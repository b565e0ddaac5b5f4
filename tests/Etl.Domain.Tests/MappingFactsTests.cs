using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Testing;

namespace Etl.Domain.Tests;

/// <summary>
/// Real facts of China's administrative history that the committed mappings must reproduce. Each expected
/// value comes from the State Council approval cited in the test, not from the derivation code.
/// </summary>
public class MappingFactsTests
{
    private static MappingSet M => RepoPaths.LoadedMappings;

    [Fact]
    public void Chaohu_is_abolished_in_2011_and_its_counties_go_to_Hefei_Wuhu_and_Maanshan()
    {
        // 国函〔2011〕84号: 庐江县 to 合肥, 无为县 to 芜湖, 含山县 and 和县 to 马鞍山.
        var abolition = M.Events.All.Single(e => e.Type == AdminEventTypes.PrefectureAbolished && e.SubjectCode == new CityCode(341400));
        Assert.Equal(2011, abolition.Year);
        Assert.Equal("国函〔2011〕84号", abolition.ApprovalDocument);
        Assert.Equal([340100, 340200, 340500, 341400], abolition.Prefectures.Select(p => p.Value).Order());

        var moved = M.Events.All.Where(e => e.Year == 2011 && e.SubjectCode.Value / 100 == 3414 && e.CounterpartCode is not null)
            .ToDictionary(e => (e.SubjectName, e.CounterpartCode!.Value.Value / 100 * 100), e => e.Type);
        Assert.Contains(("庐江县", 340100), moved.Keys);
        Assert.Contains(("无为县", 340200), moved.Keys);
        Assert.Contains(("含山县", 340500), moved.Keys);
        Assert.Contains(("和县", 340500), moved.Keys);

        var chaohu = M.Cities.Get(new CityCode(341400));
        Assert.Equal(2010, chaohu.ValidTo);
        Assert.True(M.Policy.Drops(abolition));
    }

    [Fact]
    public void Laiwu_merges_into_Jinan()
    {
        // 国函〔2018〕163号: 莱芜市 abolished, its districts become 济南市莱芜区 and 钢城区.
        var e = M.Events.All.Single(x => x.Type == AdminEventTypes.PrefectureAbolished && x.SubjectCode == new CityCode(371200));
        Assert.Equal(new CityCode(370100), e.CounterpartCode);
        Assert.Equal("国函〔2018〕163号", e.ApprovalDocument);
        Assert.Contains(new CityCode(370100), e.Prefectures);
        Assert.Contains(M.Counties.Named("莱芜区"), c => c.PrefectureCode == new CityCode(370100) && c.ValidIn(2020));
        Assert.Contains(M.Counties.Named("莱城区"), c => c.PrefectureCode == new CityCode(371200) && c.ValidIn(2015));
    }

    [Fact]
    public void Kunshan_is_a_county_level_city_of_Suzhou_throughout_the_panel()
    {
        var kunshan = M.Counties.Named("昆山市");
        foreach (var year in PanelYears.All)
            Assert.Contains(kunshan, c => c.ValidIn(year) && c.PrefectureCode == new CityCode(320500));
    }

    [Fact]
    public void Xiangfan_is_an_alias_of_Xiangyang_before_the_2010_rename()
    {
        // 国函〔2010〕129号 renamed 襄樊市 to 襄阳市, code 420600 kept.
        Assert.Equal([new CityCode(420600)], M.Cities.Resolve("襄樊", 2009));
        Assert.Equal([new CityCode(420600)], M.Cities.Resolve("襄阳", 2015));
        Assert.Empty(M.Cities.Resolve("襄樊", 2015));
        var rename = M.Events.All.Single(e => e.Type == AdminEventTypes.PrefectureRenamed);
        Assert.False(M.Policy.Drops(rename));
    }

    [Fact]
    public void Bijie_becomes_a_city_under_a_new_code_in_2011()
    {
        // 国函〔2011〕130号: 毕节地区 (522400) becomes 毕节市 (520500).
        var e = M.Events.All.Single(x => x.SubjectCode == new CityCode(522400) && x.Type == AdminEventTypes.PrefectureConverted);
        Assert.Equal(new CityCode(520500), e.CounterpartCode);
        Assert.Equal(2011, M.Cities.Get(new CityCode(520500)).ValidFrom);
        Assert.Equal(UnitKind.Prefecture, M.Cities.Get(new CityCode(522400)).Kind);
    }

    [Fact]
    public void Gongzhuling_moves_from_Siping_to_Changchun_in_2020()
    {
        // 国函〔2020〕84号.
        var e = M.Events.All.Single(x => x.Type == AdminEventTypes.CountyMoved && x.SubjectName == "公主岭市");
        Assert.Equal(2020, e.Year);
        Assert.Equal([220100, 220300], e.Prefectures.Select(p => p.Value).Order());
    }

    [Fact]
    public void Panel_universe_counts_match_the_MCA_lists()
    {
        // MCA: 283 prefecture-level cities in 2010 and 293 in 2024, plus 4 municipalities.
        Assert.Equal(287, M.Cities.All.Count(c => c.IsPanelUniverse && c.ValidIn(2010)));
        Assert.Equal(297, M.Cities.All.Count(c => c.IsPanelUniverse && c.ValidIn(2024)));
        Assert.Equal(333, M.Cities.All.Count(c => c.Kind != UnitKind.Municipality && c.ValidIn(2024)));
    }

    [Theory]
    // South-east: the canonical south-east cities of published Hu-line maps, including the three that a
    // straight line in longitude/latitude misplaces (domain-facts §7; Hu 1935 "中国人口之分布").
    [InlineData("成都市", HuSide.Southeast)]
    [InlineData("西安市", HuSide.Southeast)]
    [InlineData("太原市", HuSide.Southeast)]
    [InlineData("重庆市", HuSide.Southeast)]
    [InlineData("昆明市", HuSide.Southeast)]
    [InlineData("哈尔滨市", HuSide.Southeast)]
    [InlineData("上海市", HuSide.Southeast)]
    [InlineData("广州市", HuSide.Southeast)]
    // North-west: capitals of the provinces that lie wholly beyond the line.
    [InlineData("乌鲁木齐市", HuSide.Northwest)]
    [InlineData("拉萨市", HuSide.Northwest)]
    [InlineData("兰州市", HuSide.Northwest)]
    [InlineData("西宁市", HuSide.Northwest)]
    [InlineData("银川市", HuSide.Northwest)]
    [InlineData("呼和浩特市", HuSide.Northwest)]
    public void Cities_fall_on_the_published_side_of_the_Hu_line(string name, HuSide side) =>
        Assert.Equal(side, M.Cities.All.Single(c => c.Name == name && c.ValidIn(2020)).HuSide);

    [Fact]
    public void Regions_follow_the_traditional_three_way_division()
    {
        Assert.Equal(Region.East, M.Cities.Get(new CityCode(210100)).Region); // 沈阳: Liaoning is east
        Assert.Equal(Region4.Northeast, M.Cities.Get(new CityCode(210100)).Region4);
        Assert.Equal(Region.Central, M.Cities.Get(new CityCode(230100)).Region); // 哈尔滨
        Assert.Equal(Region.West, M.Cities.Get(new CityCode(450100)).Region); // 南宁: Guangxi is west
        Assert.Equal(Region.West, M.Cities.Get(new CityCode(150100)).Region); // 呼和浩特
    }

    [Fact]
    public void No_pattern_in_the_KDT_table_shadows_another_of_the_same_branch()
    {
        foreach (var b in M.Kdt.Branches)
            for (var i = 0; i < b.Patterns.Count; i++)
                for (var j = 0; j < b.Patterns.Count; j++)
                    if (i != j) Assert.False(b.Patterns[i].Covers(b.Patterns[j]), $"branch {b.BranchNo}: {b.Patterns[i]} covers {b.Patterns[j]}");
        Assert.Equal(527, M.Kdt.Branches.Count);
        Assert.Equal(7, M.Kdt.Branches.Select(b => b.TechnologyId).Distinct().Count());
        // Overlaps across branches are by design and counted, not hidden.
        Assert.True(M.Kdt.CrossBranchOverlaps > 0);
    }

    [Fact]
    public void Every_observed_panel_variable_has_a_source()
    {
        foreach (var v in M.Variables.PanelVariables.Where(v => v.Method == "observed"))
            Assert.NotEmpty(M.Variables.SourcesOf(v.Name));
        Assert.Equal(["nq_rev", "nq_emp", "dig_real", "digital_patent", "human", "gdp", "pop", "ent_act", "ind3_share"],
            M.Variables.PanelVariables.Select(v => v.Name));
    }

    [Theory]
    // Cables, batteries, switches, lamps (WIPO field 1) are electrical equipment, a real-economy industry,
    // although their IPC class H01 is filed mostly by electronics groups (NACE 26).
    [InlineData("H01B", 7, "18", "27", IndustrySector.Real)]
    [InlineData("H01M", 10, "052", "27", IndustrySector.Real)]
    [InlineData("H05B", 45, "00", "27", IndustrySector.Real)]
    // Semiconductors and antennas stay with their class: computers and electronics.
    [InlineData("H01L", 21, "00", "26", IndustrySector.Digital)]
    [InlineData("H01Q", 1, "36", "26", IndustrySector.Digital)]
    // Medicinal preparations are pharmaceuticals; cosmetics (A61K 8, a group of its own in the WIPO concordance) chemicals.
    [InlineData("A61K", 31, "00", "21", IndustrySector.Real)]
    [InlineData("A61K", 8, "02", "20", IndustrySector.Real)]
    // A class the concordance does not split keeps its class row.
    [InlineData("G06F", 16, "27", "26", IndustrySector.Digital)]
    public void A_code_takes_the_most_specific_row_of_the_industry_concordance(string subclass, int group, string subgroup, string division, IndustrySector sector)
    {
        var industry = M.Industries.ForCode(new Etl.Domain.Ipc.IpcCode(subclass, group, subgroup));
        Assert.NotNull(industry);
        Assert.Equal((division, sector), (industry.Code, industry.Sector));
    }
}
