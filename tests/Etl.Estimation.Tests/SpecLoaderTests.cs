using Etl.Estimation.Specs;
using Etl.Testing;

namespace Etl.Estimation.Tests;

public class SpecLoaderTests
{
    private const string Model = """{ "id": "m1", "table": "t", "label": "(1)", "outcome": "nq_rev", "regressors": ["dig_real"], "fixed_effects": ["city_code"], "cluster": "city_code" }""";

    private static string Spec(string models = Model, string extra = "") =>
        $$"""{ "study": "s", "models": [{{models}}], "tables": [{ "id": "t", "file": "t1", "title": "T" }]{{extra}} }""";

    private static string Error(string text)
    {
        var e = Assert.Throws<InvalidDataException>(() => SpecLoader.Parse(text, "my.json"));
        Assert.StartsWith("my.json: ", e.Message);
        return e.Message;
    }

    [Fact]
    public void The_bundled_specification_holds_the_study()
    {
        var s = SpecLoader.LoadBundled();
        Assert.Equal(17, s.Models.Count);
        Assert.Equal(["table1", "table2", "table3", "table4"], s.Tables.Select(t => t.Id));
        Assert.Equal(["(1)", "(2)", "(3)", "(4)"], s.Models.Where(m => m.Table == "table1").Select(m => m.Label));
        var m4 = s.Model("t1_4");
        Assert.Equal(["dig_real", "human", "gdp", "pop", "ent_act", "ind3_share"], m4.Regressors.Select(r => r.ToString()));
        Assert.Equal(["city_code", "year"], m4.FixedEffects);
        Assert.Equal("winsor(nq_rev, 1, 99)", s.Model("t2_winsor").Outcome.ToString());
        // The matching robustness column runs on the build's panel variant, every other model on the main panel.
        Assert.Equal(["t2_ipc"], s.Models.Where(m => m.PanelTable is not null).Select(m => m.Id));
        Assert.Equal("panel_ipc_only", s.Model("t2_ipc").PanelTable);
        Assert.Equal(1000, s.Mechanism!.Reps);
        Assert.Equal("t3_b", s.Mechanism.BModel);
        Assert.Equal(4, s.DifferenceTests.Count);
        Assert.Equal(30, s.WildBootstrap!.MaxClusters);
        Assert.Equal(64, s.Hash.Length);
    }

    [Fact]
    public void Terms_parse_nest_and_print_canonically()
    {
        Assert.Equal("lag(log(gdp))", TermParser.Parse(" lag( log(gdp) ) ").ToString());
        Assert.Equal("winsor(x, 1, 99)", TermParser.Parse("winsor(x,1,99)").ToString());
        Assert.Equal(TermParser.Parse("winsor(x, 1, 99)"), TermParser.Parse("winsor( x , 1.0 , 99 )"));
        Assert.True(TermParser.Parse("lag(winsor(x, 1, 99))").IsSampleDependent);
        Assert.False(TermParser.Parse("log1p(x)").IsSampleDependent);
        Assert.Contains("unknown transform 'sqrt'", Assert.Throws<FormatException>(() => TermParser.Parse("sqrt(x)")).Message);
        Assert.Contains("takes 2 numeric arguments", Assert.Throws<FormatException>(() => TermParser.Parse("winsor(x)")).Message);
        Assert.Contains("0 <= low < high <= 100", Assert.Throws<FormatException>(() => TermParser.Parse("winsor(x, 99, 1)")).Message);
        Assert.Contains("missing ')'", Assert.Throws<FormatException>(() => TermParser.Parse("log(x")).Message);
        Assert.Contains("unexpected", Assert.Throws<FormatException>(() => TermParser.Parse("x y")).Message);
    }

