using System.Globalization;

namespace Etl.Publish.Export;

/// <summary>How a column's values are held.</summary>
public enum ExportKind
{
    /// <summary>Text (<see cref="string"/>).</summary>
    Text,

    /// <summary>Whole numbers (<see cref="long"/>, null when missing).</summary>
    Integer,

    /// <summary>Real numbers (<see cref="double"/>, null when missing).</summary>
    Real,

    /// <summary>One of a few named values, held as its 1-based code (<see cref="int"/>): a factor in R, value labels in Stata.</summary>
    Category,
}

/// <summary>A column of the export: its name, label, unit, kind, and for a category its values in code order.</summary>
public sealed record ExportColumn(string Name, string Label, string Unit, ExportKind Kind, IReadOnlyList<string>? Categories = null, string CategorySet = "")
{
    /// <summary>The label with its unit, as Stata shows it (<c>GDP per capita (yuan per person)</c>), unless the label names the unit already.</summary>
    public string LabelWithUnit => Unit.Length == 0 || Label.Contains(Unit, StringComparison.OrdinalIgnoreCase) ? Label : $"{Label} ({Unit})";

    /// <summary>A category's text of a code.</summary>
    public string CategoryText(int code) => Categories![code - 1];
}

/// <summary>The balanced panel as exported: one row per city-year, with names, regions, the variables and how each value came about.</summary>
/// <param name="Title">What the data are, for the file's own label.</param>
/// <param name="PanelHash">The warehouse's panel hash (the build the export comes from).</param>
/// <param name="Columns">The columns in order.</param>
/// <param name="Rows">Values per row in column order (see <see cref="ExportKind"/>).</param>
public sealed record PanelExport(string Title, string PanelHash, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Reads the export from a warehouse file, by SQL only: the <c>panel</c> table joined with <c>cities</c> for the
/// Chinese and English names and the province, the labels and units of <c>variables</c>, and from <c>facts</c>
/// one flag column per variable saying how each value came about (observed, interpolated, derived, computed).
/// </summary>
public static class PanelExportReader
{
    /// <summary>The method categories of the flag columns, in code order.</summary>
    public static readonly IReadOnlyList<string> Methods = ["observed", "interpolated", "derived", "computed"];

    private static readonly string[] s_regions = ["east", "central", "west"];
    private static readonly string[] s_sides = ["SE", "NW"];
    private static readonly HashSet<string> s_notVariables = ["city_code", "year", "region", "hu_side", "region4", "city_name", "province"];

    /// <summary>Reads the panel of the warehouse at <paramref name="db"/>.</summary>
    public static PanelExport Read(string db)
    {
        using var w = new WarehouseQuery(db);
        List<object?[]> Query(string sql) => w.Rows(sql);

        var panelColumns = Query("SELECT name FROM pragma_table_info('panel') ORDER BY cid").Select(r => (string)r[0]!).ToList();
        var labels = Query("SELECT name, label_en, unit_en, unit FROM variables").ToDictionary(r => (string)r[0]!, r => (Label: (string)r[1]!, Unit: (string)r[2]!, Machine: (string)r[3]!));
        var variables = panelColumns.Where(n => !s_notVariables.Contains(n) && labels.ContainsKey(n)).ToList();
        var hash = Query("SELECT panel_hash FROM runs ORDER BY run_id DESC LIMIT 1").Select(r => (string)r[0]!).FirstOrDefault() ?? "";

        var columns = new List<ExportColumn>
        {
            new("city_code", "City code (GB/T 2260)", "", ExportKind.Text),
            new("city", "City (Chinese name)", "", ExportKind.Text),
            new("city_en", "City (English name)", "", ExportKind.Text),
            new("province", "Province (Chinese name)", "", ExportKind.Text),
            new("region", "Region (east, central, west)", "", ExportKind.Category, s_regions, "region"),
            new("hu_side", "Side of the Hu line (SE south-east, NW north-west)", "", ExportKind.Category, s_sides, "hu_side"),
            new("year", "Year", "", ExportKind.Integer),
        };
        columns.AddRange(variables.Select(v => new ExportColumn(v, labels[v].Label, labels[v].Unit,
            labels[v].Machine == "applications" ? ExportKind.Integer : ExportKind.Real)));
        columns.AddRange(variables.Select(v => new ExportColumn(v + "_how", $"How {v} was obtained", "", ExportKind.Category, Methods, "method")));

        var methods = new Dictionary<(string, long, string), int>();
        foreach (var r in Query($"SELECT city_code, year, variable, method FROM facts WHERE variable IN ({string.Join(", ", variables.Select(v => $"'{v}'"))})"))
            methods[((string)r[0]!, (long)r[1]!, (string)r[2]!)] = Code(Methods, (string)r[3]!, "method");

        var rows = new List<object?[]>();
        foreach (var r in Query($"""
                     SELECT p.city_code, c.name, c.name_en, c.province, p.region, p.hu_side, p.year, {string.Join(", ", variables.Select(v => "p." + v))}
                     FROM panel p JOIN cities c USING (city_code) ORDER BY p.city_code, p.year
                     """))
        {
            var row = new object?[columns.Count];
            var (code, year) = ((string)r[0]!, (long)r[6]!);
            row[0] = code;
            row[1] = r[1];
            row[2] = r[2];
            row[3] = r[3];
            row[4] = Code(s_regions, (string)r[4]!, "region");
            row[5] = Code(s_sides, (string)r[5]!, "hu_side");
            row[6] = year;
            for (var j = 0; j < variables.Count; j++)
            {
                var value = r[7 + j];
                row[7 + j] = value is null ? null
                    : columns[7 + j].Kind == ExportKind.Integer ? (object)Convert.ToInt64(value, CultureInfo.InvariantCulture) : Convert.ToDouble(value, CultureInfo.InvariantCulture);
                row[7 + variables.Count + j] = methods.TryGetValue((code, year, variables[j]), out var m) ? m : null;
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"{Path.GetFullPath(db)}: the panel is empty");
        var cities = rows.Select(r => r[0]).Distinct().Count();
        var years = rows.Select(r => r[6]).Distinct().Count();
        return new PanelExport(string.Create(CultureInfo.InvariantCulture, $"Digital-real integration city panel, {cities} cities x {years} years"), hash, columns, rows);
    }

    private static int Code(IReadOnlyList<string> values, string value, string what)
    {
        var i = values.ToList().IndexOf(value);
        return i >= 0 ? i + 1 : throw new InvalidDataException($"unknown {what} '{value}' in the warehouse");
    }
}
