using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Etl.Estimation.Reporting;

/// <summary>
/// A table as a Word document (.docx, Open XML): the caption in bold, the table with rules above and below the
/// header and at the bottom (as booktabs draws them), stars as superscripts, the notes below in a smaller size.
/// Word, LibreOffice and python-docx open it; an economist pastes it into a paper.
/// </summary>
public static class DocxWriter
{
    /// <summary>The table as .docx bytes.</summary>
    public static byte[] Render(PublicationTable t)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.AppendChild(Paragraph(t.Title, bold: true));
            var table = new Table(new TableProperties(new TableWidth { Type = TableWidthUnitValues.Auto }, new TableLayout { Type = TableLayoutValues.Autofit }));
            // The grid: readers (python-docx, LibreOffice) lay the cells out by it.
            table.AppendChild(new TableGrid(Enumerable.Range(0, t.Columns.Count + 1).Select(j => new GridColumn { Width = j == 0 ? "3600" : "1400" })));
            List<string[]> header = [[t.StubHeader, .. t.Columns]];
            if (t.SubColumns.Count > 0) header.Add(["", .. t.SubColumns]);
            for (var h = 0; h < header.Count; h++)
                table.AppendChild(Row(header[h].Select(x => new Cell(x)).ToList(), top: h == 0, bottom: h == header.Count - 1, bold: true));
            for (var i = 0; i < t.Lines.Count; i++)
            {
                var line = t.Lines[i];
                table.AppendChild(Row([new Cell(line.Label), .. line.Cells], top: t.RuleAbove(i), bottom: i == t.Lines.Count - 1, bold: false));
            }
            body.AppendChild(table);
            foreach (var note in t.Notes) body.AppendChild(Paragraph(note, bold: false, halfPoints: 16));
            main.Document = new Document(body);
            main.Document.Save();
        }
        // The package stamps each part with the time of writing and names the document's relationship at random;
        // a fixed stamp and name make the same table the same bytes (nothing else refers to that name).
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var rels = zip.GetEntry("_rels/.rels");
            if (rels is not null)
            {
                string text;
                using (var reader = new StreamReader(rels.Open())) text = reader.ReadToEnd();
                rels.Delete();
                var fixedRels = zip.CreateEntry("_rels/.rels");
                using var writer = new StreamWriter(fixedRels.Open(), new System.Text.UTF8Encoding(false));
                writer.Write(System.Text.RegularExpressions.Regex.Replace(text, "Id=\"R[0-9a-f]+\"", "Id=\"rId1\""));
            }
            foreach (var entry in zip.Entries) entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, bool bold, int halfPoints = 20)
    {
        var props = new RunProperties(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold) props.AppendChild(new Bold());
        return new Paragraph(new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableRow Row(IReadOnlyList<Cell> cells, bool top, bool bottom, bool bold)
    {
        var row = new TableRow();
        for (var j = 0; j < cells.Count; j++)
        {
            var borders = new TableCellBorders();
            if (top) borders.AppendChild(new TopBorder { Val = BorderValues.Single, Size = 8 });
            if (bottom) borders.AppendChild(new BottomBorder { Val = BorderValues.Single, Size = 8 });
            var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = j == 0 ? JustificationValues.Left : JustificationValues.Center }));
            var runProps = new RunProperties(new FontSize { Val = "18" });
            if (bold) runProps.AppendChild(new Bold());
            paragraph.AppendChild(new Run(runProps, new Text(cells[j].Text) { Space = SpaceProcessingModeValues.Preserve }));
            if (cells[j].Stars.Length > 0)
                paragraph.AppendChild(new Run(new RunProperties(new FontSize { Val = "18" }, new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new Text(cells[j].Stars)));
            row.AppendChild(new TableCell(new TableCellProperties(borders), paragraph));
        }
        return row;
    }
}
