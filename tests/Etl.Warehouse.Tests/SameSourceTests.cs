using Etl.Domain;
using Etl.Domain.Mappings;
using Etl.Domain.Staging;
using Etl.Panel;
using Etl.Pipeline;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>
/// Two values of one source for one city-year: the rule that settles them is stated, and the value set aside
/// is named with where it was printed.
/// </summary>
[Collection("warehouse corpus")]
public class SameSourceTests(WarehouseCorpus corpus)
{
    private static readonly CityCode Shenzhen = new(440300);

    private static StagedFact Gdp(double value, string file) =>
        new(Shenzhen, 2015, "gdp", value, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "元", SourceKind.Yearbook, file, "sheet1!C7", "");

    private static Fact Assemble(params StagedFact[] staged)
    {
        var mappings = MappingSet.Load(RepoPaths.Mappings);
        var a = PanelAssembler.Run(mappings, staged, new Dictionary<(CityCode, int), long>(), new Dictionary<(CityCode, int), double>(),
            AssemblySettings.Default, PatentCoverage.Of(new Dictionary<int, long>(), 0));
        return a.Facts.Single(f => f.City == Shenzhen && f.Year == 2015 && f.Variable == "gdp");
    }

    [Fact]
    public void A_revised_table_wins_over_the_first_printing_whatever_the_file_order()
    {
        var fact = Assemble(Gdp(183000, "yearbook/2016/a_gdp.csv"), Gdp(184000, "yearbook/2016/b_gdp_修订.csv"));
        Assert.Equal(184000, fact.Value);
        Assert.Contains("183000 (yearbook yearbook/2016/a_gdp.csv sheet1!C7; by a revised table", fact.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_revision_the_file_that_sorts_first_wins_and_the_other_is_named()
    {
        var fact = Assemble(Gdp(183000, "yearbook/2016/a_gdp.csv"), Gdp(184000, "yearbook/2016/b_gdp.csv"));
        Assert.Equal(183000, fact.Value);
        Assert.Contains("preferred over 1 other value(s): 184000 (yearbook yearbook/2016/b_gdp.csv", fact.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_exported_twice_with_different_addresses_is_a_recorded_conflict()
    {
        using var dir = new TempDirectory("wh-conflict");
        var raw = dir.File("raw");
        FileTree.Copy(corpus.Raw, raw);
        // The first quote-free record of an applicant in a panel city (so the lineage of its digital_patent exists) in
        // a plain export, exported again by "another vendor" with the applicant in another panel city.
        List<string> panelCities;
        using (var db = corpus.Open())
            panelCities = WarehouseCorpus.Rows(db, "SELECT DISTINCT c.name FROM panel p JOIN cities c USING (city_code)").Select(r => (string)r[0]!).ToList();
        string header = "", record = "", export = "";
        foreach (var candidate in Directory.EnumerateFiles(Path.Combine(raw, "patents"), "english_*.csv.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var gz = new System.IO.Compression.GZipStream(File.OpenRead(candidate), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            header = reader.ReadLine()!;
            while (reader.ReadLine() is { } line)
            {
                var f = line.Split(',');
                if (line.Contains('"', StringComparison.Ordinal) || f.Length != 10 || !panelCities.Any(name => f[6].Contains(name, StringComparison.Ordinal))) continue;
                (record, export) = (line, candidate);
                break;
            }
            if (record.Length > 0) break;
        }
        var fields = record.Split(',');
        Assert.Equal(10, fields.Length);
        fields[6] = fields[6].Contains("北京", StringComparison.Ordinal) ? "广东省深圳市南山区科技园1号" : "北京市海淀区中关村大街1号";
        var again = Path.Combine(Path.GetDirectoryName(export)!, "zz_again.csv");
        File.WriteAllText(again, header + "\n" + string.Join(',', fields) + "\n");

        // A first build, with no warehouse before it: the conflict pass searches the record index for the kept record
        // (the rebuild at the end keeps it at hand instead, and the two must agree). Over a copy of the fixture's
        // warehouse the number would already be a known duplicate, and both builds would take the second way.
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, dir.File("wh/etl.db")), TextWriter.Null);
        using var c = WarehouseCorpus.Open(dir.File("wh/etl.db"));
        var rows = WarehouseCorpus.Rows(c, """
            SELECT k.app_no, kf.path, o.path, k.differs, k.rule FROM patent_conflicts k
            JOIN source_files kf ON kf.file_id = k.kept_file_id JOIN source_files o ON o.file_id = k.other_file_id
            """);
        var row = Assert.Single(rows);
        // Stored as the 12 digits, without CN, the dot or the check character, whatever the export's notation.
        Assert.Equal(fields[0].Replace("CN", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)[..12], (string)row[0]!);
        // Kept: the record of this application that comes first in path order (the plain export, or an earlier year's
        // export that carries it too).
        Assert.True(string.CompareOrdinal((string)row[1]!, (string)row[2]!) < 0);
        Assert.EndsWith("zz_again.csv", (string)row[2]!, StringComparison.Ordinal);
        Assert.StartsWith("unit ", (string)row[3]!, StringComparison.Ordinal);
        Assert.Equal(PatentTables.DuplicateRule, row[4]);

        // The lineage of the unit-year that counted it shows the conflict, both records and the rule.
        var (unit, year) = ((string)WarehouseCorpus.Rows(c, "SELECT kept_unit FROM patent_conflicts")[0][0]!, (int)(long)WarehouseCorpus.Rows(c, "SELECT kept_year FROM patent_conflicts")[0][0]!);
        using var t = new Lineage.LineageTracer(dir.File("wh/etl.db"));
        var text = t.Trace(unit, year, "digital_patent").ToText();
        Assert.Contains("exported twice with different contents", text, StringComparison.Ordinal);
        Assert.Contains("zz_again.csv:2", text, StringComparison.Ordinal);

        // Rebuilt over this warehouse, the fold keeps the kept record of every number the previous build saw
        // duplicated at hand instead of scanning the record index for it: the conflicts are the same, column for column.
        const string all = "SELECT * FROM patent_conflicts ORDER BY other_file_id, other_line";
        var scanned = WarehouseCorpus.Rows(c, all);
        c.Close();
        WarehouseBuilder.Run(new BuildOptions(raw, RepoPaths.Mappings, dir.File("wh/etl.db")) { PatentsOnly = true, FullRefresh = true }, TextWriter.Null);
        using var rebuilt = WarehouseCorpus.Open(dir.File("wh/etl.db"));
        Assert.Equal(scanned, WarehouseCorpus.Rows(rebuilt, all));
    }
}
