using System.Text;

namespace Etl.Simulator.Writers.Patents;

/// <summary>Plausible applicant names.</summary>
internal static class ApplicantNames
{
    private static readonly string[] s_words = ["华创", "智联", "恒通", "天成", "博远", "瑞达", "宏图", "新源", "正泰", "长风", "海信", "中科", "精工", "远望", "鼎盛", "联合"];
    private static readonly string[] s_kinds = ["科技有限公司", "股份有限公司", "电子有限公司", "机械制造有限公司", "信息技术有限公司", "智能装备有限公司", "新材料有限公司"];
    private static readonly string[] s_institutes = ["大学", "理工大学", "科技大学", "研究院", "工程技术研究中心"];
    private static readonly string[] s_surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] s_given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "勇", "军", "杰", "涛"];
    private static readonly string[] s_foreign = ["国际商业机器公司", "三星电子株式会社", "西门子公司", "索尼集团公司", "高通股份有限公司", "皇家飞利浦有限公司", "佳能株式会社", "爱立信电话股份有限公司"];

    /// <summary>Shares of companies, institutes and individuals among domestic applicants.</summary>
    private static readonly double[] s_domesticKinds = [0.7, 0.2, 0.1];

    public static string Domestic(Prng rng, string cityShortName) => rng.PickWeighted(s_domesticKinds) switch
    {
        0 => $"{cityShortName}{rng.Pick(s_words)}{rng.Pick(s_kinds)}",
        1 => $"{cityShortName}{rng.Pick(s_institutes)}",
        _ => rng.Pick(s_surnames) + rng.Pick(s_given) + (rng.Chance(0.5) ? rng.Pick(s_given) : ""),
    };

    public static string Foreign(Prng rng) => rng.Pick(s_foreign);

    /// <summary>Names of inventors (one to three people).</summary>
    public static string Inventors(Prng rng)
    {
        var count = 1 + rng.Next(3);
        var names = new StringBuilder(4 * count);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) names.Append(';');
            names.Append(rng.Pick(s_surnames)).Append(rng.Pick(s_given));
            if (rng.Chance(0.5)) names.Append(rng.Pick(s_given));
        }
        return names.ToString();
    }
}
