using System.Text.Json;

namespace Etl.Warehouse.Tests;

/// <summary>Lineage: every kind of value traces back to its source, by code, name or alias.</summary>
[Collection("warehouse corpus")]
public class TraceTests(WarehouseCorpus corpus)
{
    private Lineage.LineageTracer Tracer() => new(corpus.Database) { RecordLimit = 3 };

    [Fact]
    public void A_yearbook_value_traces_to_its_sheet_and_cell()
    {
        using var t = Tracer();
        var text = t.Trace("石家庄", 2015, "ind3_share").ToText();
        Assert.Contains("yearbook yearbook/2016/", text, StringComparison.Ordinal);
        Assert.Matches(@"sheet '[^']+'![A-Z]+\d+", text);
        Assert.Contains("edition 2016 -> data year 2015", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_derived_value_traces_through_its_formula_to_sentences_of_bulletins()
    {
        using var t = Tracer();
        var node = t.Trace("深圳市", 2016, "ent_act");
        Assert.Equal("derived", node.Attributes.Single(a => a.Name == "method").Value);
        var text = node.ToText();
        Assert.Contains("new_entities / (pop * 10)", text, StringComparison.Ordinal);
        Assert.Contains("bulletin bulletins/", text, StringComparison.Ordinal);
        Assert.Contains("市场主体", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patent_count_lists_its_records_and_the_json_parses()
    {
        using var t = Tracer();
        var json = t.Trace("440300", 2018, "digital_patent").ToJson();
        using var doc = JsonDocument.Parse(json);
        var patents = doc.RootElement.GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "patents");
        var records = patents.GetProperty("inputs").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "records");
        var listed = records.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(3, listed.Count);
        // Each record is a node with typed fields: its file and line, and its confirmed branches by number and name.
        var names = Etl.Testing.RepoPaths.LoadedMappings.Kdt.Branches.Select(b => $"{b.BranchNo} {b.Name}").ToHashSet();
        Assert.All(listed, r =>
        {
            var a = r.GetProperty("attributes");
            Assert.Equal("record", r.GetProperty("kind").GetString());
            Assert.Matches("^patents/", a.GetProperty("file").GetString()!);
            Assert.True(a.GetProperty("line").GetInt64() > 0);
            var branches = a.GetProperty("branches").EnumerateArray().Select(b => b.GetString()!).ToList();
            Assert.NotEmpty(branches);
            Assert.All(branches, b => Assert.Contains(b, names));
        });
        // The value's identity is in fields, typed.
        Assert.Equal("440300", doc.RootElement.GetProperty("city_code").GetString());
        Assert.Equal(2018, doc.RootElement.GetProperty("year").GetInt32());
        Assert.True(doc.RootElement.GetProperty("in_panel").GetBoolean());
    }

    [Fact]
    public void An_interpolated_value_names_its_neighbours()
    {
        using var c = corpus.Open();
        var row = WarehouseCorpus.Rows(c, "SELECT city_code, year, variable FROM facts WHERE method = 'interpolated' ORDER BY city_code, year LIMIT 1").Single();
        using var t = Tracer();
        var text = t.Trace((string)row[0]!, (int)(long)row[1]!, (string)row[2]!).ToText();
        Assert.Contains("linear between", text, StringComparison.Ordinal);
        Assert.Contains("role: left", text, StringComparison.Ordinal);
        Assert.Contains("role: right", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Why_dropped_reaches_the_approval_document_or_the_missing_years()
    {
        using var t = Tracer();
        var chaohu = t.WhyDropped("巢湖").ToText();
        Assert.Contains("国函〔2011〕84号", chaohu, StringComparison.Ordinal);
        Assert.Contains("prefecture_abolished", chaohu, StringComparison.Ordinal);
        using var c = corpus.Open();
        var missing = (string)WarehouseCorpus.Rows(c, "SELECT city_code FROM dropped_cities WHERE reason = 'missing_key_variable' ORDER BY city_code LIMIT 1")[0][0]!;
        Assert.Contains("missing_key_variable", t.WhyDropped(missing).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_cities_and_variables_fail_with_a_plain_message()
    {
        using var t = Tracer();
        Assert.Contains("火星", Assert.Throws<BuildException>(() => t.Trace("火星", 2015, "gdp")).Message, StringComparison.Ordinal);
        Assert.Contains("not a variable", Assert.Throws<BuildException>(() => t.Trace("深圳", 2015, "nope")).Message, StringComparison.Ordinal);
    }
}
