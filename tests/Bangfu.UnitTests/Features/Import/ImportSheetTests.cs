using Bangfu.Features.Import;
using MiniExcelLibs;

namespace Bangfu.UnitTests.Features.Import;

public sealed class ImportSheetTests
{
    private static readonly ImportColumn[] Columns = [new("日期", "日期", "时间"), new("数量", "数量", "例数"), new("备注", "备注")];

    private static MemoryStream Sheet(params object?[][] rows)
    {
        // MiniExcel writes the first row as headings when given dictionaries; write plain rows keyed by letter instead.
        var stream = new MemoryStream();
        var data = rows.Select(r => r.Select((v, i) => (Key: ((char)('A' + i)).ToString(), Value: v)).ToDictionary(x => x.Key, x => x.Value));
        stream.SaveAs(data, printHeader: false);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Finds_the_heading_row_below_a_title_and_numbers_rows_as_excel_does()
    {
        using var stream = Sheet(
            ["某某医院帮扶工作量", null, null],
            [null, null, null],
            ["时间", "例数", "备注"],
            ["2024.3.5", "2", "甲"],
            [null, null, null],
            ["2024.3.6", 3, null],
            ["合计（2 条）", 5, null],
            ["总计", 5, null]);
        using var sheet = ImportSheet.Open(stream, Columns);
        Assert.Equal(3, sheet.HeaderRowNumber);
        Assert.Equal(["日期", "数量", "备注"], sheet.Headers);
        var rows = sheet.Rows().ToList();
        Assert.Equal([4, 6], rows.Select(r => r.Number));
        Assert.Equal("2024.3.5", rows[0]["日期"]);
        Assert.Equal("甲", rows[0]["备注"]);
        Assert.Null(rows[1]["备注"]);
        Assert.Equal([7, 8], sheet.Skipped);
    }

    [Fact]
    public void Headings_compare_without_spaces_case_or_full_width_forms_and_unknown_columns_are_ignored()
    {
        using var stream = Sheet(["序号", " 时 间 ", "例数＊", "备注"], [1, "2024-01-02", 4, null]);
        using var sheet = ImportSheet.Open(stream, Columns);
        var row = Assert.Single(sheet.Rows());
        Assert.Equal(new HashSet<string> { "日期", "数量" }, row.Cells.Keys.ToHashSet());
        Assert.Equal(4.0, Convert.ToDouble(row["数量"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_sheet_without_a_heading_row_is_refused_with_the_columns_it_needs()
    {
        using var stream = Sheet(["这不是台账"], ["只有一列"]);
        var e = Assert.Throws<ImportFormatException>(() => ImportSheet.Open(stream, Columns));
        Assert.Equal("Import.NoHeaderRow", e.MessageKey);
        Assert.Equal("日期、数量、备注", e.Args[1]);
    }

    [Fact]
    public void Bytes_that_are_no_workbook_are_refused()
    {
        using var stream = new MemoryStream("PK\u0003\u0004 not really a zip"u8.ToArray());
        var e = Assert.Throws<ImportFormatException>(() => ImportSheet.Open(stream, Columns));
        Assert.Equal("Import.NotAWorkbook", e.MessageKey);
    }

    [Theory]
    [InlineData("合计", true)]
    [InlineData("合计（3 条）", true)]
    [InlineData(" 总 计 ", true)]
    [InlineData("Total", true)]
    [InlineData("2024-01-02", false)]
    [InlineData("张合计", false)]
    public void Totals_rows_are_told_by_their_first_cell(string first, bool total) => Assert.Equal(total, ImportSheet.IsTotal(first));
}
