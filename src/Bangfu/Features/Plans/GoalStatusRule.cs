using System.Globalization;
using Bangfu.Features.Indicators;

namespace Bangfu.Features.Plans;

public sealed record GoalEvaluation(GoalStatus Status, string ReasonZh, string ReasonEn, decimal? LatestValue, string? LatestPeriod);

/// How a goal's status follows from the data, on read:
/// - milestone: Achieved when an achieved-on date is set; Late when the deadline has passed; AtRisk within 90 days
///   of the deadline; else OnTrack.
/// - indicator: Achieved when the latest figure meets the target; Late when the deadline has passed without that;
///   AtRisk when there is no figure, the last complete period has none, or the straight line through the last (up
///   to four) figures does not reach the target by the deadline's period; else OnTrack.
public static class GoalStatusRule
{
    public const int MilestoneRiskDays = 90;

    public static GoalEvaluation Milestone(DateOnly deadline, DateOnly? achievedOn, DateOnly today)
    {
        if (achievedOn is { } on)
            return new(GoalStatus.Achieved, $"已于{on:yyyy-MM-dd}达成", $"Achieved on {on:yyyy-MM-dd}", null, null);
        if (today > deadline)
            return new(GoalStatus.Late, $"期限{deadline:yyyy-MM-dd}已过，尚未达成", $"Deadline {deadline:yyyy-MM-dd} passed, not achieved", null, null);
        var left = deadline.DayNumber - today.DayNumber;
        return left <= MilestoneRiskDays
            ? new(GoalStatus.AtRisk, $"距期限仅剩{left}天，尚未达成", $"Only {left} days to the deadline, not achieved", null, null)
            : new(GoalStatus.OnTrack, $"距期限还有{left}天", $"{left} days to the deadline", null, null);
    }

    /// <paramref name="series"/>: the figures from the plan's start to today, oldest first, in the indicator's period type.
    public static GoalEvaluation Indicator(IReadOnlyList<(Period Period, decimal Value)> series, RuleOperator comparator, decimal target,
        DateOnly deadline, PeriodType periodType, DateOnly today)
    {
        var op = IndicatorValidationRule.Symbol(comparator);
        var t = target.ToString("0.####", CultureInfo.InvariantCulture);
        if (series.Count == 0)
        {
            return today > deadline
                ? new(GoalStatus.Late, $"期限{deadline:yyyy-MM-dd}已过，且无数据", $"Deadline {deadline:yyyy-MM-dd} passed with no figures", null, null)
                : new(GoalStatus.AtRisk, "尚无数据", "No figures yet", null, null);
        }
        var (latestPeriod, latest) = series[^1];
        var l = latest.ToString("0.##", CultureInfo.InvariantCulture);
        if (IndicatorValidationRule.Holds(latest, comparator, target, 0))
            return new(GoalStatus.Achieved, $"最新值{l}（{latestPeriod}）已达到目标{op}{t}", $"Latest {l} ({latestPeriod}) meets the target {op} {t}", latest, latestPeriod.ToString());
        if (today > deadline)
            return new(GoalStatus.Late, $"期限{deadline:yyyy-MM-dd}已过，最新值{l}（{latestPeriod}）未达目标{op}{t}",
                $"Deadline {deadline:yyyy-MM-dd} passed; latest {l} ({latestPeriod}) misses the target {op} {t}", latest, latestPeriod.ToString());
        var lastComplete = Period.Of(periodType, today).Previous;
        if (latestPeriod.Start < lastComplete.Start)
            return new(GoalStatus.AtRisk, $"{lastComplete}期间无数据", $"No figure for {lastComplete}", latest, latestPeriod.ToString());
        var recent = series.TakeLast(4).ToList();
        if (recent.Count < 2)
            return new(GoalStatus.AtRisk, $"最新值{l}未达目标{op}{t}，数据不足以判断趋势", $"Latest {l} misses the target {op} {t}; too few figures for a trend",
                latest, latestPeriod.ToString());
        var projected = Project(recent, Period.Of(periodType, deadline));
        var p = projected.ToString("0.##", CultureInfo.InvariantCulture);
        return IndicatorValidationRule.Holds(projected, comparator, target, 0)
            ? new(GoalStatus.OnTrack, $"按近期趋势，期限时预计{p}，可达目标{op}{t}", $"On the recent trend, {p} by the deadline meets {op} {t}", latest, latestPeriod.ToString())
            : new(GoalStatus.AtRisk, $"按近期趋势，期限时预计{p}，达不到目标{op}{t}", $"On the recent trend, {p} by the deadline misses {op} {t}", latest, latestPeriod.ToString());
    }

    /// Least-squares line through the points (x in months), read at the deadline's period.
    private static decimal Project(IReadOnlyList<(Period Period, decimal Value)> points, Period at)
    {
        static double X(Period p) => (p.Start.Year * 12) + p.Start.Month;
        var xs = points.Select(p => X(p.Period)).ToList();
        var ys = points.Select(p => (double)p.Value).ToList();
        var mx = xs.Average();
        var my = ys.Average();
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        var slope = sxx == 0 ? 0 : xs.Zip(ys).Sum(q => (q.First - mx) * (q.Second - my)) / sxx;
        return (decimal)Math.Round(my + (slope * (X(at) - mx)), 4);
    }
}
