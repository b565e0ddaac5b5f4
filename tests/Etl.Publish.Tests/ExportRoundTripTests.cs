using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Etl.Publish.Export;

namespace Etl.Publish.Tests;

/// <summary>
/// Each export format read back by a reader that shares no code with the writer: pandas (CSV, .dta), R haven
/// (.dta) and DuckDB (Parquet). Values, missing values, labels, units and value labels must all come back.
/// A test whose reader is not installed is skipped with a message (CI installs them: python3-pandas,
/// r-cran-haven).
/// </summary>
public sealed class ExportRoundTripTests : IDisposable
{
    private readonly TinyWarehouse _wh = new();

    public void Dispose() => _wh.Dispose();

    private static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 })!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "", $"{file} is not installed");
        }
    }

    private static bool Pandas() => Run("/usr/bin/python3", "-c", "import pandas").Code == 0;

    private static bool Haven() => Run("Rscript", "-e", "library(haven); library(jsonlite)").Code == 0;

    private static void AssertCell(int row, string column, JsonElement value)
    {
        var expected = TinyWarehouse.Expected(row, column);
        var where = $"row {row}, {column}";
        if (value.ValueKind == JsonValueKind.Null) Assert.True(expected.Length == 0, $"{where}: missing, expected {expected}");
        else if (value.ValueKind == JsonValueKind.Number)
            Assert.True(expected.Length > 0 && double.Parse(expected, CultureInfo.InvariantCulture) == value.GetDouble(), $"{where}: {value} for {expected}");
        else
        {
            var text = value.GetString()!;
            // R prints numbers as text with 17 significant digits: compare them as numbers.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
                Assert.True(d == e, $"{where}: {text} for {expected}");
            else Assert.True(expected == text || (expected.Length == 0 && text is "" or "NA"), $"{where}: '{text}' for '{expected}'");
        }
    }

    [SkippableFact]
    public void Csv_with_its_dictionary_reads_back_in_pandas()
    {
        Skip.IfNot(Pandas(), "python3-pandas is not installed");
        var path = _wh.File("panel.csv");
        CsvExport.Write(PanelExportReader.Read(_wh.Path), path, byteOrderMark: true);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(path)[..3]);
        var (code, output, err) = Run("/usr/bin/python3", "-c", """
            import json, sys, pandas as pd
            df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding='utf-8-sig')
            dic = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False, encoding='utf-8-sig')
            print(json.dumps({'columns': list(df.columns), 'rows': df.values.tolist(),
                              'labels': dict(zip(dic['column'], dic['label'])), 'units': dict(zip(dic['column'], dic['unit']))}, ensure_ascii=False))
            """, path, CsvExport.DictionaryPath(path));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(TinyWarehouse.Columns, root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(TinyWarehouse.Rows.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < TinyWarehouse.Columns.Length; j++) AssertCell(i, TinyWarehouse.Columns[j], rows[i][j]);
        Assert.Equal("GDP per capita", root.GetProperty("labels").GetProperty("gdp").GetString());
        Assert.Equal("100 million yuan", root.GetProperty("units").GetProperty("nq_rev").GetString());
    }

    [SkippableFact]
    public void Dta_reads_back_in_pandas_with_labels_and_value_labels()
    {
        Skip.IfNot(Pandas(), "python3-pandas is not installed");
        var path = _wh.File("panel.dta");
        DtaWriter.Write(PanelExportReader.Read(_wh.Path), path);
        var (code, output, err) = Run("/usr/bin/python3", "-c", """
            import json, math, sys, pandas as pd
            df = pd.read_stata(sys.argv[1])
            with pd.io.stata.StataReader(sys.argv[1]) as r:
                r.read()
                labels, values, title = r.variable_labels(), r.value_labels(), r.data_label
            def cell(v):
                if isinstance(v, float) and math.isnan(v): return None
                return v.item() if hasattr(v, 'item') else v
            print(json.dumps({'columns': list(df.columns), 'rows': [[cell(v) for v in row] for row in df.itertuples(index=False)],
                              'labels': labels, 'values': {k: {str(a): b for a, b in v.items()} for k, v in values.items()}, 'title': title}, ensure_ascii=False))
            """, path);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(TinyWarehouse.Columns, root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < TinyWarehouse.Columns.Length; j++) AssertCell(i, TinyWarehouse.Columns[j], rows[i][j]);
        var labels = root.GetProperty("labels");
        Assert.Equal("GDP per capita (yuan per person)", labels.GetProperty("gdp").GetString());
        Assert.Equal("Digital-technology invention patent applications", labels.GetProperty("digital_patent").GetString());
        Assert.Equal("How nq_rev was obtained", labels.GetProperty("nq_rev_how").GetString());
        var values = root.GetProperty("values");
        Assert.Equal("interpolated", values.GetProperty("method").GetProperty("2").GetString());
        Assert.Equal("NW", values.GetProperty("hu_side").GetProperty("2").GetString());
        Assert.StartsWith("Digital-real integration city panel, 2 cities x 2 years", root.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Dta_reads_back_in_r_haven_with_labels()
    {
        Skip.IfNot(Haven(), "r-cran-haven (and jsonlite) are not installed");
        var path = _wh.File("panel.dta");
        DtaWriter.Write(PanelExportReader.Read(_wh.Path), path);
        var (code, output, err) = Run("Rscript", "-e", """
            suppressMessages({ library(haven); library(jsonlite) })
            d <- read_dta(commandArgs(TRUE)[1])
            cells <- lapply(as.data.frame(as_factor(d)), function(x) if (is.double(x)) ifelse(is.na(x), NA, sprintf("%.17g", x)) else as.character(x))
            cat(toJSON(list(columns = names(d), cells = cells,
                            labels = lapply(d, function(x) attr(x, "label")),
                            region = as.list(attr(d$region, "labels"))), auto_unbox = TRUE, na = "null"))
            """, path);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(TinyWarehouse.Columns, root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        foreach (var column in TinyWarehouse.Columns)
        {
            var cells = root.GetProperty("cells").GetProperty(column).EnumerateArray().ToList();
            for (var i = 0; i < cells.Count; i++) AssertCell(i, column, cells[i]);
        }
        Assert.Equal("Operating income of strategic emerging industries (100 million yuan)", root.GetProperty("labels").GetProperty("nq_rev").GetString());
        Assert.Equal(3, root.GetProperty("region").GetProperty("west").GetInt32());
    }

    [Fact]
    public async Task Parquet_reads_back_in_duckdb_with_labels_in_its_metadata()
    {
        var path = _wh.File("panel.parquet");
        await ParquetExport.WriteAsync(PanelExportReader.Read(_wh.Path), path);
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"SELECT * FROM read_parquet('{path}') ORDER BY city_code, year";
            using var r = cmd.ExecuteReader();
            Assert.Equal(TinyWarehouse.Columns, Enumerable.Range(0, r.FieldCount).Select(r.GetName));
            var row = 0;
            while (r.Read())
            {
                for (var j = 0; j < r.FieldCount; j++)
                {
                    var expected = TinyWarehouse.Expected(row, TinyWarehouse.Columns[j]);
                    if (r.IsDBNull(j)) Assert.True(expected.Length == 0, $"row {row}, {TinyWarehouse.Columns[j]}: missing for {expected}");
                    else if (r.GetValue(j) is double d) Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), d);
                    else Assert.Equal(expected, Convert.ToString(r.GetValue(j), CultureInfo.InvariantCulture));
                }
                row++;
            }
            Assert.Equal(TinyWarehouse.Rows.Length, row);
        }
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')";
            using var r = cmd.ExecuteReader();
            var meta = new Dictionary<string, string>();
            while (r.Read()) meta[r.GetString(0)] = r.GetString(1);
            Assert.Equal("abcdef0123456789", meta["etl.panel_hash"]);
            using var labels = JsonDocument.Parse(meta["etl.labels"]);
            Assert.Equal("yuan per person", labels.RootElement.GetProperty("gdp").GetProperty("unit").GetString());
            Assert.Equal("City (English name)", labels.RootElement.GetProperty("city_en").GetProperty("label").GetString());
        }
    }

    [Fact]
    public void Two_exports_of_one_warehouse_are_byte_identical()
    {
        var export = PanelExportReader.Read(_wh.Path);
        DtaWriter.Write(export, _wh.File("a.dta"));
        DtaWriter.Write(PanelExportReader.Read(_wh.Path), _wh.File("b.dta"));
        Assert.Equal(File.ReadAllBytes(_wh.File("a.dta")), File.ReadAllBytes(_wh.File("b.dta")));
        CsvExport.Write(export, _wh.File("a.csv"), false);
        CsvExport.Write(export, _wh.File("b.csv"), false);
        Assert.Equal(File.ReadAllBytes(_wh.File("a.csv")), File.ReadAllBytes(_wh.File("b.csv")));
    }
}
