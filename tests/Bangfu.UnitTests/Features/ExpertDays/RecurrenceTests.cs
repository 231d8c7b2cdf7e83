using Bangfu.Features.ExpertDays;

namespace Bangfu.UnitTests.Features.ExpertDays;

public sealed class RecurrenceTests
{
    private const string ThirdThursday = "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3";

    [Fact]
    public void Third_thursdays_from_june_2018_start_on_the_21st_not_on_the_start_date()
    {
        var dates = ExpertDay.Occurrences(ThirdThursday, new DateOnly(2018, 6, 1), null, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31));
        Assert.Equal(7, dates.Count);
        Assert.Equal(new DateOnly(2018, 6, 21), dates[0]);
        Assert.Equal(new DateOnly(2018, 12, 20), dates[^1]);
    }

    [Fact]
    public void The_end_date_stops_the_series()
    {
        var dates = ExpertDay.Occurrences(ThirdThursday, new DateOnly(2018, 1, 1), new DateOnly(2018, 3, 31), new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31));
        Assert.Equal([new DateOnly(2018, 1, 18), new DateOnly(2018, 2, 15), new DateOnly(2018, 3, 15)], dates);
    }

    [Fact]
    public void A_weekly_rule_gives_every_chosen_weekday() =>
        Assert.Equal(9, ExpertDay.Occurrences("FREQ=WEEKLY;BYDAY=MO,WE,FR", new DateOnly(2024, 1, 1), null, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 21)).Count);

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", true)]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", true)]
    [InlineData("FREQ=HOURLY", false)]
    [InlineData("FREQ=NEVER", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_valid_daily_to_yearly_rules_are_accepted(string? rule, bool valid) =>
        Assert.Equal(valid, ExpertDay.CheckRule(rule) is null);
}
