using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Etl.Estimation.Engine;
using Etl.Estimation.Panel;

namespace Etl.Estimation.Specs;

/// <summary>
/// Loads and validates a study specification (JSON with comments; format in the README). Every error is an
/// <see cref="InvalidDataException"/> naming the file, the object (model id, table id, ...) and the field.
/// </summary>
public static partial class SpecLoader
{
    /// <summary>Name of the bundled specification (embedded in the assembly and copied next to it).</summary>
    public const string BundledName = "study.json";

    private static readonly JsonDocumentOptions s_json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FilePattern();

    /// <summary>The specification shipped with the stage: the study's four tables.</summary>
    public static StudySpec LoadBundled()
    {
        using var stream = typeof(SpecLoader).Assembly.GetManifestResourceStream(BundledName)
            ?? throw new InvalidOperationException($"embedded resource {BundledName} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), BundledName);
    }

    /// <summary>Loads the specification at <paramref name="path"/>.</summary>
    public static StudySpec Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"specification not found: {path}", path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses and validates specification text; <paramref name="source"/> names it in messages.</summary>
    public static StudySpec Parse(string text, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, s_json); }
        catch (JsonException e) { throw new InvalidDataException($"{source}: not valid JSON: {e.Message}"); }
        using (doc)
        {
            var root = new JsonFields(doc.RootElement, source, "specification",
                "study", "seed", "panel", "variable_sets", "labels", "fixed_effect_labels", "cluster_labels", "format", "models", "tables",
                "mechanism", "difference_tests", "wild_bootstrap", "tests_table", "plots");
            var sets = VariableSets(root, source);
            var models = Models(root, source, sets);
            var tables = Tables(root, source, models);
            var spec = new StudySpec
            {
                Source = source,
                Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                Text = text,
                Study = root.String("study"),
                Seed = Seed(root),
                Panel = Panel(root, source),
                Labels = Map(root, "labels"),
                FixedEffectLabels = Map(root, "fixed_effect_labels"),
                ClusterLabels = Map(root, "cluster_labels"),
                Decimals = Format(root, source),
                Models = models,
                Tables = tables,
                Mechanism = Mechanism(root, source, models),
                DifferenceTests = DifferenceTests(root, source, models),
                WildBootstrap = WildBootstrap(root, source, models),
                TestsTable = TestsTable(root, source),
                Plots = [],
            };
            spec = spec with { Plots = Plots(root, source, spec) };
            var files = spec.Tables.Select(t => t.File).Append(spec.TestsTable.File).Concat(spec.Plots.Select(p => p.File)).ToList();
            if (files.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
                throw root.Error(null, $"output file name '{dup.Key}' is used twice (tables, tests_table and plots need distinct 'file' names)");
            return spec;
        }
    }

