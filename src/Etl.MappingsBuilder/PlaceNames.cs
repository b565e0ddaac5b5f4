namespace Etl.MappingsBuilder;

/// <summary>Short forms of prefecture-level names, as yearbooks and addresses use them.</summary>
internal static class PlaceNames
{
    // Ethnic groups named in autonomous prefecture names; removed from the end after 自治州.
    private static readonly string[] s_ethnic =
    [
        "朝鲜族", "土家族", "苗族", "藏族", "羌族", "彝族", "布依族", "侗族", "壮族", "哈尼族", "傣族", "白族", "景颇族",
        "傈僳族", "回族", "蒙古族", "蒙古", "柯尔克孜", "哈萨克", "维吾尔族", "哈萨克族", "柯尔克孜族",
    ];

    /// <summary>石家庄市 → 石家庄; 毕节地区 → 毕节; 延边朝鲜族自治州 → 延边; 兴安盟 → 兴安.</summary>
    public static string ShortName(string name)
    {
        if (name.EndsWith("自治州", StringComparison.Ordinal))
        {
            var s = name[..^3];
            bool changed;
            do
            {
                changed = false;
                foreach (var e in s_ethnic)
                    if (s.Length > e.Length + 1 && s.EndsWith(e, StringComparison.Ordinal)) { s = s[..^e.Length]; changed = true; }
            } while (changed);
            return s;
        }
        if (name.EndsWith("地区", StringComparison.Ordinal)) return name[..^2];
        if (name.Length > 2 && (name.EndsWith('市') || name.EndsWith('盟'))) return name[..^1];
        return name;
    }
}
