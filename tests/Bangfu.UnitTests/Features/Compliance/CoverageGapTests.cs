using Bangfu.Features.Compliance;

namespace Bangfu.UnitTests.Features.Compliance;

public sealed class CoverageGapTests
{
    private static readonly DateRange Year2024 = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    private static DateRange R(int m1, int d1, int m2, int d2) => new(new DateOnly(2024, m1, d1), new DateOnly(2024, m2, d2));

    [Fact]
    public void No_dispatch_leaves_the_whole_window_uncovered() =>
        Assert.Equal([Year2024], ComplianceService.Gaps(Year2024, []));

    [Fact]
    public void Overlapping_and_touching_stays_leave_no_gap()
    {
        var gaps = ComplianceService.Gaps(Year2024, [R(6, 1, 12, 31), new DateRange(new DateOnly(2023, 11, 1), new DateOnly(2024, 3, 31)), R(3, 15, 5, 31)]);
        Assert.Empty(gaps);
    }

    [Fact]
    public void Gaps_between_at_the_start_and_at_the_end_are_listed_in_order()
    {
        var gaps = ComplianceService.Gaps(Year2024, [R(2, 1, 4, 30), R(6, 1, 11, 30)]);
        Assert.Equal([R(1, 1, 1, 31), R(5, 1, 5, 31), R(12, 1, 12, 31)], gaps);
        Assert.Equal(31 + 31 + 31, gaps.Sum(g => g.Days));
    }

    [Fact]
    public void Stays_outside_the_window_are_ignored() =>
        Assert.Equal([Year2024], ComplianceService.Gaps(Year2024, [new DateRange(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31))]));

    [Fact]
    public void A_single_uncovered_day_is_a_gap_of_one_day()
    {
        var gap = Assert.Single(ComplianceService.Gaps(Year2024, [R(1, 1, 6, 30), R(7, 2, 12, 31)]));
        Assert.Equal(1, gap.Days);
        Assert.Equal(new DateOnly(2024, 7, 1), gap.From);
    }
}
