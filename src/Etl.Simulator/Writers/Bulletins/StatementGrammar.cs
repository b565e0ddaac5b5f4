namespace Etl.Simulator.Writers.Bulletins;

/// <summary>
/// Sentences of a bulletin built from slots with many alternatives each, in the ways real bulletins word
/// them: scope and subject before the indicator, footnote marks and asides between a name and its number,
/// numbers a clause or two away from the indicator they belong to, growth and employment tails, and
/// sentences about one district or county with the same indicator. Every alternative is one a careful
/// reader takes for what the truth says it is; the parser has to as well.
/// </summary>
internal sealed class StatementGrammar(Prng rng, Func<double, string> growth)
{
    private string Pick(params string[] options) => rng.Pick(options);

    private string Growth() => Pick(
        $"，比上年增长{growth(4 + 10 * rng.NextDouble())}%",
        $"，同比增长{growth(4 + 10 * rng.NextDouble())}%",
        $"，增长{growth(4 + 10 * rng.NextDouble())}%",
        $"，较上年增长{growth(4 + 10 * rng.NextDouble())}%",
        "");

    /// <summary>The city's revenue of strategic emerging industries, with its employment when stated.</summary>
    public string Revenue(string amount, string? employment)
    {
        var scope = Pick("全市", "", "我市", "全年全市");
        var subject = Pick("战略性新兴产业", "战略性新兴产业企业", "规模以上战略性新兴产业企业", "战略性新兴产业");
        var mark = Pick("", "", "", "①", "[1]", "（按新统计口径）");
        var head = rng.PickWeighted([0.55, 0.25, 0.2]) switch
        {
            // Indicator and number in one clause.
            0 => $"{scope}{subject}{mark}{Pick("实现营业收入", "营业收入达", "完成营业收入", "营业收入为", "实现营收", "营业收入", "营业收入达到")}{amount}",
            // The subject in an earlier clause than the indicator.
            1 => $"{scope}{subject}{mark}{Pick("发展势头良好", "保持较快发展", "规模持续壮大", "加快发展")}，{Pick("全年", "", "全年累计")}{Pick("实现营业收入", "完成营业收入", "营业收入达")}{amount}",
            // The number in a later clause than the indicator.
            _ => $"{scope}{subject}{mark}营业收入{Pick("保持较快增长", "稳步增长", "实现较快增长")}，{Pick("全年达到", "全年达", "总量达到")}{amount}",
        };
        var tail = employment is null ? "" : rng.PickWeighted([0.3, 0.25, 0.2, 0.15, 0.1]) switch
        {
            0 => $"；年末从业人员{employment}",
            1 => $"。战略性新兴产业从业人员{employment}",
            2 => $"，吸纳从业人员{employment}",
            3 => $"。年末战略性新兴产业从业人员达{employment}，增长{growth(1 + 5 * rng.NextDouble())}%",
            _ => $"；{subject}从业人员{Pick("", "共")}{employment}",
        };
        return head + Growth() + tail + "。";
    }

    /// <summary>A district's or county's revenue of strategic emerging industries: a part of the city, never the city.</summary>
    public string DistrictRevenue(string place, string amount) => rng.PickWeighted([0.4, 0.3, 0.3]) switch
    {
        0 => $"其中，{place}战略性新兴产业营业收入{amount}{Growth()}。",
        1 => $"分区域看，{place}实现战略性新兴产业营业收入{amount}{Growth()}。",
        _ => $"{Pick("县域", "市辖区", "中心城区")}战略性新兴产业营业收入{amount}，占全市的{growth(20 + 30 * rng.NextDouble())}%。",
    };

    /// <summary>GDP per capita, with the dollar figure and growth that must not be taken for it.</summary>
    public string GdpPerCapita(string amount, string dollars) => rng.PickWeighted([0.35, 0.25, 0.2, 0.2]) switch
    {
        0 => $"按常住人口计算，全市人均地区生产总值{amount}元，比上年增长{growth(3 + 5 * rng.NextDouble())}%，按年平均汇率折算为{dollars}美元。",
        1 => $"人均地区生产总值{Pick("达到", "为", "")}{amount}元{Growth()}。",
        2 => $"全市人均GDP{Pick("为", "达")}{amount}元（按年平均汇率折算约{dollars}美元）{Growth()}。",
        _ => $"按常住人口计算的人均生产总值{amount}元{Growth()}。",
    };

    /// <summary>The tertiary share: as the three-sector ratio, or as the share of the third sector, in several wordings.</summary>
    public string TertiaryShare(string first, string second, string third, bool fullWidthColon) => rng.PickWeighted([0.35, 0.15, 0.25, 0.25]) switch
    {
        0 => $"三次产业结构比例为{first}{(fullWidthColon ? "∶" : ":")}{second}{(fullWidthColon ? "∶" : ":")}{third}。",
        1 => $"三次产业结构{Pick("调整为", "优化为")}{first}:{second}:{third}。",
        2 => $"第三产业增加值占地区生产总值的比重为{third}%{Pick("", $"，比上年提高{growth(0.2 + rng.NextDouble())}个百分点")}。",
        _ => $"{Pick("第三产业占比", "第三产业增加值比重")}{Pick("为", "达到", "")}{third}%。",
    };
}
