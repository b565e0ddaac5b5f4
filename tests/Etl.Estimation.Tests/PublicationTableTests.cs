using System.Diagnostics;
using System.Globalization;
using Etl.Estimation.Reporting;
using Etl.Estimation.Results;
using Etl.Estimation.Tests.Fixtures;
using Etl.Testing;

namespace Etl.Estimation.Tests;

/// <summary>
/// The publication tables to the standard of esttab and modelsummary: one label per variable (the
/// specification's, then the catalogue's) with its unit, the rows economists expect, the spec's keep / drop /
/// statistic options, enough digits for the standard error, and LaTeX that compiles.
/// </summary>
public sealed class PublicationTableTests : IDisposable
{
    private readonly TempDirectory _dir = new("est-tables");
    private readonly string _db;
    private readonly StudyResults _r;

    public PublicationTableTests()
    {
        _db = _dir.File("w.db");
        PanelFixture.Write(_db, PanelFixture.Rows());
        // The catalogue's labels and units, as a warehouse holds them.
        PanelFixture.Exec(_db, """
            CREATE TABLE variables (name TEXT, label_en TEXT, unit TEXT, unit_en TEXT);
            INSERT INTO variables VALUES ('nq_rev', 'Operating income of strategic emerging industries', '100m_yuan', '100 million yuan'),
              ('gdp', 'GDP per capita', 'yuan_per_person', 'yuan per person'), ('human', 'Students per 10,000 residents', 'per_10k_residents', 'per 10,000 residents');
            """);
        _r = StudyRunner.Estimate(Specs.SpecLoader.LoadBundled(), new StudyOptions(_db, _dir.File("out")) { BootstrapReps = 50 }, []);
    }

    public void Dispose() => _dir.Dispose();

    private PublicationTable Table(string id) => TableBuilder.Build(_r, _r.Spec.Tables.Single(t => t.Id == id));

    private static int Decimals(string text) => text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    [Fact]
    public void Labels_come_from_the_spec_then_the_catalogue_with_units()
    {
        var t = Table("table1");
        // The spec labels gdp "GDP per capita"; the unit comes from the catalogue.
        Assert.Contains(t.Lines, l => l.Label == "GDP per capita (yuan per person)");
        // The spec labels human; the catalogue's label is not used, its unit is.
        Assert.Contains(t.Lines, l => l.Label == "Human capital (per 10,000 residents)");
        // The outcome row shows the label, not the column name.
        Assert.All(t.SubColumns, c => Assert.Equal("New-quality industry revenue (100 million yuan)", c));
        // A log drops the unit; a lag keeps it.
        var labels = new Labels(_r.Spec, _r.WarehouseLabels);
        Assert.Equal("ln(1 + New-quality industry revenue)", labels.Term("log1p(nq_rev)"));
        Assert.Equal("GDP per capita (yuan per person), lagged one year", labels.Term("lag(gdp)"));
    }

    [Fact]
    public void The_statistics_rows_economists_expect_are_there()
    {
        var t = Table("table1");
        var labels = t.Lines.Where(l => l.Kind == LineKind.Statistic).Select(l => l.Label).ToList();
        Assert.Equal(["Observations", "Clusters", "Mean of dependent variable", "R²", "Adjusted R²", "Within R²", "F statistic"], labels);
        Assert.Equal(["No", "No", "Yes", "Yes"], t.Lines.Single(l => l.Label == "City FE").Cells.Select(c => c.Text));
        // The mean of the outcome, computed here from the fixture rows.
        var mean = PanelFixture.Rows().Average(r => r.NqRev);
        Assert.Equal(NumberFormat.Coefficient(mean, 3), t.Lines.Single(l => l.Label == "Mean of dependent variable").Cells[0].Text);
        Assert.Contains("Standard errors in parentheses.", t.Notes);
        Assert.Contains(t.Notes, n => n.StartsWith("*** p<0.01", StringComparison.Ordinal));
    }

    [Fact]
    public void A_coefficient_never_shows_fewer_digits_than_its_standard_error()
    {
        foreach (var table in _r.Spec.Tables.Select(t => TableBuilder.Build(_r, t)))
            for (var i = 0; i + 1 < table.Lines.Count; i++)
            {
                if (table.Lines[i].Kind != LineKind.Coefficient) continue;
                var coef = table.Lines[i].Cells;
                var se = table.Lines[i + 1].Cells;
                for (var j = 0; j < coef.Count; j++)
                {
                    if (se[j].Text.Length < 3) continue;
                    var s = se[j].Text.Trim('(', ')');
                    Assert.True(Decimals(coef[j].Text) >= Decimals(s), $"{table.Title}, {table.Lines[i].Label}: {coef[j].Text} ({s})");
                    // Two significant digits of the standard error show.
                    Assert.True(s.TrimStart('0', '.').Length >= 2, $"{table.Title}, {table.Lines[i].Label}: standard error {s}");
                }
            }
        Assert.Equal("0.014014 (0.000040)", $"{NumberFormat.WithDecimals(0.0140142, NumberFormat.PairDecimals(0.0140142, 0.0000396, 3))} ({NumberFormat.WithDecimals(0.0000396, NumberFormat.PairDecimals(0.0140142, 0.0000396, 3))})");
    }

