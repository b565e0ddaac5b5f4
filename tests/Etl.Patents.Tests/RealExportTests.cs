using System.Globalization;
using Etl.Domain.Staging;
using Etl.Patents.Aggregation;
using Etl.Patents.Ipc;
using Etl.Patents.Reading;
using Etl.Testing;

namespace Etl.Patents.Tests;

/// <summary>
/// The patent stage on real export header sets (RealSamples/exports: vendors' exact headers with real records,
/// see SOURCES.md), and on workbook copies of them written by another program (make_workbooks.py), against
/// expectation files written by reading the records: every invention application of 2010-2024 by a located
/// domestic applicant is kept in its city and year; every other record is excluded or quarantined; the IPC
/// codes as exported read as the codes the expectation lists.
/// </summary>
public class RealExportTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "RealSamples", "exports");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(s_root).Where(f => !f.EndsWith(".expect.csv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal)
                                                                     && !f.EndsWith(".py", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    private sealed class Sink : IKeptRecordSink
    {
        public List<KeptRecord> Records { get; } = [];

        public void Add(in KeptRecord record, ReadOnlySpan<ushort> industries, ReadOnlySpan<ushort> branches) => Records.Add(record);
    }

    /// <summary>The expectation of a sample: its own, or for a workbook copy the one of the CSV it was made from (named in its first line).</summary>
    private static Expectations ExpectationOf(string sample)
    {
        var stem = Path.GetFileNameWithoutExtension(sample);
        return Expectations.Read(Path.Combine(s_root, stem + ".expect.csv"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_record_is_kept_in_its_city_and_year_or_set_aside(string sample)
    {
        var e = ExpectationOf(sample);
        using var dir = new TempDirectory("real-export");
        var path = dir.File(sample);
        File.Copy(Path.Combine(s_root, sample), path);
        var sink = new Sink();
        var stage = new PatentStage(RepoPaths.LoadedMappings);
        var result = stage.Run([new PatentFile(path, "patents/" + sample, "", new FileInfo(path).Length)], 1, sink);
        var outcome = result.Files.Single();
        Assert.True(outcome.Reconciles, $"{sample}: counts do not reconcile");

        var problems = new List<string>();
        if (e.Meta.TryGetValue("file", out var fileExpectation) && fileExpectation.StartsWith("rejected", StringComparison.Ordinal))
        {
            if (outcome.Rejection is null) problems.Add($"the file should be rejected ({fileExpectation}), but was read: {outcome.Note}");
        }
        else
        {
            Assert.True(outcome.Rejection is null, $"{sample}: rejected as {outcome.Rejection}: {string.Join(" | ", result.Quarantine.Select(q => q.Detail))}");
            Assert.Equal(e.Rows.Count, outcome.Read - outcome.Excluded.GetValueOrDefault("preamble_row"));
        }
        foreach (var r in e.Rows)
        {
            Assert.True(ApplicationNumber.TryParse(r["app_no"], out var key, out _, out var why), $"{sample}: expectation {r["app_no"]}: {why}");
            var year = int.Parse(r["year"], CultureInfo.InvariantCulture);
            var kept = sink.Records.Where(x => x.Key == key).ToList();
            var city = r["city_code"];
            var shouldKeep = outcome.Rejection is null && r["kind"] == "invention" && int.TryParse(city, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                             && year is >= 2010 and <= 2024 && r["ipc_codes"].Length > 0;
            if (shouldKeep)
            {
                var unit = int.Parse(city, CultureInfo.InvariantCulture);
                if (!kept.Any(x => x.Unit == unit && x.Year == year))
                    problems.Add($"{r["app_no"]} should be kept in {unit} {year}; kept: {string.Join(", ", kept.Select(x => $"{x.Unit} {x.Year}"))}; quarantined: {string.Join(" | ", result.Quarantine.Select(q => q.Locator + " " + q.Reason + " " + q.Detail))}");
            }
            else if (kept.Count > 0)
                problems.Add($"{r["app_no"]} ({r["kind"]}, {city}, {year}) should not be kept, but is kept in {kept[0].Unit} {kept[0].Year}");
        }
        Assert.True(problems.Count == 0, $"{sample}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Ipc_lists_as_exported_read_as_the_codes_a_person_reads(string sample)
    {
        if (!sample.EndsWith(".csv", StringComparison.Ordinal)) return;
        var e = ExpectationOf(sample);
        // The sample's IPC columns as printed, by application number, read back with the vendor's own quoting.
        var text = Etl.Domain.Text.EncodingDetector.Decode(File.ReadAllBytes(Path.Combine(s_root, sample))).Text;
        using var csv = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { HasHeader = true, FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow });
        csv.ReadHeader();
        var columns = ExportColumns.From(csv.Headers.ToList());
        if (!columns.Has(ExportField.Ipc) && !columns.Has(ExportField.MainIpc)) return;
        var printed = new Dictionary<long, string>();
        while (csv.Read())
        {
            if (!ApplicationNumber.TryParse(csv.GetString(columns[ExportField.ApplicationNumber]), out var key, out _, out _)) continue;
            var ipc = columns.Has(ExportField.Ipc) ? csv.GetString(columns[ExportField.Ipc]) : "";
            var main = columns.Has(ExportField.MainIpc) ? csv.GetString(columns[ExportField.MainIpc]) : "";
            printed[key] = ipc + ";" + main;
        }
        foreach (var r in e.Rows.Where(r => r["ipc_codes"].Length > 0))
        {
            Assert.True(ApplicationNumber.TryParse(r["app_no"], out var key, out _, out _));
            var read = new List<long>();
            IpcNotation.Parse(printed[key], read, out _);
            var expected = new List<long>();
            IpcNotation.Parse(r["ipc_codes"], expected, out var bad);
            Assert.Equal(0, bad);
            Assert.True(expected.All(read.Contains), $"{sample} {r["app_no"]}: '{printed[key]}' reads as {read.Count} codes, missing some of {r["ipc_codes"]}");
        }
    }
}
