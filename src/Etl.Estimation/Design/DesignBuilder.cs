using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Design;

/// <summary>Turns a model specification and the panel into the model's estimation sample and columns.</summary>
internal static class DesignBuilder
{
    /// <summary>
    /// Builds the design of <paramref name="model"/>. <paramref name="rows"/>, when given, replaces the
    /// model's sample filter (the permutation test uses the union of two groups).
    /// </summary>
    public static ModelDesign Build(PanelTable panel, ModelSpec model, bool[]? rows = null)
    {
        foreach (var column in model.Terms.SelectMany(t => t.Columns).Concat(model.FixedEffects).Concat(model.Sample.Columns).Concat(model.Cluster is { } c ? [c] : []))
            if (!panel.Has(column)) throw new InvalidDataException($"{panel.Source}: model '{model.Id}' needs column {column}, which table {panel.Table} lacks");

        var mask = rows is null ? model.Sample.Apply(panel) : (bool[])rows.Clone();
        var filtered = mask.Count(m => m);
        var fe = model.FixedEffects.Select(panel.Labels).ToArray();
        var cluster = model.Cluster is null ? null : panel.Labels(model.Cluster);
        for (var i = 0; i < mask.Length; i++)
            if (mask[i] && (fe.Any(f => f[i] < 0) || (cluster is not null && cluster[i] < 0))) mask[i] = false;

        // First pass: which rows have every term (winsorising cannot make a value missing).
        foreach (var t in model.Terms)
        {
            var v = TermEvaluator.Evaluate(t, panel, null);
            for (var i = 0; i < mask.Length; i++)
                if (mask[i] && !double.IsFinite(v[i])) mask[i] = false;
        }
        // Second pass: the values, with sample-dependent transforms computed over the estimation sample.
        var values = model.Terms.Select(t => TermEvaluator.Evaluate(t, panel, mask)).ToArray();
        var used = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
        if (used.Length == 0) throw new InvalidDataException($"{panel.Source}: model '{model.Id}' has no observations in table {panel.Table} (sample: {model.Sample})");
        return new ModelDesign
        {
            Model = model,
            Panel = panel,
            Rows = used,
            FilteredRows = filtered,
            Y = used.Select(i => values[0][i]).ToArray(),
            X = values.Skip(1).Select(col => used.Select(i => col[i]).ToArray()).ToArray(),
            FixedEffects = fe.Select(f => used.Select(i => f[i]).ToArray()).ToArray(),
            Cluster = cluster is null ? null : used.Select(i => cluster[i]).ToArray(),
        };
    }
}
