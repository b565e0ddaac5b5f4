using System.Globalization;
using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Domain.Units;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// The yearbook parser on real layouts (RealSamples/yearbook: long panels as researchers circulate them, CNKI
/// downloads as HTML and as GBK CSV under .xls names, city yearbooks; see SOURCES.md), against expectations
/// written by reading each file: every value of the panel's years (2010-2024) is staged under the year the data
/// name, whatever folder the file sits in; nothing else is staged.
/// </summary>
public class RealYearbookTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "RealSamples", "yearbook");

    /// <summary>
    /// The name each sample is given in the raw folder: the CNKI samples under .xls names, as they are downloaded; the
    /// city yearbook under a name that says whose it is, as a user files it (the table itself names no city).
    /// </summary>
    private static readonly Dictionary<string, string> s_names = new(StringComparer.Ordinal)
    {
        ["cnki-html-1.html"] = "yearbook/raw-2020-2021-01.xls",
        ["cnki-html-2.html"] = "yearbook/tab1.xls",
        ["cnki-gbk-csv-1.csv"] = "yearbook/1-2.xls",
        ["city-yearbook-1.csv"] = "yearbook/常州统计年鉴-4-8.csv",
    };

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(s_root).Where(f => !f.EndsWith(".expect.csv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    private static ParsedFile Parse(string sample)
    {
        using var dir = new TempDirectory("real-yearbook");
        // Not in an edition folder: the year must come from the data.
        var relative = s_names.GetValueOrDefault(sample, "yearbook/" + sample);
        var target = Path.Combine(dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(s_root, sample), target);
        return new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(dir.Path, SourceKind.Yearbook).Single());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_file_yields_what_a_careful_reader_takes(string sample)
    {
        var e = Expectations.Read(Path.Combine(s_root, Path.GetFileNameWithoutExtension(sample) + ".expect.csv"));
        var f = Parse(sample);
        Assert.True(f.Outcome.Reconciles, $"{sample}: counts do not reconcile");
        var problems = new List<string>();
        var inWindow = e.Rows.Where(r => PanelYears.Contains(int.Parse(r["year"], CultureInfo.InvariantCulture))).ToList();
        foreach (var r in inWindow)
        {
            var variable = r["variable"];
            var unit = UnitConverter.Normalize(TextNormalizer.Fold(r["unit"]));
            var factor = UnitConverter.Factor(RepoPaths.LoadedMappings.Variables.Get(variable).Unit, unit)
                         ?? throw new InvalidOperationException($"{sample}: {unit} does not convert for {variable}");
            var want = (double)(decimal.Parse(r["value"], NumberStyles.Float, CultureInfo.InvariantCulture) * factor);
            var city = new CityCode(int.Parse(r["city_code"], CultureInfo.InvariantCulture));
            var year = int.Parse(r["year"], CultureInfo.InvariantCulture);
            if (!f.Facts.Any(x => x.City == city && x.Year == year && x.Variable == variable && Math.Abs(x.Value - want) <= 1e-9 * Math.Max(1, Math.Abs(want))))
                problems.Add($"missed {city} {year} {variable} = {r["value"]} {r["unit"]}; staged: {string.Join(", ", f.Facts.Where(x => x.City == city && x.Variable == variable).Select(x => $"{x.Year}={x.Value}"))}");
        }
        foreach (var x in f.Facts.Where(x => !inWindow.Any(r => r["variable"] == x.Variable && r["city_code"] == x.City.ToString() && r["year"] == x.Year.ToString(CultureInfo.InvariantCulture))))
            problems.Add($"took {x.City} {x.Year} {x.Variable} = {x.RawText} {x.RawUnit}, which the reader does not take ({x.Locator}: {x.Context})");
        Assert.True(problems.Count == 0, $"{sample} ({f.Outcome.Rejection ?? "read"}; {string.Join(" | ", f.Quarantine.Take(3).Select(q => q.Reason + " " + q.Detail))}):\n  " + string.Join("\n  ", problems));
    }
}
