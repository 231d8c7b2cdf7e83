using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Dashboards;

/// Which year a KPI is compared with: the year before the partnership began (when that year has figures), else the
/// year before the selected one.
public enum KpiBaselineKind
{
    BeforePartnership,
    PreviousYear,
}

public sealed record KpiPoint(int Year, decimal? Value);

/// One indicator of one organization: the selected year beside its baseline, the plan's target, and five years.
public sealed record KpiRow(string Code, string NameZh, string NameEn, string? Unit, IndicatorValueType ValueType, IndicatorDirection Direction,
    decimal? Value, decimal? Baseline, decimal? Change, decimal? GrowthPercent, string? TargetComparator, decimal? TargetValue, DateOnly? TargetDeadline,
    IReadOnlyList<KpiPoint> Trend);

public sealed record KpiOrganization(int OrganizationId, string OrganizationName, int BaselineYear, KpiBaselineKind BaselineKind, IReadOnlyList<KpiRow> Indicators);

public sealed record DashboardGoal(int PlanId, int PartnershipId, int OrganizationId, string OrganizationName, string Description, DateOnly Deadline,
    GoalStatus Status, string ReasonZh, string ReasonEn, string? IndicatorCode, string? Comparator, decimal? TargetValue);

public sealed record GoalStatusCount(GoalStatus Status, int Count);

/// A plan of the region with its goals counted by status (region level; links down to the partnership and hospital).
public sealed record RegionPlanGoals(int PlanId, int PartnershipId, string PartnershipName, int OrganizationId, string OrganizationName, string Title,
    IReadOnlyList<GoalStatusCount> Counts);

public sealed record DashboardKpisDto(DashboardLevel Level, int? Id, string? RegionCode, int Year, IReadOnlyList<KpiOrganization> Organizations,
    IReadOnlyList<DashboardGoal> Goals, IReadOnlyList<GoalStatusCount> GoalCounts, IReadOnlyList<RegionPlanGoals> Plans);

/// KPI trends against baseline and target, and goals with their status, for the dashboards. Indicator figures are
/// resolved once per organization for every year at once (stored values, sums of months, formulas).
public sealed class DashboardKpiService(AppDbContextFactory dbf, PlanService plans)
{
    /// The most receiving organizations whose KPIs one dashboard shows (an alliance has many members).
    public const int MaxOrganizations = 10;

    /// Years in a trend, the selected one last.
    public const int TrendYears = 5;

    public async Task<DashboardKpisDto?> GetAsync(AccessScope scope, DashboardLevel level, int? id, string? regionCode, int year, CancellationToken ct)
    {
        var v = new Validation();
        if (year is < 2000 or > 2100)
            v.Add("year", "Error.Range", 2000, 2100);
        if (level != DashboardLevel.Region && id is null)
            v.Add("id", "Error.Required");
        if (level == DashboardLevel.Region && (regionCode is null || regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit)))
            v.Add("regionCode", "Error.RegionCode");
        v.ThrowIfAny();

