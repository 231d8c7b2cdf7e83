using Bangfu.Features.Indicators;

namespace Bangfu.UnitTests.Features.Indicators;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2018", PeriodType.Year, "2018-01-01", "2018-12-31")]
    [InlineData("2018Q2", PeriodType.Quarter, "2018-04-01", "2018-06-30")]
    [InlineData("2018q4", PeriodType.Quarter, "2018-10-01", "2018-12-31")]
    [InlineData("2018-02", PeriodType.Month, "2018-02-01", "2018-02-28")]
    public void Parses_the_three_period_spellings(string text, PeriodType type, string start, string end)
    {
        Assert.True(Period.TryParse(text, out var p));
        Assert.Equal(type, p.Type);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
        Assert.Equal(text.ToUpperInvariant(), p.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("18")]
    [InlineData("2018Q5")]
    [InlineData("2018-13")]
    [InlineData("2018-1")]
    [InlineData("2018W01")]
    public void Refuses_anything_else(string text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void A_year_contains_its_months_but_a_month_not_its_year()
    {
        Assert.True(Period.TryParse("2018", out var year));
        Assert.True(Period.TryParse("2018-12", out var december));
        Assert.True(year.Contains(december));
        Assert.False(december.Contains(year));
        Assert.Equal("2017", year.Previous.ToString());
        Assert.Equal(12, year.MonthsInside().Count());
    }

    [Theory]
    [InlineData(13452, 10263, 31.07)]
    [InlineData(316000, 262000, 20.61)]
    [InlineData(20293, 17087, 18.76)]
    [InlineData(90, 100, -10)]
    public void Growth_is_a_percentage_to_two_decimals(decimal value, decimal baseline, decimal expected) =>
        Assert.Equal(expected, IndicatorService.Growth(value, baseline));

    [Fact]
    public void No_growth_without_a_baseline_or_from_zero()
    {
        Assert.Null(IndicatorService.Growth(5m, null));
        Assert.Null(IndicatorService.Growth(5m, 0m));
    }
}
