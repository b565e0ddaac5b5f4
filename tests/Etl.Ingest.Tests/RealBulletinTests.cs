using System.Globalization;
using Etl.Domain;
using Etl.Domain.Staging;
using Etl.Domain.Text;
using Etl.Domain.Units;
using Etl.Testing;

namespace Etl.Ingest.Tests;

/// <summary>
/// The bulletin parser on real bulletins (RealSamples/bulletins: the paragraphs that carry the figures,
/// verbatim from public pages, see SOURCES.md in each folder), against expectation files written by reading
/// each page as a person would: every figure listed is staged with its value, nothing else is staged,
/// no `!`-listed figure is taken, and every statement quarantined as unread is one the file lists as
/// deliberately unread.
/// </summary>
public class RealBulletinTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "RealSamples", "bulletins");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(s_root, "*.expect.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(s_root, f).Replace('\\', '/'));
        return data;
    }

    private static ParsedFile Parse(string expectation)
    {
        var stem = expectation[..^".expect.csv".Length];
        var page = Directory.EnumerateFiles(Path.Combine(s_root, Path.GetDirectoryName(stem)!), Path.GetFileName(stem) + ".*")
            .Single(f => !f.EndsWith(".expect.csv", StringComparison.Ordinal));
        using var dir = new TempDirectory("real-bulletin");
        var target = Path.Combine(dir.Path, "bulletins", Path.GetFileName(page));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(page, target);
        return new Ingestor(RepoPaths.LoadedMappings).ParseOne(RawFolder.List(dir.Path, SourceKind.Bulletin).Single());
    }

    /// <summary>The value of an expectation row in the catalogue unit of its variable.</summary>
    private static double Expected(string variable, string value, string unit)
    {
        var catalogue = RepoPaths.LoadedMappings.Variables.Get(variable).Unit;
        var printed = UnitConverter.Normalize(TextNormalizer.Fold(unit));
        var factor = UnitConverter.Factor(catalogue, printed) ?? throw new InvalidOperationException($"{unit} does not convert to {catalogue}");
        return (double)(decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) * factor);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_page_yields_what_a_careful_reader_takes(string expectation)
    {
        var e = Expectations.Read(Path.Combine(s_root, expectation));
        var f = Parse(expectation);
        Assert.True(f.Outcome.Reconciles, $"{expectation}: the counts do not reconcile");
        var city = e.Meta["city"];
        if (city.StartsWith("none", StringComparison.Ordinal))
        {
            Assert.True(f.Facts.Count == 0, $"{expectation}: nothing should be taken, but {string.Join("; ", f.Facts.Select(x => $"{x.Variable} {x.RawText}{x.RawUnit}"))}");
            return;
        }
        var code = new CityCode(int.Parse(city.Split(' ')[0], CultureInfo.InvariantCulture));
        var year = int.Parse(e.Meta["year"], CultureInfo.InvariantCulture);
        Assert.True(f.Outcome.Rejection is null, $"{expectation}: rejected as {f.Outcome.Rejection}: {string.Join("; ", f.Quarantine.Select(q => q.Detail))}");
        Assert.StartsWith(code.ToString(), f.Outcome.Note, StringComparison.Ordinal);

        var problems = new List<string>();
        var taken = e.Rows.Where(r => !r["variable"].StartsWith('!') && r["variable"] != "unread").ToList();
        foreach (var r in taken)
        {
            var want = Expected(r["variable"], r["value"], r["unit"]);
            var got = f.Facts.Where(x => x.Variable == r["variable"]).ToList();
            if (!got.Any(x => x.City == code && x.Year == year && Math.Abs(x.Value - want) <= 1e-9 * Math.Max(1, Math.Abs(want))))
                problems.Add($"missed {r["variable"]} = {r["value"]}{r["unit"]} ({r["note"]}); staged: {string.Join(", ", got.Select(x => $"{x.RawText}{x.RawUnit}"))}; quarantined: {string.Join(" | ", f.Quarantine.Where(q => q.Detail.Contains(r["variable"], StringComparison.Ordinal)).Select(q => q.Reason + " " + q.Detail))}");
        }
        foreach (var x in f.Facts.Where(x => !taken.Any(r => r["variable"] == x.Variable)))
            problems.Add($"took {x.Variable} = {x.RawText}{x.RawUnit}, which the reader does not take: {x.Context}");
        foreach (var r in e.Rows.Where(r => r["variable"].StartsWith('!')))
        {
            var variable = r["variable"][1..];
            if (RepoPaths.LoadedMappings.Variables.Find(variable) is null || UnitConverter.Factor(RepoPaths.LoadedMappings.Variables.Get(variable).Unit, UnitConverter.Normalize(TextNormalizer.Fold(r["unit"]))) is null) continue;
            var not = Expected(variable, r["value"], r["unit"]);
            if (f.Facts.Any(x => x.Variable == variable && Math.Abs(x.Value - not) <= 1e-9 * Math.Max(1, Math.Abs(not))))
                problems.Add($"took {variable} = {r["value"]}{r["unit"]}, which must not be taken ({r["note"]})");
        }
        var deliberately = e.Rows.Where(r => r["variable"] == "unread").Select(r => r["note"]).ToList();
        foreach (var q in f.Quarantine.Where(q => q.Reason == "unread_statement"))
            if (!deliberately.Any(d => q.Detail.Contains(d, StringComparison.Ordinal)))
                problems.Add($"an unread statement the expectation does not list: {q.Detail}");
        Assert.True(problems.Count == 0, $"{expectation}:\n  " + string.Join("\n  ", problems));
    }
}
