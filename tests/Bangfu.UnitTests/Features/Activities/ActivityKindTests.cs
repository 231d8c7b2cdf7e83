using Bangfu.Features.Activities;

namespace Bangfu.UnitTests.Features.Activities;

public sealed class ActivityKindTests
{
    [Fact]
    public void Every_kind_has_units_and_a_positive_limit() =>
        Assert.All(Enum.GetValues<ActivityKind>(), k =>
        {
            var info = ActivityKinds.All[k];
            Assert.NotEmpty(info.Units);
            Assert.True(info.MaxQuantityPerEntry > 0);
        });

    [Fact]
    public void Surgeries_are_counted_in_tai_or_li_and_lectures_count_attendees()
    {
        Assert.Equal([ActivityUnit.Tai, ActivityUnit.Li], ActivityKinds.All[ActivityKind.Surgery].Units);
        Assert.True(ActivityKinds.All[ActivityKind.Lecture].CountsAttendees);
        Assert.False(ActivityKinds.All[ActivityKind.Outpatient].CountsAttendees);
    }

    [Theory]
    [InlineData(2022, 7, 3, 202207)]
    [InlineData(2018, 12, 31, 201812)]
    public void Month_keys_are_yyyymm(int y, int m, int d, int key) => Assert.Equal(key, Activity.MonthOf(new DateOnly(y, m, d)));
}
