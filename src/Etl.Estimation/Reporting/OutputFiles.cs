using System.Text;
using Etl.Estimation.Results;

namespace Etl.Estimation.Reporting;

/// <summary>
/// Writes the output folder: each table as .md, .csv, .tex, .html and .docx, the tests table likewise, the long
/// estimates and test statistics as CSV, the specification used, and the plots as PNG, SVG and PDF. Files are UTF-8
/// without BOM with LF line ends, written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public static class OutputFiles
{
    /// <summary>File name of the copy of the specification that was run.</summary>
    public const string SpecificationCopy = "specification.json";

    private static readonly UTF8Encoding s_utf8 = new(false);

    /// <summary>The names of the files <see cref="WriteTables"/> and <see cref="WritePlots"/> write for <paramref name="r"/>.</summary>
    public static IEnumerable<string> Names(StudyResults r)
    {
        string[] tableFormats = [".md", ".csv", ".tex", ".html", ".docx"];
        foreach (var stem in r.Spec.Tables.Select(t => t.File).Append(r.Spec.TestsTable.File))
            foreach (var extension in tableFormats) yield return stem + extension;
        yield return "estimates.csv";
        yield return "test_statistics.csv";
        yield return SpecificationCopy;
        foreach (var plot in r.Spec.Plots)
            foreach (var extension in new[] { ".png", ".svg", ".pdf" }) yield return plot.File + extension;
    }

    /// <summary>Writes every table, the long CSVs and the specification copy.</summary>
    public static void WriteTables(string directory, StudyResults r)
    {
        Directory.CreateDirectory(directory);
        foreach (var table in r.Spec.Tables) WriteAllFormats(directory, table.File, TableBuilder.Build(r, table));
        WriteAllFormats(directory, r.Spec.TestsTable.File, TestsTableBuilder.Build(r));
        Write(directory, "estimates.csv", LongTables.Estimates(r));
        Write(directory, "test_statistics.csv", LongTables.Tests(r));
        Write(directory, SpecificationCopy, r.Spec.Text.EndsWith('\n') ? r.Spec.Text : r.Spec.Text + "\n");
    }

    /// <summary>Writes every plot.</summary>
    public static void WritePlots(string directory, StudyResults r)
    {
        Directory.CreateDirectory(directory);
        foreach (var plot in r.Spec.Plots)
        {
            WriteBytes(directory, plot.File + ".png", PlotWriter.Render(r, plot));
            Write(directory, plot.File + ".svg", PlotWriter.Svg(r, plot));
            WriteBytes(directory, plot.File + ".pdf", PlotWriter.Pdf(r, plot));
        }
    }

    private static void WriteAllFormats(string directory, string stem, PublicationTable t)
    {
        Write(directory, stem + ".md", MarkdownWriter.Render(t));
        Write(directory, stem + ".csv", CsvWriter.Render(t));
        Write(directory, stem + ".tex", LatexWriter.Render(t));
        Write(directory, stem + ".html", HtmlWriter.Render(t));
        WriteBytes(directory, stem + ".docx", DocxWriter.Render(t));
    }

    private static void Write(string directory, string name, string text) => WriteBytes(directory, name, s_utf8.GetBytes(text));

    private static void WriteBytes(string directory, string name, byte[] bytes)
    {
        var target = Path.Combine(directory, name);
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
    }
}
