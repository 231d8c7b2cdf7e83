using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Bangfu.Features.Reports;

/// Writes a summary as an editable Word document: A4, 仿宋-style body in Noto Serif CJK, 黑体-style headings in Noto
/// Sans CJK (Word substitutes its own 宋体/仿宋/黑体 where Noto is missing), a KPI table, a chart, page numbers.
public static class SummaryDocument
{
    private const string BodyFont = "Noto Serif CJK SC";
    private const string HeadingFont = "Noto Sans CJK SC";
    private const string LatinFont = "Times New Roman";

    /// A4 width less the left and right margins of the section.
    private const int TextWidthTwips = 11906 - 1588 - 1474;

    public static void Write(SummaryReport report, IStringLocalizer t, Stream output) =>
        Write(output, t, report.Title, report.PeriodText, report.Sections, report.Activities, report.Kpis, _ => []);

    /// A region's summary: the same document, with a table of its partnerships after their section.
    public static void Write(RegionSummaryReport report, IStringLocalizer t, Stream output) =>
        Write(output, t, report.Title, report.PeriodText, report.Sections, report.Activities, report.Kpis,
            section => section.Key == "Partnerships" ? [PartnershipTable(report, t)] : []);

    private static void Write(Stream output, IStringLocalizer t, string title, string periodText, IReadOnlyList<SummarySection> sections,
        IReadOnlyList<ActivityFigure> activities, IReadOnlyList<KpiFigure> kpis, Func<SummarySection, IEnumerable<OpenXmlElement>> extra)
    {
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        main.Document = new Document(new Body());
        AddStyles(main);
        var footerId = AddFooter(main, t);
        var body = main.Document.Body!;

        body.Append(Paragraph(title, bold: true, size: 36, font: HeadingFont, center: true, after: 120));
        body.Append(Paragraph(periodText, size: 28, center: true, after: 360));

        foreach (var section in sections)
        {
            body.Append(Paragraph(section.Heading, bold: true, size: 30, font: HeadingFont, before: 240, after: 120));
            foreach (var text in section.Paragraphs)
                body.Append(Paragraph(text, firstLineIndent: true));
            if (section.Key == "Work" && activities.Count > 0)
            {
                var png = SummaryChart.Bars(t["Report.ChartTitle", periodText], activities.Select(a => (a.Label, (double)a.Quantity)).ToList());
                body.Append(Picture(main, png, widthCm: 15.5));
                body.Append(Paragraph(t["Report.ChartCaption"], size: 21, center: true, after: 120));
                body.Append(ActivityTable(activities, t));
            }
            if (section.Key == "Kpis" && kpis.Count > 0)
            {
                body.Append(KpiTable(kpis, t));
                var growth = kpis.Where(k => k.GrowthPercent is not null).ToList();
                if (growth.Count > 0)
                {
                    var multiple = kpis.Select(x => x.Organization).Distinct().Count() > 1;
                    var png = SummaryChart.Bars(t["Report.KpiChartTitle"], growth.Select(k => ((multiple ? k.Organization + " " : "") + k.Name, (double)k.GrowthPercent!.Value)).ToList());
                    body.Append(Picture(main, png, widthCm: 15.5));
                    body.Append(Paragraph(t["Report.KpiChartCaption"], size: 21, center: true, after: 120));
                }
            }
            foreach (var element in extra(section))
                body.Append(element);
        }

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 851, Gutter = 0U }));
        main.Document.Save();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont },
                    new FontSize { Val = "28" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Line = "440", LineRule = LineSpacingRuleValues.Exact, After = "0" }))));
        part.Styles.Save();
    }

    private static string AddFooter(MainDocumentPart main, IStringLocalizer t)
    {
        var footer = main.AddNewPart<FooterPart>();
        // 第 {PAGE} 页 共 {NUMPAGES} 页, with the words from the resource so English reads "Page 1 of 3".
        var template = t["Report.PageOf"].Value;
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        var parts = template.Split(["{0}", "{1}"], StringSplitOptions.None);
        paragraph.Append(TextRun(parts[0], 21));
        paragraph.Append(Field("PAGE"));
        if (parts.Length > 1)
            paragraph.Append(TextRun(parts[1], 21));
        paragraph.Append(Field("NUMPAGES"));
        if (parts.Length > 2)
            paragraph.Append(TextRun(parts[2], 21));
        footer.Footer = new Footer(paragraph);
        footer.Footer.Save();
        return main.GetIdOfPart(footer);
    }

    private static SimpleField Field(string code) => new(TextRun("1", 21)) { Instruction = $" {code} " };

    private static Run TextRun(string text, int size, bool bold = false, string? font = null)
    {
        var props = new RunProperties();
        if (font is not null)
            props.Append(new RunFonts { EastAsia = font, Ascii = LatinFont, HighAnsi = LatinFont });
        if (bold)
            props.Append(new Bold());
        props.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 28, string? font = null, bool center = false,
        bool firstLineIndent = false, int before = 0, int after = 0)
    {
        var props = new ParagraphProperties();
        if (before > 0 || after > 0)
            props.Append(new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture) });
        if (firstLineIndent)
            props.Append(new Indentation { FirstLineChars = 200 });
        if (center)
            props.Append(new Justification { Val = JustificationValues.Center });
        else
            props.Append(new Justification { Val = JustificationValues.Both });
        return new Paragraph(props, TextRun(text, size, bold, font));
    }

    private static Table ActivityTable(IReadOnlyList<ActivityFigure> activities, IStringLocalizer t) =>
        Grid([t["Report.Col.Kind"], t["Report.Col.Quantity"], t["Report.Col.Unit"], t["Report.Col.Attendees"]],
            activities.Select(a => new[] { a.Label, Num(a.Quantity), a.Unit, a.Attendees > 0 ? Num(a.Attendees) : "" }).ToList());

    private static Table KpiTable(IReadOnlyList<KpiFigure> kpis, IStringLocalizer t) =>
        Grid([t["Report.Col.Indicator"], t["Report.Col.Value"], t["Report.Col.Previous"], t["Report.Col.Change"], t["Report.Col.Growth"]],
            kpis.Select(k => new[]
            {
                (kpis.Select(x => x.Organization).Distinct().Count() > 1 ? k.Organization + " " : "")
                    + (string.IsNullOrEmpty(k.Unit) ? k.Name : $"{k.Name}（{k.Unit}）"),
                Dec(k.Value), Dec(k.PreviousValue), k.Change is { } c ? (c > 0 ? "+" : "") + Dec(c) : "",
                k.GrowthPercent is { } g ? (g > 0 ? "+" : "") + g.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "",
            }).ToList());

    /// One row per partnership: kind, experts and person-times, and the region's key activity kinds.
    private static Table PartnershipTable(RegionSummaryReport report, IStringLocalizer t) =>
        Grid([t["I4r.Col.Partnership"], t["I4r.Col.Kind"], t["I4r.Col.Persons"], t["I4r.Col.PersonTimes"],
                .. report.KeyKinds.Select(k => t[$"ActivityKind.{k}"].Value)],
            report.Partnerships.Select(p => (string[])
            [
                p.Name, p.KindLabel, Num(p.Persons), Num(p.PersonTimes),
                .. report.KeyKinds.Select(k => p.Activities.TryGetValue(k, out var q) ? Num(q) : "0"),
            ]).ToList());

    private static string Num(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Dec(decimal? value) => value?.ToString("#,##0.##", CultureInfo.InvariantCulture) ?? "";

    private static Table Grid(IReadOnlyList<string> headings, IReadOnlyList<string[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 8 },
                new BottomBorder { Val = BorderValues.Single, Size = 8 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        // The first column holds the names: a third of the width; the numbers share the rest.
        var first = headings.Count > 5 ? 1500 : 1800;
        var widths = headings.Select((_, i) => i == 0 ? first : (5000 - first) / (headings.Count - 1)).ToList();
        // The grid in twips of the text width, which LibreOffice follows where it ignores the cells' percentages.
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = (w * TextWidthTwips / 5000).ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(headings, widths, header: true));
        foreach (var row in rows)
            table.Append(Row(row, widths, header: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, List<int> widths, bool header)
    {
        var row = new TableRow();
        if (header)
            row.Append(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < cells.Count; i++)
        {
            var paragraph = new Paragraph(
                new ParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto, Before = "40", After = "40" },
                    new Justification { Val = i == 0 ? JustificationValues.Left : JustificationValues.Right }),
                TextRun(cells[i], 22, bold: header, font: header ? HeadingFont : null));
            var props = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Pct });
            if (header)
                props.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "E8F1EC" });
            row.Append(new TableCell(props, paragraph));
        }
        return row;
    }

    private static Paragraph Picture(MainDocumentPart main, byte[] png, double widthCm)
    {
        var image = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(png))
            image.FeedData(stream);
        var id = main.GetIdOfPart(image);
        var (pxWidth, pxHeight) = PngSize(png);
        const long emuPerCm = 360000;
        var cx = (long)(widthCm * emuPerCm);
        var cy = cx * pxHeight / pxWidth;
        var drawing = new Drawing(new Dw.Inline(
            new Dw.Extent { Cx = cx, Cy = cy },
            new Dw.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Dw.DocProperties { Id = (uint)(main.ImageParts.Count()), Name = "chart" + id },
            new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = 0U, Name = id + ".png" }, new Pic.NonVisualPictureDrawingProperties()),
                    new Pic.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        // Auto line spacing: the document's exact 22-pt lines would clip the picture to one line.
        return new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto, Before = "120" },
            new Justification { Val = JustificationValues.Center }), new Run(drawing));
    }

    /// Width and height from the PNG header (IHDR follows the 8-byte signature and the chunk's length and type).
    private static (long Width, long Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
}
