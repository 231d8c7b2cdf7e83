using Bangfu.Features.Indicators;
using Bangfu.Features.Plans;

namespace Bangfu.UnitTests.Features.Plans;

public sealed class GoalStatusRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Period Y(int year) => new(PeriodType.Year, new DateOnly(year, 1, 1));

    [Fact]
    public void A_milestone_is_achieved_late_at_risk_or_on_track()
    {
        Assert.Equal(GoalStatus.Achieved, GoalStatusRule.Milestone(new DateOnly(2022, 8, 31), new DateOnly(2022, 5, 1), Today).Status);
        Assert.Equal(GoalStatus.Late, GoalStatusRule.Milestone(new DateOnly(2022, 8, 31), null, Today).Status);
        Assert.Equal(GoalStatus.AtRisk, GoalStatusRule.Milestone(Today.AddDays(GoalStatusRule.MilestoneRiskDays), null, Today).Status);
        var onTrack = GoalStatusRule.Milestone(Today.AddDays(GoalStatusRule.MilestoneRiskDays + 1), null, Today);
        Assert.Equal(GoalStatus.OnTrack, onTrack.Status);
        Assert.Contains("91", onTrack.ReasonZh);
    }

    [Fact]
    public void An_indicator_goal_follows_its_latest_figure_and_trend()
    {
        var deadline = new DateOnly(2028, 12, 31);
        GoalStatus Status(params (int Year, decimal Value)[] points) =>
            GoalStatusRule.Indicator(points.Select(p => (Y(p.Year), p.Value)).ToList(), RuleOperator.GreaterOrEqual, 90m, deadline, PeriodType.Year, Today).Status;

        Assert.Equal(GoalStatus.Achieved, Status((2024, 70m), (2025, 91m)));
        Assert.Equal(GoalStatus.OnTrack, Status((2024, 70m), (2025, 80m)));
        Assert.Equal(GoalStatus.AtRisk, Status((2024, 80m), (2025, 79m)));
        Assert.Equal(GoalStatus.AtRisk, Status((2023, 70m), (2024, 89m)));
        Assert.Equal(GoalStatus.AtRisk, Status((2025, 80m)));
        Assert.Equal(GoalStatus.AtRisk, Status());
        Assert.Equal(GoalStatus.Late, GoalStatusRule.Indicator([(Y(2020), 70m)], RuleOperator.GreaterOrEqual, 90m, new DateOnly(2020, 12, 31), PeriodType.Year, Today).Status);
        Assert.Equal(GoalStatus.Achieved, GoalStatusRule.Indicator([(Y(2025), 8.5m)], RuleOperator.LessOrEqual, 9m, deadline, PeriodType.Year, Today).Status);
    }
}
