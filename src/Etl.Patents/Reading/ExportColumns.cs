using Etl.Domain.Text;

namespace Etl.Patents.Reading;

/// <summary>The fields the patent stage reads from an export.</summary>
public enum ExportField { ApplicationNumber, ApplicationDate, Title, Abstract, Applicant, Address, Ipc, MainIpc, Type, Province, City }

/// <summary>
/// Finds the columns of an export by their header, in any order, under the names vendors use (CNIPA,
/// incoPat, PatSnap, CNRDS, English exports). Headers are compared half-width, without spaces and
/// case-insensitively; the first column with a known name wins.
/// </summary>
public sealed class ExportColumns
{
    private static readonly Dictionary<string, ExportField> s_names = Build(new()
    {
        [ExportField.ApplicationNumber] = ["申请号", "申请号码", "专利申请号", "申请号(AN)", "application_number", "applicationnumber", "appln_nr", "an"],
        [ExportField.ApplicationDate] = ["申请日", "申请日期", "申请时间", "application_date", "applicationdate", "filing_date", "filingdate", "ad"],
        [ExportField.Title] = ["发明名称", "标题", "名称", "专利名称", "发明创造名称", "标题(中文)", "中文标题", "题名", "发明名称(中文)", "专利标题", "title", "ti"],
        [ExportField.Abstract] = ["摘要", "申请摘要", "摘要文本", "摘要(中文)", "中文摘要", "abstract", "ab"],
        [ExportField.Applicant] = ["申请人", "申请(专利权)人", "专利权人", "申请人名称", "第一申请人", "[标]原始申请(专利权)人", "原始申请(专利权)人", "applicant", "applicants", "pa"],
        [ExportField.Address] = ["申请人地址", "地址", "第一申请人地址", "申请人(专利权人)地址", "原始申请(专利权)人地址", "申请(专利权)人地址", "[标]原始申请(专利权)人地址",
            "通讯地址", "applicant_address", "applicantaddress", "address"],
        [ExportField.Province] = ["申请人地区", "申请人(省市)", "申请人省市", "申请人省份", "申请人所在省", "申请人所在省份", "当前申请(专利权)人州/省", "原始申请(专利权)人州/省",
            "申请人州/省", "省份", "省"],
        [ExportField.City] = ["申请人城市", "中国申请人地市", "申请人(地市)", "申请人地市", "申请人所在城市", "申请人所在地市", "当前申请(专利权)人地市", "原始申请(专利权)人地市", "城市", "地市"],
        [ExportField.Ipc] = ["ipc分类号", "ipc", "分类号", "国际专利分类号", "国际分类号", "ipc分类", "ipc_codes", "ipccodes", "ic"],
        [ExportField.MainIpc] = ["主分类号", "ipc主分类号", "ipc主分类", "主ipc", "主ipc分类号", "main_ipc", "mainipc"],
        [ExportField.Type] = ["专利类型", "类型", "申请类型", "patent_type", "patenttype", "type"],
    });

    private readonly int[] _index;

    private ExportColumns(int[] index) => _index = index;

    /// <summary>Column index of a field, or -1.</summary>
    public int this[ExportField field] => _index[(int)field];

    /// <summary>Whether the export has the field.</summary>
    public bool Has(ExportField field) => _index[(int)field] >= 0;

    /// <summary>Fields the stage cannot work without (an address, or the city column some vendors give instead, is checked apart).</summary>
    public static readonly IReadOnlyList<ExportField> Required = [ExportField.ApplicationNumber, ExportField.ApplicationDate];

    /// <summary>Maps decoded header names to fields.</summary>
    public static ExportColumns From(IReadOnlyList<string> headers)
    {
        var index = Enumerable.Repeat(-1, Enum.GetValues<ExportField>().Length).ToArray();
        for (var i = 0; i < headers.Count; i++)
            if (s_names.TryGetValue(Key(headers[i]), out var f) && index[(int)f] < 0) index[(int)f] = i;
        return new ExportColumns(index);
    }

    /// <summary>
    /// The fields a header row lacks: the required ones, an IPC column of either kind, and, when branches are
    /// confirmed by keywords, a title or an abstract (without either, nothing could be digital).
    /// </summary>
    public List<string> Missing(bool needText)
    {
        var missing = Required.Where(f => !Has(f)).Select(f => f.ToString()).ToList();
        if (!Has(ExportField.Address) && !Has(ExportField.City)) missing.Add("Address");
        if (!Has(ExportField.Ipc) && !Has(ExportField.MainIpc)) missing.Add("Ipc");
        if (needText && !Has(ExportField.Title) && !Has(ExportField.Abstract)) missing.Add("Title or Abstract");
        return missing;
    }

    /// <summary>The columns used, for the file's note: <c>ApplicationNumber=申请号; ...</c>.</summary>
    public string Describe(IReadOnlyList<string> headers) =>
        string.Join("; ", Enum.GetValues<ExportField>().Where(Has).Select(f => $"{f}={headers[this[f]]}"));

    private static string Key(string header) =>
        TextNormalizer.RemoveWhitespace(TextNormalizer.ToHalfWidth(header.Trim('\uFEFF', '"'))).Replace('（', '(').Replace('）', ')').ToLowerInvariant();

    private static Dictionary<string, ExportField> Build(Dictionary<ExportField, string[]> names)
    {
        var d = new Dictionary<string, ExportField>(StringComparer.Ordinal);
        foreach (var (field, list) in names)
            foreach (var n in list) d[Key(n)] = field;
        return d;
    }
}
