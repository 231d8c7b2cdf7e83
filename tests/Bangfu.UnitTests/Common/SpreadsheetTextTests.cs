using Bangfu.Common;

namespace Bangfu.UnitTests.Common;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("  =cmd|'/c calc'!A1")]
    [InlineData("＝1+1")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    public void Text_that_a_spreadsheet_would_run_gets_an_apostrophe(string text) => Assert.Equal("'" + text, SpreadsheetText.Inert(text));

    [Theory]
    [InlineData("张三")]
    [InlineData("腹腔镜胆囊切除术")]
    [InlineData("2024-01")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Other_text_is_unchanged(string text) => Assert.Equal(text, SpreadsheetText.Inert(text));

    [Fact]
    public void Numbers_and_dates_pass_unchanged()
    {
        Assert.Equal(-3, SpreadsheetText.Cell(-3));
        Assert.Equal(new DateTime(2024, 1, 1), SpreadsheetText.Cell(new DateTime(2024, 1, 1)));
        Assert.Null(SpreadsheetText.Cell(null));
    }
}
