using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Plans;

public sealed record GoalDto(int Id, GoalKind Kind, string Description, string? IndicatorCode, string? Comparator, decimal? TargetValue,
    DateOnly Deadline, DateOnly? AchievedOn, GoalStatus Status, string ReasonZh, string ReasonEn, decimal? LatestValue, string? LatestPeriod, int Version);

public sealed record PlanTaskDto(int Id, string Title, int? ResponsibleDepartmentId, string? ResponsibleDepartmentName, int? ResponsiblePersonId,
    string? ResponsiblePersonName, DateOnly? DueDate, PlanTaskStatus Status, int Version);

public sealed record PlanDto(int Id, int PartnershipId, int OrganizationId, string OrganizationName, string Title, DateOnly From, DateOnly To,
    IReadOnlyList<string> FocusSpecialties, IReadOnlyList<GoalDto> Goals, IReadOnlyList<PlanTaskDto> Tasks, int Version);

public sealed record SavePlanRequest(int? PartnershipId, int? OrganizationId, string? Title, DateOnly? From, DateOnly? To,
    IReadOnlyList<string>? FocusSpecialties = null, int? Version = null);

public sealed record SaveGoalRequest(GoalKind? Kind, string? Description, DateOnly? Deadline, string? IndicatorCode = null, string? Comparator = null,
    decimal? TargetValue = null, DateOnly? AchievedOn = null, int? Version = null);

public sealed record SavePlanTaskRequest(string? Title, int? ResponsibleDepartmentId = null, int? ResponsiblePersonId = null, DateOnly? DueDate = null,
    PlanTaskStatus? Status = null, int? Version = null);

