using System.Globalization;
using System.IO.Compression;
using System.Security;
using Etl.Simulator.Writers.Patents;
using ExcelDataReader;

namespace Etl.Simulator.Tests;

/// <summary>A workbook export keeps every value as written, the XML special characters included.</summary>
public class XlsxExportWriterTests
{
    private static readonly string[] s_values = ["A&B<公司>", "\"引号\" 'single'", "a&&b<<>>", "", "&amp;", "无特殊字符"];

    [Fact]
    public void Values_with_markup_characters_read_back_unchanged_and_are_escaped_as_the_runtime_escapes_them()
    {
        var path = Path.Combine(Path.GetTempPath(), $"xlsx-writer-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var writer = new XlsxExportWriter(path, ["名称", "摘要"]))
                for (var i = 0; i + 1 < s_values.Length; i += 2) writer.WriteRow([s_values[i], s_values[i + 1]]);

            // An independent reader sees the values as written (it needs the code pages even for .xlsx).
            System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
            var cells = new List<string>();
            using (var stream = File.OpenRead(path))
            using (var reader = ExcelReaderFactory.CreateReader(stream))
                while (reader.Read())
                    for (var c = 0; c < reader.FieldCount; c++)
                        cells.Add(Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture) ?? "");
            Assert.Equal(["名称", "摘要", .. s_values], cells);

            // The sheet's XML holds each value as SecurityElement.Escape writes it.
            using var zip = ZipFile.OpenRead(path);
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var xml = sheet.ReadToEnd();
            foreach (var v in s_values.Where(v => v.Length > 0))
                Assert.Contains($"<t xml:space=\"preserve\">{SecurityElement.Escape(v)}</t>", xml, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