    private static ulong Seed(JsonFields root)
    {
        if (!root.Has("seed")) return 20240601;
        var v = root.Element("seed");
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out var s) && s <= long.MaxValue
            ? s : throw root.Error("seed", $"expected an integer in [0, {long.MaxValue}], got {JsonFields.Kind(v)}");
    }

    private static PanelSpec Panel(JsonFields root, string source)
    {
        if (!root.Has("panel")) return new PanelSpec(PanelContract.DefaultTable, false);
        var p = new JsonFields(root.Element("panel"), source, "panel", "table", "require_balanced");
        return new PanelSpec(p.String("table", PanelContract.DefaultTable), p.Bool("require_balanced", false));
    }

    private static int Format(JsonFields root, string source)
    {
        if (!root.Has("format")) return 3;
        var f = new JsonFields(root.Element("format"), source, "format", "decimals");
        return f.Int("decimals", 3, 0, 8);
    }

    private static Dictionary<string, string> Map(JsonFields root, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in root.Properties(field))
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } s
                ? s : throw root.Error(field, $"'{p.Name}': expected a non-empty string, got {JsonFields.Kind(p.Value)}");
        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> VariableSets(JsonFields root, string source)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in root.Properties("variable_sets"))
        {
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw root.Error("variable_sets", $"'{p.Name}': expected an array of term strings");
            result[p.Name] = p.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        return result;
    }

    private static TermExpression Term(JsonFields f, string field, string text)
    {
        try { return TermParser.Parse(text); }
        catch (FormatException e) { throw f.Error(field, $"'{text}': {e.Message}"); }
    }

    private static List<ModelSpec> Models(JsonFields root, string source, Dictionary<string, IReadOnlyList<string>> sets)
    {
        var models = new List<ModelSpec>();
        var index = 0;
        foreach (var element in root.Array("models", required: true))
        {
            index++;
            var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : null;
            var f = new JsonFields(element, source, id is null ? $"model #{index}" : $"model '{id}'",
                "id", "table", "label", "outcome", "regressors", "fixed_effects", "cluster", "vcov", "sample", "panel");
            id = f.String("id");
            if (!IdPattern().IsMatch(id)) throw f.Error("id", "use letters, digits and '_' only");
            if (models.Any(m => m.Id == id)) throw f.Error("id", "duplicate model id");
            var outcome = Term(f, "outcome", f.String("outcome"));
            var regressors = new List<TermExpression>();
            foreach (var r in f.Strings("regressors", required: true))
            {
                IEnumerable<string> expanded = r.StartsWith('@')
                    ? sets.TryGetValue(r[1..], out var set) ? set : throw f.Error("regressors", $"'{r}': no variable set '{r[1..]}' in variable_sets")
                    : [r];
                foreach (var e in expanded)
                {
                    var t = Term(f, "regressors", e);
                    if (regressors.Contains(t)) throw f.Error("regressors", $"'{t}' appears twice");
                    if (t.Equals(outcome)) throw f.Error("regressors", $"'{t}' is also the outcome");
                    regressors.Add(t);
                }
            }
            if (regressors.Count == 0) throw f.Error("regressors", "at least one regressor is needed");
            var fe = f.Strings("fixed_effects");
            if (fe.Distinct(StringComparer.Ordinal).Count() != fe.Count) throw f.Error("fixed_effects", "a fixed effect appears twice");
            var vcovText = f.String("vcov", "cluster");
            var vcov = vcovText switch
            {
                "cluster" => VcovKind.Cluster,
                "robust" => VcovKind.Robust,
                "iid" => VcovKind.Iid,
                _ => throw f.Error("vcov", $"'{vcovText}': expected cluster, robust or iid"),
            };
            var cluster = f.OptionalString("cluster");
            if (vcov == VcovKind.Cluster && cluster is null) throw f.Error("cluster", "clustered standard errors need a cluster column");
            if (vcov != VcovKind.Cluster && cluster is not null) throw f.Error("cluster", $"a cluster column only applies with vcov cluster, not {vcovText}");
            var sample = Sample(f, source, id);
            var table = f.String("table");
            var label = f.String("label");
            var panel = f.OptionalString("panel");
            if (panel is not null && !IdPattern().IsMatch(panel)) throw f.Error("panel", "a table name: letters, digits and '_' only");
            models.Add(new ModelSpec(id, table, label, outcome, regressors, fe, cluster, vcov, sample,
                Canonical(id, table, label, outcome, regressors, fe, cluster, vcovText, sample, panel)) { PanelTable = panel });
        }
        if (models.Count == 0) throw root.Error("models", "no models");
        return models;
    }

    private static SampleFilter Sample(JsonFields model, string source, string id)
    {
        if (!model.Has("sample")) return SampleFilter.All;
        var conditions = new List<FilterCondition>();
        foreach (var p in model.Properties("sample"))
        {
            var v = p.Value;
            switch (v.ValueKind)
            {
                case JsonValueKind.String or JsonValueKind.Number:
                    conditions.Add(new FilterCondition(p.Name, [Canonical(v)], null, null));
                    break;
                case JsonValueKind.Array when v.GetArrayLength() > 0 && v.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number):
                    conditions.Add(new FilterCondition(p.Name, v.EnumerateArray().Select(Canonical).ToList(), null, null));
                    break;
                case JsonValueKind.Object:
                    var bounds = new JsonFields(v, source, $"model '{id}', sample '{p.Name}'", "min", "max");
                    double? lo = bounds.Has("min") ? bounds.Double("min", 0, double.MinValue, double.MaxValue) : null;
                    double? hi = bounds.Has("max") ? bounds.Double("max", 0, double.MinValue, double.MaxValue) : null;
                    if (lo is null && hi is null) throw bounds.Error(null, "give min, max or both");
                    if (lo > hi) throw bounds.Error(null, "min is above max");
                    conditions.Add(new FilterCondition(p.Name, null, lo, hi));
                    break;
                default:
                    throw model.Error("sample", $"'{p.Name}': expected a value, a non-empty array of values or {{\"min\": .., \"max\": ..}}, got {JsonFields.Kind(v)}");
            }
        }
        return new SampleFilter(conditions);
    }

    private static string Canonical(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString()!
        : v.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static string Canonical(string id, string table, string label, TermExpression outcome, List<TermExpression> regressors,
        IReadOnlyList<string> fe, string? cluster, string vcov, SampleFilter sample, string? panel)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("table", table);
            w.WriteString("label", label);
            w.WriteString("outcome", outcome.ToString());
            w.WriteStartArray("regressors");
            foreach (var r in regressors) w.WriteStringValue(r.ToString());
            w.WriteEndArray();
            w.WriteStartArray("fixed_effects");
            foreach (var f in fe) w.WriteStringValue(f);
            w.WriteEndArray();
            if (cluster is null) w.WriteNull("cluster");
            else w.WriteString("cluster", cluster);
            w.WriteString("vcov", vcov);
            if (panel is not null) w.WriteString("panel", panel);
            w.WriteStartObject("sample");
            foreach (var c in sample.Conditions)
            {
                if (c.Values is { } values)
                {
                    w.WriteStartArray(c.Column);
                    foreach (var v in values) w.WriteStringValue(v);
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteStartObject(c.Column);
                    if (c.Min is { } lo) w.WriteNumber("min", lo);
                    if (c.Max is { } hi) w.WriteNumber("max", hi);
                    w.WriteEndObject();
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<TableSpec> Tables(JsonFields root, string source, List<ModelSpec> models)
    {
        var tables = new List<TableSpec>();
        var index = 0;
        foreach (var element in root.Array("tables", required: true))
        {
            index++;
            var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : null;
            var f = new JsonFields(element, source, id is null ? $"table #{index}" : $"table '{id}'", "id", "file", "title", "rows", "other_terms", "notes", "keep", "drop", "statistic");
            id = f.String("id");
            if (tables.Any(t => t.Id == id)) throw f.Error("id", "duplicate table id");
            var file = f.String("file");
            if (!FilePattern().IsMatch(file)) throw f.Error("file", $"'{file}': use letters, digits, '_' and '-' only (the extension is added)");
            var rows = new List<TableRowSpec>();
            foreach (var r in f.Array("rows", required: false))
            {
                var rf = new JsonFields(r, source, $"table '{id}', row", "label", "terms");
                var terms = rf.Strings("terms", required: true).Select(t => Term(rf, "terms", t).ToString()).ToList();
                if (terms.Count == 0) throw rf.Error("terms", "at least one term is needed");
                rows.Add(new TableRowSpec(rf.String("label"), terms));
            }
            var statistic = f.OptionalString("statistic") ?? "se";
            if (statistic is not ("se" or "t" or "ci")) throw f.Error("statistic", $"'{statistic}': use se, t or ci");
            tables.Add(new TableSpec(id, file, f.String("title"), rows, f.OptionalString("other_terms"), f.Strings("notes"))
            {
                Keep = f.Strings("keep").Select(t => Term(f, "keep", t).ToString()).ToList(),
                Drop = f.Strings("drop").Select(t => Term(f, "drop", t).ToString()).ToList(),
                Statistic = statistic,
            });
        }
        foreach (var m in models)
            if (!tables.Any(t => t.Id == m.Table))
                throw new InvalidDataException($"{source}: model '{m.Id}', field 'table': no table '{m.Table}' in tables");
        if (tables.FirstOrDefault(t => !models.Any(m => m.Table == t.Id)) is { } empty)
            throw new InvalidDataException($"{source}: table '{empty.Id}': no model belongs to this table");
        return tables;
    }

    private static ModelSpec RefModel(JsonFields f, string field, List<ModelSpec> models)
    {
        var id = f.String(field);
        return models.FirstOrDefault(m => m.Id == id) ?? throw f.Error(field, $"no model '{id}'");
    }

    private static void RequireRegressor(JsonFields f, string field, ModelSpec m, TermExpression term)
    {
        if (!m.Regressors.Contains(term)) throw f.Error(field, $"model '{m.Id}' has no regressor '{term}'");
    }

    private static void RequireResamplable(JsonFields f, string field, ModelSpec m, string why)
    {
        if (m.Terms.FirstOrDefault(t => t.IsSampleDependent) is { } t)
            throw f.Error(field, $"model '{m.Id}': '{t}' depends on the estimation sample, but {why}");
    }

    private static MechanismSpec? Mechanism(JsonFields root, string source, List<ModelSpec> models)
    {
        if (!root.Has("mechanism")) return null;
        var f = new JsonFields(root.Element("mechanism"), source, "mechanism", "id", "treatment", "mediator", "a", "b", "b_with_treatment", "bootstrap");
        var treatment = Term(f, "treatment", f.String("treatment"));
        var mediator = Term(f, "mediator", f.String("mediator"));
        var a = RefModel(f, "a", models);
        var b = RefModel(f, "b", models);
        if (!a.Outcome.Equals(mediator)) throw f.Error("a", $"model '{a.Id}' has outcome '{a.Outcome}', not the mediator '{mediator}'");
        RequireRegressor(f, "a", a, treatment);
        RequireRegressor(f, "b", b, mediator);
        string? bt = null;
        if (f.Has("b_with_treatment"))
        {
            var m = RefModel(f, "b_with_treatment", models);
            RequireRegressor(f, "b_with_treatment", m, mediator);
            RequireRegressor(f, "b_with_treatment", m, treatment);
            bt = m.Id;
        }
        const string why = "the bootstrap re-estimates a and b on resampled cities";
        RequireResamplable(f, "a", a, why);
        RequireResamplable(f, "b", b, why);
        int reps = 1000;
        double level = 0.95;
        if (f.Has("bootstrap"))
        {
            var bf = new JsonFields(f.Element("bootstrap"), source, "mechanism, bootstrap", "reps", "level");
            reps = bf.Int("reps", 1000, 1, 1_000_000);
            level = bf.Double("level", 0.95, 0, 1);
        }
        return new MechanismSpec(f.String("id", "mediation"), treatment, mediator, a.Id, b.Id, bt, reps, level);
    }

    private static List<DifferenceTestSpec> DifferenceTests(JsonFields root, string source, List<ModelSpec> models)
    {
        var result = new List<DifferenceTestSpec>();
        foreach (var element in root.Array("difference_tests", required: false))
        {
            var f = new JsonFields(element, source, $"difference test #{result.Count + 1}", "id", "a", "b", "term", "permutations");
            var id = f.String("id");
            if (result.Any(d => d.Id == id)) throw f.Error("id", "duplicate test id");
            var a = RefModel(f, "a", models);
            var b = RefModel(f, "b", models);
            if (a.Id == b.Id) throw f.Error("b", "compares a model with itself");
            if (!a.SameEquation(b)) throw f.Error("b", $"models '{a.Id}' and '{b.Id}' must differ only in their sample");
            var term = Term(f, "term", f.String("term"));
            RequireRegressor(f, "a", a, term);
            const string why = "the permutation test re-estimates the models on permuted groups";
            RequireResamplable(f, "a", a, why);
            result.Add(new DifferenceTestSpec(id, a.Id, b.Id, term, f.Int("permutations", 1000, 1, 1_000_000)));
        }
        return result;
    }

    private static WildBootstrapSpec? WildBootstrap(JsonFields root, string source, List<ModelSpec> models)
    {
        if (!root.Has("wild_bootstrap")) return null;
        var f = new JsonFields(root.Element("wild_bootstrap"), source, "wild_bootstrap", "models", "term", "max_clusters", "reps", "weights", "webb_below");
        var term = Term(f, "term", f.String("term"));
        var ids = f.Strings("models", required: true);
        foreach (var id in ids)
        {
            var m = models.FirstOrDefault(x => x.Id == id) ?? throw f.Error("models", $"no model '{id}'");
            RequireRegressor(f, "models", m, term);
            if (m.Vcov != VcovKind.Cluster) throw f.Error("models", $"model '{id}' is not clustered; the wild cluster bootstrap needs clusters");
        }
        var weights = f.String("weights", "auto");
        if (weights is not ("auto" or "rademacher" or "webb")) throw f.Error("weights", $"'{weights}': expected auto, rademacher or webb");
        return new WildBootstrapSpec(ids, term, f.Int("max_clusters", 30, 2, int.MaxValue), f.Int("reps", 9999, 1, 10_000_000), weights, f.Int("webb_below", 12, 0, int.MaxValue));
    }

    private static TestsTableSpec TestsTable(JsonFields root, string source)
    {
        if (!root.Has("tests_table")) return new TestsTableSpec("table5_tests", "Test statistics");
        var f = new JsonFields(root.Element("tests_table"), source, "tests_table", "file", "title");
        var file = f.String("file");
        if (!FilePattern().IsMatch(file)) throw f.Error("file", $"'{file}': use letters, digits, '_' and '-' only");
        return new TestsTableSpec(file, f.String("title"));
    }

    private static List<PlotSpec> Plots(JsonFields root, string source, StudySpec spec)
    {
        var result = new List<PlotSpec>();
        foreach (var element in root.Array("plots", required: false))
        {
            var f = new JsonFields(element, source, $"plot #{result.Count + 1}", "id", "file", "kind", "title", "models", "term", "labels");
            var id = f.String("id");
            if (result.Any(p => p.Id == id)) throw f.Error("id", "duplicate plot id");
            var file = f.String("file");
            if (!FilePattern().IsMatch(file)) throw f.Error("file", $"'{file}': use letters, digits, '_' and '-' only");
            var kind = f.String("kind");
            switch (kind)
            {
                case "coefficients":
                    var term = Term(f, "term", f.String("term"));
                    var ids = f.Strings("models", required: true);
                    if (ids.Count == 0) throw f.Error("models", "at least one model is needed");
                    foreach (var m in ids)
                        RequireRegressor(f, "models", spec.Models.FirstOrDefault(x => x.Id == m) ?? throw f.Error("models", $"no model '{m}'"), term);
                    var labels = f.Strings("labels");
                    if (labels.Count > 0 && labels.Count != ids.Count) throw f.Error("labels", $"{labels.Count} labels for {ids.Count} models");
                    result.Add(new PlotSpec(id, file, kind, f.String("title"), ids, term, labels));
                    break;
                case "bootstrap":
                    if (spec.Mechanism is null) throw f.Error("kind", "a bootstrap plot needs a mechanism section");
                    if (f.Has("models") || f.Has("term") || f.Has("labels")) throw f.Error("models", "a bootstrap plot takes no models, term or labels");
                    result.Add(new PlotSpec(id, file, kind, f.String("title"), [], null, []));
                    break;
                default:
                    throw f.Error("kind", $"'{kind}': expected coefficients or bootstrap");
            }
        }
        return result;
    }
}