/// Plans (一院一策) with their goals and tasks. Goal statuses are computed from the indicator figures on every read.
public sealed class PlanService(AppDbContextFactory dbf, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanDto>> ListAsync(AccessScope scope, int? partnershipId, int? organizationId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope);
        if (partnershipId is { } pid)
            q = q.Where(p => p.PartnershipId == pid);
        if (organizationId is { } org)
            q = q.Where(p => p.OrganizationId == org);
        var plans = await q.OrderBy(p => p.From).ThenBy(p => p.Id).Take(200).ToListAsync(ct);
        return await ToDtosAsync(db, plans, ct);
    }

    /// The plans of some partnerships that overlap a period, with their goals' statuses (for the region summary).
    public async Task<IReadOnlyList<PlanDto>> ListOverlappingAsync(AccessScope scope, IReadOnlyCollection<int> partnershipIds, DateOnly from, DateOnly to,
        CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plans = await Visible(db, scope).Where(p => partnershipIds.Contains(p.PartnershipId) && p.From <= to && p.To >= from)
            .OrderBy(p => p.From).ThenBy(p => p.Id).Take(1000).ToListAsync(ct);
        return await ToDtosAsync(db, plans, ct);
    }

    public async Task<PlanDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plan = await Visible(db, scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is null ? null : (await ToDtosAsync(db, [plan], ct))[0];
    }

    /// The goals of a plan with their computed statuses (for dashboards and reports).
    public async Task<IReadOnlyList<GoalDto>?> GoalStatusesAsync(AccessScope scope, int planId, CancellationToken ct) =>
        (await GetAsync(scope, planId, ct))?.Goals;

    public async Task<PlanDto> CreateAsync(AccessScope scope, SavePlanRequest r, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, r, ct);
        var plan = new Plan { Title = "" };
        Apply(plan, r);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, plan.Id, ct))!;
    }

    public async Task<PlanDto?> UpdateAsync(AccessScope scope, int id, SavePlanRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plan = await LoadForChangeAsync(db, scope, id, ct);
        if (plan is null)
            return null;
        await CheckAsync(db, scope, r, ct);
        VersionCheck.Ensure(plan, r.Version);
        Apply(plan, r);
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plan = await LoadForChangeAsync(db, scope, id, ct);
        if (plan is null)
            return false;
        plan.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<PlanDto?> SaveGoalAsync(AccessScope scope, int planId, int? goalId, SaveGoalRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plan = await LoadForChangeAsync(db, scope, planId, ct);
        if (plan is null)
            return null;
        var v = new Validation().Defined("kind", r.Kind).Required("description", r.Description, 500);
        if (r.Deadline is null)
            v.Add("deadline", "Error.Required");
        var comparator = IndicatorValidationRule.ParseSymbol(r.Comparator);
        if (r.Kind == GoalKind.Indicator)
        {
            if (string.IsNullOrWhiteSpace(r.IndicatorCode))
                v.Add("indicatorCode", "Error.Required");
            else if (!await db.IndicatorDefinitions.AnyAsync(i => i.Code == r.IndicatorCode.Trim(), ct))
                v.Add("indicatorCode", "Indicators.UnknownCode", r.IndicatorCode);
            if (comparator is null)
                v.Add("comparator", "Error.UnknownValue");
            if (r.TargetValue is null)
                v.Add("targetValue", "Error.Required");
        }
        v.ThrowIfAny();
        PlanGoal goal;
        if (goalId is { } gid)
        {
            goal = await db.PlanGoals.FirstOrDefaultAsync(g => g.Id == gid && g.PlanId == planId, ct) ?? throw new PlanPartNotFoundException();
            VersionCheck.Ensure(goal, r.Version);
        }
        else
        {
            goal = new PlanGoal { PlanId = planId, Description = "" };
            db.PlanGoals.Add(goal);
        }
        goal.Kind = r.Kind!.Value;
        goal.Description = r.Description!.Trim();
        goal.Deadline = r.Deadline!.Value;
        goal.AchievedOn = r.AchievedOn;
        var isIndicator = goal.Kind == GoalKind.Indicator;
        goal.IndicatorCode = isIndicator ? r.IndicatorCode!.Trim() : null;
        goal.Comparator = isIndicator ? comparator : null;
        goal.TargetValue = isIndicator ? r.TargetValue : null;
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, planId, ct);
    }

    public async Task<bool> DeleteGoalAsync(AccessScope scope, int planId, int goalId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await LoadForChangeAsync(db, scope, planId, ct) is null)
            return false;
        var goal = await db.PlanGoals.FirstOrDefaultAsync(g => g.Id == goalId && g.PlanId == planId, ct);
        if (goal is null)
            return false;
        db.PlanGoals.Remove(goal);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<PlanDto?> SaveTaskAsync(AccessScope scope, int planId, int? taskId, SavePlanTaskRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var plan = await LoadForChangeAsync(db, scope, planId, ct);
        if (plan is null)
            return null;
        var v = new Validation().Required("title", r.Title, 200);
        if (r.Status is { } s && !Enum.IsDefined(s))
            v.Add("status", "Error.UnknownValue");
        var parties = await db.PartnershipParties.Where(p => p.PartnershipId == plan.PartnershipId && p.DeletedAt == null).Select(p => p.OrganizationId).ToListAsync(ct);
        if (r.ResponsibleDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && parties.Contains(d.OrganizationId), ct))
            v.Add("responsibleDepartmentId", "Error.UnknownDepartment");
        if (r.ResponsiblePersonId is { } person)
        {
            var who = await db.People.Where(p => p.Id == person && parties.Contains(p.OrganizationId)).Select(p => new { p.DepartmentId }).FirstOrDefaultAsync(ct);
            if (who is null)
                v.Add("responsiblePersonId", "Error.ExpertNotInPartnership");
            // The responsible person works in the responsible department (or has none recorded).
            else if (r.ResponsibleDepartmentId is { } d && who.DepartmentId is { } own && own != d)
                v.Add("responsiblePersonId", "I4r.PersonNotInDepartment");
        }
        v.ThrowIfAny();
        PlanTask task;
        if (taskId is { } tid)
        {
            task = await db.PlanTasks.FirstOrDefaultAsync(t => t.Id == tid && t.PlanId == planId, ct) ?? throw new PlanPartNotFoundException();
            VersionCheck.Ensure(task, r.Version);
        }
        else
        {
            task = new PlanTask { PlanId = planId, Title = "" };
            db.PlanTasks.Add(task);
        }
        task.Title = r.Title!.Trim();
        task.ResponsibleDepartmentId = r.ResponsibleDepartmentId;
        task.ResponsiblePersonId = r.ResponsiblePersonId;
        task.DueDate = r.DueDate;
        task.Status = r.Status ?? PlanTaskStatus.Open;
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, planId, ct);
    }

    /// Deletes a task of a plan; false when the plan or task is unknown or out of sight (404), 409 on a stale version.
    public async Task<bool> DeleteTaskAsync(AccessScope scope, int planId, int taskId, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await LoadForChangeAsync(db, scope, planId, ct) is null)
            return false;
        var task = await db.PlanTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.PlanId == planId, ct);
        if (task is null)
            return false;
        VersionCheck.Ensure(task, version);
        db.PlanTasks.Remove(task);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// A goal or task id that does not belong to the plan (answered 404).
    public sealed class PlanPartNotFoundException() : Exception("Not found");

    private static IQueryable<Plan> Visible(AppDbContext db, AccessScope scope) =>
        db.Plans.AsNoTracking().Include(p => p.Goals).Include(p => p.Tasks).OfVisiblePartnerships(db, scope);

    private static async Task<Plan?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var plan = await db.Plans.OfVisiblePartnerships(db, scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is not null)
            await db.EnsureCanChangeAsync(scope, plan.PartnershipId, ct);
        return plan;
    }

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SavePlanRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("title", r.Title, 120);
        if (r.From is null)
            v.Add("from", "Error.Required");
        if (r.To is null)
            v.Add("to", "Error.Required");
        v.DateOrder("to", r.From, r.To);
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        if (r.FocusSpecialties is { } focus && (focus.Count > 30 || focus.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > 60)))
            v.Add("focusSpecialties", "Plans.BadFocus");
        v.ThrowIfAny();
        await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        var receiving = await db.PartnershipParties.AnyAsync(p => p.PartnershipId == r.PartnershipId && p.OrganizationId == r.OrganizationId
            && p.DeletedAt == null && (p.Role == PartyRole.Supported || p.Role == PartyRole.Member), ct);
        if (!receiving)
            v.Add("organizationId", "Plans.NotSupportedParty").ThrowIfAny();
    }

    private static void Apply(Plan plan, SavePlanRequest r)
    {
        plan.PartnershipId = r.PartnershipId!.Value;
        plan.OrganizationId = r.OrganizationId!.Value;
        plan.Title = r.Title!.Trim();
        plan.From = r.From!.Value;
        plan.To = r.To!.Value;
        plan.FocusSpecialties = (r.FocusSpecialties ?? []).Select(f => f.Trim()).Distinct().ToList();
    }

    private async Task<IReadOnlyList<PlanDto>> ToDtosAsync(AppDbContext db, List<Plan> plans, CancellationToken ct)
    {
        if (plans.Count == 0)
            return [];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var orgIds = plans.Select(p => p.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var deptIds = plans.SelectMany(p => p.Tasks).Select(t => t.ResponsibleDepartmentId).OfType<int>().Distinct().ToList();
        var personIds = plans.SelectMany(p => p.Tasks).Select(t => t.ResponsiblePersonId).OfType<int>().Distinct().ToList();
        var depts = await db.Departments.AsNoTracking().Where(d => deptIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var definitions = await db.IndicatorDefinitions.AsNoTracking().ToListAsync(ct);
        var byCode = definitions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var result = new List<PlanDto>();
        foreach (var plan in plans)
        {
            var goals = new List<GoalDto>();
            var indicatorGoals = plan.Goals.Where(g => g.Kind == GoalKind.Indicator && g.IndicatorCode is not null && byCode.ContainsKey(g.IndicatorCode)).ToList();
            // One resolution per plan covers every goal: the periods from the plan's start to the latest deadline or today.
            var periods = indicatorGoals.Select(g => byCode[g.IndicatorCode!].PeriodType).Distinct()
                .SelectMany(type => PeriodsBetween(type, plan.From, Min(today, indicatorGoals.Max(g => g.Deadline)))).ToList();
            var resolved = periods.Count > 0 ? await IndicatorService.ResolveAsync(db, plan.OrganizationId, periods, definitions, ct) : null;
            foreach (var g in plan.Goals.OrderBy(g => g.Deadline).ThenBy(g => g.Id))
            {
                GoalEvaluation e;
                if (g.Kind == GoalKind.Milestone)
                {
                    e = GoalStatusRule.Milestone(g.Deadline, g.AchievedOn, today);
                }
                else
                {
                    var d = byCode.GetValueOrDefault(g.IndicatorCode ?? "");
                    var series = d is null || resolved is null ? [] : PeriodsBetween(d.PeriodType, plan.From, Min(today, g.Deadline))
                        .Select(p => (Period: p, Value: resolved.Get(d.Code, p)?.Value)).Where(x => x.Value is not null)
                        .Select(x => (x.Period, x.Value!.Value)).ToList();
                    e = GoalStatusRule.Indicator(series, g.Comparator ?? RuleOperator.GreaterOrEqual, g.TargetValue ?? 0, g.Deadline, d?.PeriodType ?? PeriodType.Year, today);
                }
                goals.Add(new GoalDto(g.Id, g.Kind, g.Description, g.IndicatorCode, g.Comparator is { } c ? IndicatorValidationRule.Symbol(c) : null, g.TargetValue,
                    g.Deadline, g.AchievedOn, e.Status, e.ReasonZh, e.ReasonEn, e.LatestValue, e.LatestPeriod, g.Version));
            }
            var tasks = plan.Tasks.OrderBy(t => t.DueDate ?? DateOnly.MaxValue).ThenBy(t => t.Id).Select(t => new PlanTaskDto(t.Id, t.Title, t.ResponsibleDepartmentId,
                t.ResponsibleDepartmentId is { } dd ? depts.GetValueOrDefault(dd) : null, t.ResponsiblePersonId,
                t.ResponsiblePersonId is { } pp ? people.GetValueOrDefault(pp) : null, t.DueDate, t.Status, t.Version)).ToList();
            result.Add(new PlanDto(plan.Id, plan.PartnershipId, plan.OrganizationId, names.GetValueOrDefault(plan.OrganizationId) ?? "", plan.Title, plan.From, plan.To,
                plan.FocusSpecialties, goals, tasks, plan.Version));
        }
        return result;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static List<Period> PeriodsBetween(PeriodType type, DateOnly from, DateOnly to)
    {
        var list = new List<Period>();
        for (var p = Period.Of(type, from); p.Start <= to && list.Count < 400; p = p.Next)
            list.Add(p);
        return list;
    }
}
