using Bangfu.Features.Import;

namespace Bangfu.UnitTests.Features.Import;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2018.6.21")]
    [InlineData("2018年6月21日")]
    [InlineData("2018/6/21")]
    [InlineData("2018-06-21")]
    [InlineData(" 2018 年 6 月 21 日 ")]
    [InlineData("2018-06-21 08:30")]
    public void Reads_the_ways_a_day_is_written(string text)
    {
        Assert.True(ImportValues.TryDate(text, out var date));
        Assert.Equal(new DateOnly(2018, 6, 21), date);
    }

    [Fact]
    public void Reads_excel_dates_and_serial_numbers()
    {
        Assert.True(ImportValues.TryDate(new DateTime(2018, 6, 21), out var d1));
        Assert.True(ImportValues.TryDate(new DateTime(2018, 6, 21).ToOADate(), out var d2));
        Assert.Equal(new DateOnly(2018, 6, 21), d1);
        Assert.Equal(d1, d2);
    }

    [Theory]
    [InlineData("2018-13-01")]
    [InlineData("2018.2.30")]
    [InlineData("21/6/2018")]
    [InlineData("昨天")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0001-01-01")]
    public void Refuses_what_is_not_a_day(string? text) => Assert.False(ImportValues.TryDate(text, out _));

    [Theory]
    [InlineData("2018年6月")]
    [InlineData("2018.6")]
    [InlineData("2018-06")]
    [InlineData("2018年06月份")]
    public void Reads_a_month_as_its_first_day(string text)
    {
        Assert.True(ImportValues.TryMonth(text, out var month));
        Assert.Equal(new DateOnly(2018, 6, 1), month);
        Assert.False(ImportValues.TryDate(text, out _));
    }

    [Theory]
    [InlineData("12", 12, false)]
    [InlineData("12.0", 12, false)]
    [InlineData("20余", 20, true)]
    [InlineData("20多", 20, true)]
    [InlineData("约20", 20, true)]
    [InlineData("20+", 20, true)]
    [InlineData("２０", 20, false)]
    [InlineData("20余台", 20, true)]
    [InlineData("1,200", 1200, false)]
    [InlineData("近百", 0, false)]
    public void Reads_counts_and_says_when_they_are_approximate(string text, int expected, bool approximate)
    {
        var ok = ImportValues.TryCount(text, out var count, out var about);
        Assert.Equal(expected != 0, ok);
        if (ok)
            Assert.Equal((expected, approximate), (count, about));
    }

    [Fact]
    public void Numbers_must_be_whole_and_not_negative()
    {
        Assert.True(ImportValues.TryCount(7.0, out var seven, out _));
        Assert.Equal(7, seven);
        Assert.False(ImportValues.TryCount(7.5, out _, out _));
        Assert.False(ImportValues.TryCount(-1.0, out _, out _));
        Assert.False(ImportValues.TryCount("-3", out _, out _));
        Assert.False(ImportValues.TryCount("两台", out _, out _));
    }

    [Fact]
    public void Text_loses_control_characters_and_extra_spaces_and_the_exports_formula_guard()
    {
        Assert.Equal("张 三", ImportValues.Text(" 张\u0000\t三\u200b "));
        Assert.Null(ImportValues.Text("   "));
        Assert.Equal("=1+1", ImportValues.Text("'=1+1"));
        Assert.Equal("'引号", ImportValues.Text("'引号"));
        Assert.Equal("2018-06-21", ImportValues.Text(new DateTime(2018, 6, 21)));
    }
}
