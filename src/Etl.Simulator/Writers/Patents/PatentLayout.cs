namespace Etl.Simulator.Writers.Patents;

/// <summary>Fields a patent export can carry.</summary>
internal enum PatentField { AppNo, AppDate, PubNo, PubDate, Title, Abstract, Applicant, Address, ProvinceCode, Ipc, MainIpc, Type, Inventor }

/// <summary>A vendor's export layout: column headers in order.</summary>
internal sealed record PatentLayout(string Name, (PatentField Field, string Header)[] Columns, bool QuoteAllText, bool LineBreaksInAbstract, int TypeLabels)
{
    public static readonly PatentLayout[] All =
    [
        new("cnipa", [(PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.PubNo, "公开(公告)号"), (PatentField.PubDate, "公开(公告)日"),
            (PatentField.Title, "发明名称"), (PatentField.Abstract, "摘要"), (PatentField.Applicant, "申请(专利权)人"), (PatentField.Address, "地址"),
            (PatentField.ProvinceCode, "国省代码"), (PatentField.Ipc, "IPC分类号"), (PatentField.MainIpc, "主分类号"), (PatentField.Type, "专利类型")], true, false, 0),
        new("incopat", [(PatentField.Title, "标题"), (PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.PubNo, "公开(公告)号"),
            (PatentField.Applicant, "申请人"), (PatentField.Address, "申请人地址"), (PatentField.Ipc, "IPC"), (PatentField.MainIpc, "IPC主分类"),
            (PatentField.Type, "专利类型"), (PatentField.Abstract, "摘要"), (PatentField.Inventor, "发明人")], false, true, 1),
        new("patsnap", [(PatentField.PubNo, "公开(公告)号"), (PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.Title, "标题"),
            (PatentField.Abstract, "摘要"), (PatentField.Applicant, "申请(专利权)人"), (PatentField.Address, "申请人地址"), (PatentField.ProvinceCode, "申请人省市"),
            (PatentField.Ipc, "IPC分类号"), (PatentField.MainIpc, "IPC主分类号"), (PatentField.Type, "专利类型")], false, false, 0),
        new("english", [(PatentField.AppNo, "application_number"), (PatentField.AppDate, "application_date"), (PatentField.PubNo, "publication_number"),
            (PatentField.Title, "title"), (PatentField.Abstract, "abstract"), (PatentField.Applicant, "applicant"), (PatentField.Address, "applicant_address"),
            (PatentField.Ipc, "ipc"), (PatentField.MainIpc, "main_ipc"), (PatentField.Type, "patent_type")], false, false, 2),
        new("cnipa-short", [(PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.Title, "名称"), (PatentField.Abstract, "摘要"),
            (PatentField.Applicant, "申请人"), (PatentField.Address, "申请人地址"), (PatentField.Ipc, "分类号")], false, false, 0),
        // The header sets below follow the real exports documented in tests/Etl.Patents.Tests/RealSamples/exports/SOURCES.md
        // (full-width parentheses as the vendors print them).
        new("cnipr", [(PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.PubNo, "公开（公告）号"), (PatentField.PubDate, "公开（公告）日"),
            (PatentField.Title, "名称"), (PatentField.MainIpc, "主分类号"), (PatentField.Ipc, "分类号"), (PatentField.Applicant, "申请（专利权）人"),
            (PatentField.Inventor, "发明（设计）人"), (PatentField.Address, "地址"), (PatentField.ProvinceCode, "国省代码"), (PatentField.Abstract, "摘要"),
            (PatentField.Type, "专利类型")], false, false, 0),
        new("innojoy", [(PatentField.Title, "名称"), (PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.PubNo, "公开（公告）号"),
            (PatentField.Applicant, "申请人"), (PatentField.Address, "申请人地址"), (PatentField.ProvinceCode, "国省代码"), (PatentField.MainIpc, "IPC主分类号"),
            (PatentField.Ipc, "IPC分类号"), (PatentField.Abstract, "摘要")], false, false, 0),
        new("cnpatentdb", [(PatentField.Title, "专利名称"), (PatentField.Type, "专利类型"), (PatentField.Applicant, "申请人"), (PatentField.Address, "申请人地址"),
            (PatentField.AppNo, "申请号"), (PatentField.AppDate, "申请日"), (PatentField.PubNo, "公开公告号"), (PatentField.PubDate, "公开公告日"),
            (PatentField.Ipc, "IPC分类号"), (PatentField.MainIpc, "IPC主分类号"), (PatentField.Inventor, "发明人"), (PatentField.Abstract, "摘要文本")], false, false, 0),
    ];

    /// <summary>The label of a patent type (1 invention application, 4 invention grant, 2 utility model, 3 design).</summary>
    public string TypeLabel(int type) => (TypeLabels, type) switch
    {
        (2, 1) => "invention",
        (2, 4) => "invention grant",
        (2, 2) => "utility model",
        (2, 3) => "design",
        (1, 1) => "发明申请",
        (_, 1) => "发明专利",
        (_, 4) => "发明授权",
        (_, 2) => "实用新型",
        _ => "外观设计",
    };
}
