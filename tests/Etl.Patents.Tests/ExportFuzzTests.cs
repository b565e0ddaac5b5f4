using System.Text;
using Etl.Testing;
using FsCheck;
using FsCheck.Fluent;
using static Etl.Patents.Tests.ExportText;

namespace Etl.Patents.Tests;

/// <summary>
/// Property-based checks of the export reader. Each case is an export generated from a seed with its expected
/// result known by construction: records with quoted commas, doubled quotes and line breaks, comma or tab
/// separated, CRLF or LF, in UTF-8 (with or without BOM) or GB18030, some of them damaged (a quote left open,
/// a byte that is no character, a field left out), the file perhaps cut short. Whatever the damage, every record that is not
/// damaged is loaded, every damaged one is quarantined at its own line, and the file reconciles.
/// </summary>
public class ExportFuzzTests
{
    private static readonly Lazy<PatentStage> s_stage = new(() => new PatentStage(RepoPaths.LoadedMappings));

    private const string Address = "江苏省苏州市昆山市人民路1号"; // Suzhou, 320500

    private static readonly string[] s_words = ["一种", "数据", "处理", "方法", "装置", "系统", "控制", "水稻", "播种", "传感器", "网络", "计算", "存储"];

    private enum Damage { None, OpenQuote, BadByte, MissingField }

    private sealed record Generated(byte[] Bytes, List<(int Line, Damage Damage)> Records, bool Cut);

    private static string Text(Random rng, int words, bool punctuation, char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            sb.Append(s_words[rng.Next(s_words.Length)]);
            if (!punctuation) continue;
            switch (rng.Next(8))
            {
                case 0: sb.Append(separator); break;
                case 1: sb.Append('"'); break;
                case 2: sb.Append('\n'); break;
                case 3: sb.Append("，"); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A field as a careful writer writes it: quoted when it holds the separator, a quote or a line break.</summary>
    private static string Field(string value, char separator, bool alwaysQuote) =>
        alwaysQuote || value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static Generated Generate(int seed)
    {
        var rng = new Random(seed);
        var separator = rng.Next(3) == 0 ? '\t' : ',';
        var newline = rng.Next(2) == 0 ? "\r\n" : "\n";
        var encoding = rng.Next(3) switch
        {
            0 => (Encoding)new UTF8Encoding(true),
            1 => new UTF8Encoding(false),
            _ => Etl.Domain.Text.ChineseEncodings.Gb18030,
        };
        var quoteAll = rng.Next(4) == 0;
        var count = rng.Next(1, 40);
        var damaged = new Dictionary<int, Damage>();
        for (var d = rng.Next(0, 3); d > 0; d--) damaged[rng.Next(count)] = (Damage)rng.Next(1, 4);

        using var bytes = new MemoryStream();
        bytes.Write(encoding.GetPreamble());
        void Write(string s) => bytes.Write(encoding.GetBytes(s));
        Write(string.Join(separator, "申请号", "申请日", "发明名称", "摘要", "申请人", "申请人地址", "IPC分类号", "专利类型") + newline);
        var line = 2;
        var records = new List<(int, Damage)>();
        long lastStart = 0;
        for (var i = 0; i < count; i++)
        {
            lastStart = bytes.Position;
            var damage = damaged.GetValueOrDefault(i);
            var title = Text(rng, rng.Next(1, 6), punctuation: false, separator);
            var summary = Text(rng, rng.Next(3, 30), punctuation: true, separator).Replace("\n", newline, StringComparison.Ordinal);
            var fields = new[]
            {
                Field(Number(i + 1), separator, quoteAll), Field("2015-03-02", separator, quoteAll),
                damage == Damage.OpenQuote ? "\"" + title : Field(title, separator, quoteAll),
                Field(summary, separator, quoteAll), Field("华创科技有限公司", separator, quoteAll), Field(Address, separator, quoteAll),
                Field("A01B1/00", separator, quoteAll), Field("发明专利", separator, quoteAll),
            };
            var text = string.Join(separator, damage == Damage.MissingField ? fields.Where((_, k) => k != 3) : fields) + newline;
            records.Add((line, damage));
            if (damage == Damage.BadByte)
            {
                // 0xFF is no lead byte in UTF-8 or GB18030: put it inside the applicant's name.
                var at = text.IndexOf("华创", StringComparison.Ordinal);
                Write(text[..at]);
                bytes.WriteByte(0xFF);
                Write(text[at..]);
            }
            else Write(text);
            line += text.Count(c => c == '\n');
        }
        var all = bytes.ToArray();
        // Sometimes the file is cut inside its last record (a download that broke off).
        var cut = count > 1 && rng.Next(4) == 0;
        if (cut) all = all[..(int)rng.NextInt64(lastStart + 1, all.Length)];
        return new Generated(all, records, cut);
    }

    private static bool Holds(int seed)
    {
        var g = Generate(seed);
        using var dir = new TempDirectory("export-fuzz");
        var path = dir.File("export.csv");
        File.WriteAllBytes(path, g.Bytes);
        var result = s_stage.Value.Run([new PatentFile(path, "patents/export.csv", "", g.Bytes.Length)]);
        var o = result.Files.Single();
        var why = $"seed {seed}: read {o.Read}, loaded {o.Loaded}, quarantined {string.Join(" ", result.Quarantine.Select(q => $"[{q.Locator} {q.Reason}]"))}";
        if (o.Rejection is not null || !o.Reconciles) throw new Xunit.Sdk.XunitException(why);

        // The last record of a cut file may come out any way; every other record is settled as constructed.
        var judged = g.Cut ? g.Records[..^1] : g.Records;
        var quarantinedLines = result.Quarantine.Select(q => q.Locator.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, damage) in judged)
        {
            var quarantined = quarantinedLines.Contains($"line {line}");
            if (quarantined != (damage != Damage.None)) throw new Xunit.Sdk.XunitException($"{why}: line {line} ({damage})");
        }
        var expectedLoaded = judged.Count(r => r.Damage == Damage.None);
        var loaded = o.Loaded;
        if (g.Cut ? loaded - expectedLoaded is < 0 or > 1 : loaded != expectedLoaded) throw new Xunit.Sdk.XunitException($"{why}: expected {expectedLoaded} loaded");
        var counted = result.Aggregates.Units.TryGetValue((320500, 2015), out var c) ? c.Inventions : 0;
        return counted == loaded;
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Every_undamaged_record_is_loaded_and_every_damaged_one_quarantined_at_its_line() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Holds);

    [FsCheck.Xunit.Property(MaxTest = 5000)]
    [Trait("Category", "Slow")]
    public Property Every_undamaged_record_is_loaded_and_every_damaged_one_quarantined_at_its_line_many_cases() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Holds);
}
