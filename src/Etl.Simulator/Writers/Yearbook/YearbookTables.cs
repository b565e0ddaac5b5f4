namespace Etl.Simulator.Writers.Yearbook;

/// <summary>An indicator column of a yearbook table. <see cref="Variable"/> is a catalogue variable or a distractor id.</summary>
internal sealed record Indicator(string Variable, string NameZh, string NameEn, string UnitZh, string UnitEn);

/// <summary>A yearbook table: chapter-table number, titles and indicator columns (repeated for 全市 and 市辖区).</summary>
internal sealed record YearbookTable(string Number, string TitleZh, string TitleEn, Indicator[] Indicators);

/// <summary>The tables of the China City Statistical Yearbook the simulator writes, by edition.</summary>
internal static class YearbookTables
{
    public static IReadOnlyList<YearbookTable> For(int edition, bool studentsInTenThousands)
    {
        var gdpWord = edition <= 2015 ? "GDP" : "地区生产总值";
        var population = new List<Indicator>
        {
            new("pop_registered", "年末户籍人口", "Registered Population at Year-end", "万人", "10 000 persons"),
            new("avg_pop", "年平均人口", "Annual Average Population", "万人", "10 000 persons"),
            new("area", "行政区域土地面积", "Area of Administrative Region", "平方公里", "sq.km"),
        };
        if (edition - 1 >= Publishing.PublicationPlanner.YearbookResidentPopulationFrom)
            population.Insert(1, new("pop", "年末常住人口", "Resident Population at Year-end", "万人", "10 000 persons"));
        return
        [
            new("2-1", "人口", "Population", [.. population]),
            new("4-1", "地区生产总值", "Gross Regional Product",
            [
                new("gdp_total", "地区生产总值", "Gross Regional Product", "万元", "10 000 yuan"),
                new("gdp", edition <= 2013 ? "人均GDP" : "人均地区生产总值", "Per Capita GRP", "元", "yuan"),
                new("growth", "地区生产总值增长率", "Growth Rate of GRP", "%", "%"),
            ]),
            new("4-2", "地区生产总值构成", "Composition of Gross Regional Product",
            [
                new("ind1", $"第一产业占{gdpWord}的比重", "Primary Industry as Percentage to GRP", "%", "%"),
                new("ind2", $"第二产业占{gdpWord}的比重", "Secondary Industry as Percentage to GRP", "%", "%"),
                new("ind3_share", $"第三产业占{gdpWord}的比重", "Tertiary Industry as Percentage to GRP", "%", "%"),
            ]),
            new("10-1", "教育", "Education",
            [
                new("colleges", "普通高等学校", "Institutions of Higher Education", "所", "unit"),
                new("students", "普通高等学校在校学生数", "Student Enrollment in Institutions of Higher Education",
                    studentsInTenThousands ? "万人" : "人", studentsInTenThousands ? "10 000 persons" : "person"),
                new("secondary", "普通中学在校学生数", "Student Enrollment in Secondary Schools", "人", "person"),
            ]),
        ];
    }
}
