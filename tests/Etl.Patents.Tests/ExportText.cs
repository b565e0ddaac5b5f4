namespace Etl.Patents.Tests;

/// <summary>Hand-written export rows: invention applications of 2015 by an applicant in Kunshan (Suzhou, 320500).</summary>
internal static class ExportText
{
    public const string Header = "申请号,申请日,发明名称,摘要,申请人,申请人地址,IPC分类号,专利类型";

    /// <summary>The column names of <see cref="Header"/>, one per cell.</summary>
    public static readonly string[] Columns = Header.Split(',');

    /// <summary>The application number of serial <paramref name="serial"/>, with its check character.</summary>
    public static string Number(int serial)
    {
        var digits = $"2015100{serial:D5}";
        return $"{digits}.{Reading.ApplicationNumber.CheckCharacter(digits)}";
    }

    /// <summary>The fields of a row, in <see cref="Header"/>'s order.</summary>
    public static string[] Fields(int serial, string address = "江苏省苏州市昆山市人民路1号", string ipc = "A01B1/00", string date = "2015-03-02") =>
        [Number(serial), date, "一种水稻播种的控制方法", "本发明涉及农业领域。", "华创科技有限公司", address, ipc, "发明专利"];

    public static string Row(int serial, string address = "江苏省苏州市昆山市人民路1号", string ipc = "A01B1/00", string date = "2015-03-02") =>
        string.Join(',', Fields(serial, address, ipc, date));

    public static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