    [Fact]
    public void Errors_name_file_model_and_field()
    {
        var m = Error(Spec(Model.Replace("\"label\"", "\"lable\"", StringComparison.Ordinal)));
        Assert.Contains("model 'm1', field 'lable': unknown field", m);
        m = Error(Spec(Model.Replace("\"dig_real\"", "\"sqrt(dig_real)\"", StringComparison.Ordinal)));
        Assert.Contains("model 'm1', field 'regressors': 'sqrt(dig_real)': unknown transform", m);
        m = Error(Spec(Model.Replace(", \"cluster\": \"city_code\"", "", StringComparison.Ordinal)));
        Assert.Contains("model 'm1', field 'cluster': clustered standard errors need a cluster column", m);
        m = Error(Spec(Model.Replace("}", ", \"vcov\": \"hc3\" }", StringComparison.Ordinal)));
        Assert.Contains("field 'vcov': 'hc3'", m);
        m = Error(Spec(Model.Replace("\"t\"", "\"t9\"", StringComparison.Ordinal)));
        Assert.Contains("model 'm1', field 'table': no table 't9'", m);
        m = Error(Spec(Model + "," + Model));
        Assert.Contains("model 'm1', field 'id': duplicate model id", m);
        m = Error(Spec(Model.Replace("[\"dig_real\"]", "[\"@controls\"]", StringComparison.Ordinal)));
        Assert.Contains("no variable set 'controls'", m);
        m = Error(Spec(Model.Replace("[\"dig_real\"]", "[\"nq_rev\"]", StringComparison.Ordinal)));
        Assert.Contains("'nq_rev' is also the outcome", m);
        m = Error(Spec(Model.Replace("}", ", \"sample\": { \"region\": [] } }", StringComparison.Ordinal)));
        Assert.Contains("field 'sample': 'region'", m);
        Assert.Contains("not valid JSON", Error("{ \"study\": "));
        Assert.Contains("specification, field 'modles': unknown field", Error(Spec().Replace("\"models\"", "\"modles\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cross_references_are_checked()
    {
        var b = Model.Replace("m1", "m2", StringComparison.Ordinal).Replace("\"nq_rev\"", "\"digital_patent\"", StringComparison.Ordinal);
        var mech = Error(Spec(Model + "," + b, """, "mechanism": { "treatment": "dig_real", "mediator": "digital_patent", "a": "m1", "b": "m2" }"""));
        Assert.Contains("mechanism, field 'a': model 'm1' has outcome 'nq_rev', not the mediator 'digital_patent'", mech);
        var other = Model.Replace("m1", "m3", StringComparison.Ordinal).Replace("[\"city_code\"]", "[\"city_code\", \"year\"]", StringComparison.Ordinal);
        var diff = Error(Spec(Model + "," + other, """, "difference_tests": [{ "id": "d", "a": "m1", "b": "m3", "term": "dig_real" }]"""));
        Assert.Contains("must differ only in their sample", diff);
        var wild = Error(Spec(Model, """, "wild_bootstrap": { "models": ["m1"], "term": "gdp" }"""));
        Assert.Contains("model 'm1' has no regressor 'gdp'", wild);
        var winsor = Model.Replace("m1", "m4", StringComparison.Ordinal).Replace("[\"dig_real\"]", "[\"winsor(dig_real, 1, 99)\"]", StringComparison.Ordinal);
        var wd = Error(Spec(winsor + "," + winsor.Replace("m4", "m5", StringComparison.Ordinal),
            """, "difference_tests": [{ "id": "d", "a": "m4", "b": "m5", "term": "winsor(dig_real, 1, 99)" }]"""));
        Assert.Contains("depends on the estimation sample", wd);
        var plot = Error(Spec(Model, """, "plots": [{ "id": "p", "file": "t1", "kind": "coefficients", "title": "x", "models": ["m1"], "term": "dig_real" }]"""));
        Assert.Contains("output file name 't1' is used twice", plot);
    }

    [Fact]
    public void A_specification_file_loads_from_a_path_with_comments()
    {
        using var dir = new TempDirectory("est-spec");
        var path = dir.File("s.json");
        File.WriteAllText(path, "// a comment\n" + Spec(extra: ", \"seed\": 5"));
        var s = SpecLoader.Load(path);
        Assert.Equal(5UL, s.Seed);
        Assert.Equal(path, s.Source);
        Assert.Equal(Engine.VcovKind.Cluster, s.Models[0].Vcov);
        Assert.Contains("\"regressors\":[\"dig_real\"]", s.Models[0].Canonical);
        Assert.Throws<FileNotFoundException>(() => SpecLoader.Load(dir.File("none.json")));
    }
}
