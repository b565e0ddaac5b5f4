namespace Etl.Estimation.Panel;

/// <summary>An English label and unit of a panel variable, from the warehouse's optional <c>variables</c> table.</summary>
public sealed record VariableLabel(string Label, string? Unit);

/// <summary>Reads the optional <c>variables</c> table (name, label_en, unit); absent table or columns give no labels.</summary>
public static class VariableLabels
{
    /// <summary>Labels by variable name; empty when the warehouse has no usable <c>variables</c> table.</summary>
    public static IReadOnlyDictionary<string, VariableLabel> Read(string dbPath)
    {
        var result = new Dictionary<string, VariableLabel>(StringComparer.Ordinal);
        using var connection = Warehouse.OpenReadOnly(dbPath);
        if (!Warehouse.HasTableOrView(connection, "variables")) return result;
        var columns = Warehouse.Columns(connection, "variables");
        if (!columns.Contains("name") || !columns.Contains("label_en")) return result;
        using var cmd = connection.CreateCommand();
        // The unit in words where the catalogue has it (unit_en), else its machine name.
        cmd.CommandText = columns.Contains("unit_en") ? "SELECT name, label_en, unit_en FROM variables"
            : columns.Contains("unit") ? "SELECT name, label_en, unit FROM variables"
            : "SELECT name, label_en, NULL FROM variables";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(1)) continue;
            var label = reader.GetString(1).Trim();
            if (label.Length == 0) continue;
            result[reader.GetString(0)] = new VariableLabel(label, reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return result;
    }
}