        await using var db = dbf.CreateFor(scope);
        var visible = db.Visible(scope);
        switch (level)
        {
            case DashboardLevel.Partnership:
                {
                    var p = await visible.Where(p => p.Id == id).Select(p => new { p.Id, p.StartDate }).FirstOrDefaultAsync(ct);
                    if (p is null)
                        return null;
                    var receiving = await db.PartnershipParties.AsNoTracking()
                        .Where(x => x.PartnershipId == p.Id && x.DeletedAt == null && (x.Role == PartyRole.Supported || x.Role == PartyRole.Member))
                        .OrderBy(x => x.OrganizationId).Select(x => x.OrganizationId).Distinct().Take(MaxOrganizations).ToListAsync(ct);
                    var planList = await plans.ListAsync(scope, p.Id, null, ct);
                    var kpis = await KpisAsync(db, receiving.Select(o => (o, (int?)p.StartDate.Year)).ToList(), planList, year, ct);
                    return new DashboardKpisDto(level, id, null, year, kpis, Goals(planList), Count(planList), []);
                }
            case DashboardLevel.Organization:
                {
                    if (!await db.Organizations.AnyAsync(o => o.Id == id, ct))
                        return null;
                    var mine = visible.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.OrganizationId == id));
                    if (!await mine.AnyAsync(ct) && !scope.IsAdmin && scope.OrganizationId != id)
                        return null;
                    // The baseline is the year before the first partnership that supports this organization began.
                    var began = await mine.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.OrganizationId == id
                            && (x.Role == PartyRole.Supported || x.Role == PartyRole.Member)))
                        .MinAsync(p => (DateOnly?)p.StartDate, ct);
                    var planList = await plans.ListAsync(scope, null, id, ct);
                    var kpis = await KpisAsync(db, [(id!.Value, began?.Year)], planList, year, ct);
                    return new DashboardKpisDto(level, id, null, year, kpis, Goals(planList), Count(planList), []);
                }
            default:
                {
                    var prefix = AccessScope.RegionPrefixOf(regionCode!);
                    if (!scope.IsAdmin && !(scope.ReadsRegion && prefix.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal)))
                        return null;
                    var inRegion = await db.Organizations.AsNoTracking().Where(o => o.RegionCode.StartsWith(prefix)).Select(o => o.Id).ToListAsync(ct);
                    var set = inRegion.ToHashSet();
                    // Plans are listed at most 200 at a time by the plan service: the region's count covers those.
                    var planList = (await plans.ListAsync(scope, null, null, ct)).Where(p => set.Contains(p.OrganizationId)).ToList();
                    var pids = planList.Select(p => p.PartnershipId).Distinct().ToList();
                    var names = await db.Partnerships.AsNoTracking().Where(p => pids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
                    var rows = planList.Where(p => p.Goals.Count > 0)
                        .Select(p => new RegionPlanGoals(p.Id, p.PartnershipId, names.GetValueOrDefault(p.PartnershipId, ""), p.OrganizationId, p.OrganizationName,
                            p.Title, Count([p]))).ToList();
                    return new DashboardKpisDto(level, null, regionCode, year, [], [], Count(planList), rows);
                }
        }
    }

    private static List<DashboardGoal> Goals(IReadOnlyList<PlanDto> planList) =>
        planList.SelectMany(p => p.Goals.Select(g => new DashboardGoal(p.Id, p.PartnershipId, p.OrganizationId, p.OrganizationName, g.Description,
                g.Deadline, g.Status, g.ReasonZh, g.ReasonEn, g.IndicatorCode, g.Comparator, g.TargetValue)))
            .OrderBy(g => g.Deadline).ThenBy(g => g.PlanId).ToList();

    private static List<GoalStatusCount> Count(IReadOnlyList<PlanDto> planList) =>
        Enum.GetValues<GoalStatus>().Select(s => new GoalStatusCount(s, planList.Sum(p => p.Goals.Count(g => g.Status == s)))).ToList();

    private static async Task<List<KpiOrganization>> KpisAsync(AppDbContext db, List<(int Organization, int? BeganYear)> organizations,
        IReadOnlyList<PlanDto> planList, int year, CancellationToken ct)
    {
        if (organizations.Count == 0)
            return [];
        var definitions = await db.IndicatorDefinitions.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Code).ToListAsync(ct);
        var ids = organizations.Select(o => o.Organization).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var trendYears = Enumerable.Range(year - TrendYears + 1, TrendYears).ToList();
        var result = new List<KpiOrganization>();
        foreach (var (org, began) in organizations)
        {
            var before = began is { } b && b - 1 < year ? b - 1 : (int?)null;
            var years = trendYears.Append(year - 1).Concat(before is { } y ? [y] : []).Distinct().ToList();
            // One resolution per organization covers every year of the trend and both candidate baselines.
            var resolved = await IndicatorService.ResolveAsync(db, org, years.Select(Year).ToList(), definitions, ct);
            decimal? Get(IndicatorDefinition d, int y) => resolved.Get(d.Code, Year(y))?.Value;
            // Ledger counts are computed for any year (zero before the partnership): only reported figures make a baseline.
            var useBefore = before is { } by && definitions.Any(d => d.Kind != IndicatorKind.Computed && Get(d, by) is not null);
            var baselineYear = useBefore ? before!.Value : year - 1;
            var goals = planList.Where(p => p.OrganizationId == org).SelectMany(p => p.Goals)
                .Where(g => g.Kind == GoalKind.Indicator && g.IndicatorCode is not null && g.TargetValue is not null).ToList();
            var rows = new List<KpiRow>();
            foreach (var d in definitions)
            {
                var trend = trendYears.Select(y => new KpiPoint(y, Round(Get(d, y)))).ToList();
                if (trend.All(t => t.Value is null || (d.Kind == IndicatorKind.Computed && t.Value == 0)))
                    continue;
                var value = Round(Get(d, year));
                var baseline = Round(Get(d, baselineYear));
                // The goal whose deadline is the nearest on or after the selected year, else the latest one.
                var goal = goals.Where(g => string.Equals(g.IndicatorCode, d.Code, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(g => g.Deadline.Year >= year ? 0 : 1).ThenBy(g => g.Deadline.Year >= year ? g.Deadline.DayNumber : -g.Deadline.DayNumber)
                    .FirstOrDefault();
                rows.Add(new KpiRow(d.Code, d.NameZh, d.NameEn, d.Unit, d.ValueType, d.Direction, value, baseline,
                    value is { } a && baseline is { } c ? a - c : null,
                    d.ValueType == IndicatorValueType.Percent ? null : IndicatorService.Growth(value, baseline),
                    goal?.Comparator, goal?.TargetValue, goal?.Deadline, trend));
            }
            if (rows.Count > 0)
                result.Add(new KpiOrganization(org, names.GetValueOrDefault(org, ""), baselineYear,
                    useBefore ? KpiBaselineKind.BeforePartnership : KpiBaselineKind.PreviousYear, rows));
        }
        return result;
    }

    private static Period Year(int y) => new(PeriodType.Year, new DateOnly(y, 1, 1));

    private static decimal? Round(decimal? x) => x is { } v ? IndicatorService.Normalize(Math.Round(v, 4, MidpointRounding.AwayFromZero)) : null;
}
