using System.Globalization;

namespace Bangfu.Features.Reports;

/// Charts for the DOCX, drawn on the server (ScottPlot on SkiaSharp) with a CJK font, so the labels read in Chinese.
public static class SummaryChart
{
    /// Noto Sans CJK (fonts-noto-cjk) where installed; otherwise ScottPlot picks a font that has the glyphs it can find.
    private const string CjkFont = "Noto Sans CJK SC";

    /// Horizontal bars, one per label, with the value written at the end of each bar.
    public static byte[] Bars(string title, IReadOnlyList<(string Label, double Value)> rows, int width = 1200, int height = 0)
    {
        var plot = new ScottPlot.Plot();
        plot.Font.Set(CjkFont);
        var count = rows.Count;
        var bars = rows.Select((r, i) => new ScottPlot.Bar
        {
            Position = count - i,
            Value = r.Value,
            Label = r.Value.ToString("#,##0.##", CultureInfo.InvariantCulture),
            FillColor = ScottPlot.Color.FromHex("#1B6B4F"),
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontName = CjkFont;
        series.ValueLabelStyle.FontSize = 18;
        plot.Axes.Left.SetTicks(rows.Select((_, i) => (double)(count - i)).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.TickLabelStyle.FontName = CjkFont;
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        // Every bar carries its value: the value axis would only repeat them.
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(0.08);
        plot.Axes.Margins(left: 0, right: 0.18, bottom: 0.05, top: 0.05);
        plot.Title(title, 22);
        plot.Axes.Title.Label.FontName = CjkFont;
        return plot.GetImageBytes(width, height > 0 ? height : 140 + 48 * Math.Max(count, 1), ScottPlot.ImageFormat.Png);
    }
}