    [Fact]
    public void Keep_drop_and_the_bracketed_statistic_follow_the_spec()
    {
        var spec = _r.Spec.Tables.Single(t => t.Id == "table1") with { };
        var keep = TableBuilder.Build(_r, spec with { Keep = ["gdp", "dig_real"], Statistic = "ci" });
        var coefficients = keep.Lines.Where(l => l.Kind == LineKind.Coefficient).Select(l => l.Label).ToList();
        Assert.Equal(["GDP per capita (yuan per person)", "Digital-real integration"], coefficients);
        var term = _r.Model("t1_4").Fit["dig_real"];
        var under = keep.Lines[keep.Lines.ToList().FindIndex(l => l.Label == "Digital-real integration") + 1].Cells[3].Text;
        Assert.StartsWith("[", under, StringComparison.Ordinal);
        Assert.Contains(NumberFormat.WithDecimals(term.CiLow, 3)[..4], under, StringComparison.Ordinal);
        Assert.Contains("95% confidence intervals in brackets.", keep.Notes);

        var drop = TableBuilder.Build(_r, spec with { Drop = ["_cons", "ind3_share"], Statistic = "t" });
        Assert.DoesNotContain(drop.Lines, l => l.Label.StartsWith("Constant", StringComparison.Ordinal) || l.Label.StartsWith("Tertiary", StringComparison.Ordinal));
        Assert.Equal($"({NumberFormat.Fixed(term.T, 2)})", drop.Lines[drop.Lines.ToList().FindIndex(l => l.Label == "Digital-real integration") + 1].Cells[3].Text);
    }

    [SkippableFact]
    public void The_latex_tables_compile_with_pdflatex_without_overflowing()
    {
        var missing = new[] { "booktabs.sty", "threeparttable.sty", "graphicx.sty" }.Where(f => !Installed("kpsewhich", f)).ToList();
        Skip.If(missing.Count > 0, $"TeX packages not installed: {string.Join(", ", missing)} (Debian texlive-latex-recommended, texlive-latex-extra)");
        var dir = _dir.File("tex");
        Directory.CreateDirectory(dir);
        var body = string.Join("\n\\clearpage\n", _r.Spec.Tables.Select(t => LatexWriter.Render(TableBuilder.Build(_r, t))).Append(LatexWriter.Render(TestsTableBuilder.Build(_r))));
        File.WriteAllText(Path.Combine(dir, "tables.tex"), $"\\documentclass{{article}}\n\\usepackage[utf8]{{inputenc}}\n\\usepackage{{{LatexWriter.Packages}}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n");
        using var p = Process.Start(new ProcessStartInfo("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "tables.tex"]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, log[^Math.Min(log.Length, 3000)..]);
        Assert.True(File.Exists(Path.Combine(dir, "tables.pdf")));
        var texLog = File.ReadAllText(Path.Combine(dir, "tables.log"));
        Assert.DoesNotContain("Overfull \\hbox", texLog, StringComparison.Ordinal);
        // LaTeX numbers the tables: no caption repeats "Table N.".
        Assert.DoesNotContain("\\caption{Table", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_word_table_reads_back_in_python_docx()
    {
        Skip.IfNot(Installed("/usr/bin/python3", "-c", "import docx; print(1)"), "python3-docx is not installed");
        var t = Table("table1");
        var path = _dir.File("table1.docx");
        File.WriteAllBytes(path, DocxWriter.Render(t));
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", """
            import json, sys, docx
            d = docx.Document(sys.argv[1])
            print(json.dumps({'paragraphs': [p.text for p in d.paragraphs], 'rows': [[c.text for c in r.cells] for r in d.tables[0].rows]}, ensure_ascii=False))
            """, path]) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        Assert.Equal(new[] { "" }.Concat(t.Columns), rows[0]);
        Assert.Equal(new[] { "" }.Concat(t.SubColumns), rows[1]);
        for (var i = 0; i < t.Lines.Count; i++)
            Assert.Equal(new[] { t.Lines[i].Label }.Concat(t.Lines[i].Cells.Select(c => c.Text + c.Stars)), rows[i + 2]);
        var paragraphs = json.RootElement.GetProperty("paragraphs").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.Equal(t.Title, paragraphs[0]);
        Assert.Equal(t.Notes, paragraphs.Skip(1));
    }

    private static bool Installed(string tool, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 && output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
