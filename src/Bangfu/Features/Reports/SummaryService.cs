using System.Globalization;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Indicators;
using Bangfu.Features.Meetings;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Bangfu.Features.Techniques;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using IndicatorPeriod = Bangfu.Features.Indicators.Period;

namespace Bangfu.Features.Reports;

/// Gathers a partnership's figures for a period (with SQL aggregates and the monthly rollup, never by reading the
/// activity rows) and writes the 工作总结 paragraphs from them, in the caller's language.
public sealed class SummaryService(AppDbContextFactory dbf, ActivityService activities, IndicatorService indicators, PlanService plans,
    IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    /// The most supported hospitals whose KPIs one summary states (an alliance has many members).
    public const int MaxKpiOrganizations = 10;

    /// The longest period one summary covers.
    public const int MaxMonths = 60;

    public async Task<SummaryReport?> BuildAsync(AccessScope scope, int? partnershipId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var v = new Validation();
        if (partnershipId is null)
            v.Add("partnershipId", "Error.Required");
        ReportPeriod.Check(v, from, to, MaxMonths);
        v.ThrowIfAny();
        var (start, end) = (from!.Value, to!.Value);

        await using var db = dbf.CreateFor(scope);
        var partnership = await db.Visible(scope).AsNoTracking().Where(p => p.Id == partnershipId)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Kind,
                p.StartDate,
                Round = p.Agreements.Where(a => a.DeletedAt == null && a.SignedOn <= end).Max(a => (int?)a.Round),
                Parties = p.Parties.Where(x => x.DeletedAt == null).Select(x => new { x.Role, x.OrganizationId, x.Organization!.Name }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (partnership is null)
            return null;
        var giving = Partnership.GivingRole(partnership.Kind);
        var receiving = Partnership.ReceivingRole(partnership.Kind);
        var info = new SummaryPartnership(partnership.Id, partnership.Name, partnership.Kind, t[$"PartnershipKind.{partnership.Kind}"], partnership.StartDate,
            partnership.Round,
            partnership.Parties.Where(x => x.Role == giving).Select(x => x.Name).Order(StringComparer.Ordinal).ToList(),
            partnership.Parties.Where(x => x.Role == receiving).Select(x => x.Name).Order(StringComparer.Ordinal).ToList());

        var only = db.Partnerships.Where(p => p.Id == partnership.Id).Select(p => p.Id);
        var dispatches = await DispatchFiguresAsync(db, only, start, end, Today(clock), ct);
        var activityFigures = ActivityFigures(await activities.TotalsAsync(scope, partnership.Id, null, start, end, ct));
        var techniques = await db.Techniques.AsNoTracking()
            .Where(x => x.PartnershipId == partnership.Id && x.FirstPerformedOn >= start && x.FirstPerformedOn <= end)
            .OrderBy(x => x.FirstPerformedOn).ThenBy(x => x.Name)
            .Select(x => new { x.Name, Department = x.Department != null ? x.Department.Name : null, x.SurgicalGrade, x.FirstPerformedOn, x.GapLevel })
            .ToListAsync(ct);
        var techniqueFigures = techniques.Select(x => new TechniqueFigure(x.Name, x.Department, x.SurgicalGrade, x.FirstPerformedOn,
            t[$"GapLevel.{x.GapLevel}"], x.GapLevel != GapLevel.Hospital)).ToList();
        var training = await TrainingFiguresAsync(db, only, start, end, ct);

        var supportedOrgs = partnership.Parties.Where(x => x.Role == receiving).DistinctBy(x => x.OrganizationId).Take(MaxKpiOrganizations)
            .Select(x => (x.OrganizationId, x.Name)).ToList();
        var (kpis, kpiNote) = await KpisAsync(scope, supportedOrgs, start, end, ct);
        var (goals, focus) = await GoalsAsync(scope, partnership.Id, start, end, ct);

        var report = new SummaryReport(
            t["Report.Title", partnership.Name, ReportPeriod.Describe(t, start, end)], ReportPeriod.Describe(t, start, end), start, end, info, dispatches,
            activityFigures, techniqueFigures, training, kpis, goals, focus, [])
        { KpiNote = kpiNote, Unreviewed = await ActivityReviewService.UnreviewedCountAsync(db, only, start, end, ct) };
        return report with { Sections = Compose(report) };
    }

    /// KPIs of the supported hospitals for the period against the period before it, when the period is a year, a
    /// quarter or a month (the periods indicator values are kept in).
    internal async Task<(List<KpiFigure> Kpis, string? Note)> KpisAsync(AccessScope scope, IReadOnlyList<(int Id, string Name)> organizations, DateOnly start,
        DateOnly end, CancellationToken ct)
    {
        IndicatorPeriod? period = null;
        foreach (var type in new[] { PeriodType.Year, PeriodType.Quarter, PeriodType.Month })
        {
            var p = IndicatorPeriod.Of(type, start);
            if (p.Start == start && p.End == end)
                period = p;
        }
        if (period is not { } current)
            return ([], t["Report.KpiPeriodNote"]);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var kpis = new List<KpiFigure>();
        foreach (var (organization, name) in organizations)
        {
            if (await indicators.CompareAsync(scope, organization, current, current.Previous, ct) is not { } comparison)
                continue;
            kpis.AddRange(comparison.Indicators.Where(i => i.Value is not null).Select(i => new KpiFigure(i.Code, english ? i.NameEn : i.NameZh, i.Unit ?? "",
                i.Value, i.BaselineValue, i.Change, i.Unit == "%" ? null : i.GrowthPercent, DescribePeriod(current.Previous))
            { Organization = name }));
        }
        return (kpis, null);
    }

    internal List<ActivityFigure> ActivityFigures(IEnumerable<ActivityTotal> totals) =>
        totals.Select(a => new ActivityFigure(a.Kind, t[$"ActivityKind.{a.Kind}"], a.Quantity, t[$"ActivityUnit.{ActivityKinds.All[a.Kind].Units[0]}"], a.Attendees, a.Entries))
            .ToList();

    private string DescribePeriod(IndicatorPeriod p) => ReportPeriod.Describe(t, p.Start, p.End);

    /// Goals of the plans that overlap the period, with their status as of today; the next period's focus from the
    /// plans' focus specialties and their unfinished tasks.
    private async Task<(List<GoalFigure> Goals, List<string> Focus)> GoalsAsync(AccessScope scope, int partnershipId, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var list = (await plans.ListAsync(scope, partnershipId, null, ct)).Where(p => p.From <= end && p.To >= start).ToList();
        var goals = list.SelectMany(p => p.Goals).OrderBy(g => g.Deadline)
            .Select(g => new GoalFigure(g.Description, g.Deadline, g.Status.ToString(), t[$"Report.Goal.{g.Status}"], english ? g.ReasonEn : g.ReasonZh)).ToList();
        var focus = list.SelectMany(p => p.FocusSpecialties).Distinct().Select(f => t["Report.FocusSpecialty", f].Value)
            .Concat(list.SelectMany(p => p.Tasks).Where(x => x.Status != PlanTaskStatus.Done && (x.DueDate is null || x.DueDate > end))
                .OrderBy(x => x.DueDate).Select(x => x.DueDate is { } due ? t["Report.FocusTask", x.Title, Month(due)].Value : x.Title))
            .ToList();
        return (goals, focus);
    }

    /// Dispatch figures of a set of partnerships, summed by the database (a region has thousands of dispatches).
    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// On-site days count only what has happened: a dispatch planned to the end of the month has served two days on the 2nd.
    internal static async Task<DispatchFigures> DispatchFiguresAsync(AppDbContext db, IQueryable<int> partnerships, DateOnly start, DateOnly end,
        DateOnly today, CancellationToken ct)
    {
        var q = db.Dispatches.AsNoTracking().Where(d => partnerships.Contains(d.PartnershipId) && !d.IsCancelled && d.StartDate <= end && d.EndDate >= start);
        var totals = await q.GroupBy(_ => 1)
            .Select(g => new
            {
                PersonTimes = g.Count(),
                Persons = g.Select(d => d.ExpertId).Distinct().Count(),
                ShortVisits = g.Count(d => d.Mode == DispatchMode.ShortVisit || d.Mode == DispatchMode.Tour),
            })
            .FirstOrDefaultAsync(ct);
        // Batch numbers count within their partnership (第1批 of two partnerships are two batches).
        var batches = await q.Where(d => d.Batch != null).Select(d => new { d.PartnershipId, d.Batch }).Distinct().CountAsync(ct);
        var stationed = q.Where(d => d.Mode == DispatchMode.Stationed);
        var stationedPersons = await stationed.Select(d => d.ExpertId).Distinct().CountAsync(ct);
        // Days inside the period, summed by the database.
        var upTo = end < today ? end : today;
        var stationedDays = await stationed.Where(d => d.StartDate <= upTo)
            .SumAsync(d => (long)((d.EndDate < upTo ? d.EndDate : upTo).DayNumber - (d.StartDate > start ? d.StartDate : start).DayNumber + 1), ct);
        var specialties = await q
            .Select(d => d.Expert!.Department != null ? d.Expert.Department.Name : d.Expert.Specialty)
            .Where(x => x != null && x != "")
            .GroupBy(x => x)
            .Select(g => new { Name = g.Key!, Count = g.Count() })
            .ToListAsync(ct);
        return new DispatchFigures(batches, totals?.Persons ?? 0, totals?.PersonTimes ?? 0, stationedPersons, totals?.ShortVisits ?? 0, (int)stationedDays,
            specialties.OrderByDescending(x => x.Count).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => x.Name).ToList());
    }

    internal async Task<TrainingFigures> TrainingFiguresAsync(AppDbContext db, IQueryable<int> partnerships, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var trainees = await db.Trainees.AsNoTracking().Where(x => partnerships.Contains(x.PartnershipId) && x.StartDate >= start && x.StartDate <= end)
            .GroupBy(x => x.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var courses = await db.TrainingCourses.AsNoTracking().Where(x => partnerships.Contains(x.PartnershipId) && x.StartDate >= start && x.StartDate <= end)
            .GroupBy(x => 1).Select(g => new { Count = g.Count(), Attendees = g.Sum(x => x.Attendees), Passed = g.Sum(x => x.Passed ?? 0) })
            .FirstOrDefaultAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().CountAsync(m => partnerships.Contains(m.PartnershipId) && m.HeldOn >= start && m.HeldOn <= end, ct);
        var open = db.ActionItems.AsNoTracking().Where(a => partnerships.Contains(a.Meeting!.PartnershipId) && a.Meeting.HeldOn <= end && a.Status == ActionItemStatus.Open);
        var openCount = await open.CountAsync(ct);
        var overdue = await open.CountAsync(a => a.DueDate < end, ct);
        return new TrainingFigures(trainees.Sum(x => x.Count),
            trainees.OrderBy(x => x.Kind).Select(x => new CountFigure(t[$"TraineeKind.{x.Kind}"], x.Count)).ToList(),
            courses?.Count ?? 0, courses?.Attendees ?? 0, courses?.Passed ?? 0, meetings, openCount, overdue);
    }

    private List<SummarySection> Compose(SummaryReport r)
    {
        var p = r.Partnership;
        var sep = t["Report.ListSeparator"].Value;
        var supporting = string.Join(sep, p.Supporting);
        var supported = string.Join(sep, p.Supported);
        var sections = new List<SummarySection>();

        var overview = p.Round is { } round
            ? t["Report.Overview", supporting, supported, Month(p.StartDate), p.KindLabel, round]
            : t["Report.OverviewNoRound", supporting, supported, Month(p.StartDate), p.KindLabel];
        sections.Add(Section("Overview", [overview]));

        sections.Add(Section("Dispatch", DispatchParagraphs(r.Dispatches, r.PeriodText, supporting)));

        var work = new List<string> { ActivityParagraph(r.Activities) };
        if (r.Unreviewed > 0)
            work.Add(t["Report.Unreviewed", r.Unreviewed]);
        if (r.Techniques.Count > 0)
        {
            var names = string.Join(sep, r.Techniques.Select(x => x.Name));
            var gaps = r.Techniques.Count(x => x.FillsRegionalGap);
            work.Add(gaps > 0
                ? t["Report.TechniquesWithGaps", supported, names, r.Techniques.Count, gaps]
                : t["Report.Techniques", supported, names, r.Techniques.Count]);
        }
        sections.Add(Section("Work", work));

        var tr = r.Training;
        sections.Add(Section("Training", TrainingParagraphs(tr)));

        if (tr.Meetings > 0 || tr.OpenActionItems > 0)
            sections.Add(Section("Meetings", [t["Report.Meetings", tr.Meetings, tr.OpenActionItems, tr.OverdueActionItems]]));

        sections.Add(Section("Kpis", KpiParagraphs(r.Kpis, r.PeriodText, r.KpiNote)));

        if (r.Goals.Count > 0)
            sections.Add(Section("Goals", r.Goals.Select(g => t["Report.GoalLine", g.Description, g.Deadline is { } d ? Month(d) : "", g.StatusLabel, g.Reason].Value).ToList()));
        if (r.NextFocus.Count > 0)
            sections.Add(Section("Next", [t["Report.Next", string.Join(t["Report.PhraseSeparator"].Value, r.NextFocus)]]));
        return sections.Select((x, i) => x with { Heading = t["Report.Numbered", Numeral(i + 1), x.Heading] }).ToList();
    }

    /// 派驻 in one or two sentences; shared with the region summary.
    internal List<string> DispatchParagraphs(DispatchFigures d, string periodText, string supporting)
    {
        var text = new List<string>();
        if (d.PersonTimes == 0)
            text.Add(t["Report.DispatchNone", periodText]);
        else
        {
            text.Add(t[d.Batches > 0 ? "Report.Dispatch" : "Report.DispatchNoBatch",
                periodText, supporting, d.Persons, d.PersonTimes, d.Batches, d.StationedPersons, d.StationedDays, d.ShortVisitPersonTimes]);
            if (d.Specialties.Count > 0)
                text.Add(t["Report.Specialties", string.Join(t["Report.ListSeparator"].Value, d.Specialties)]);
        }
        return text;
    }

    internal List<string> TrainingParagraphs(TrainingFigures tr)
    {
        var training = new List<string>();
        if (tr.Trainees > 0)
            training.Add(t["Report.Trainees", tr.Trainees,
                string.Join(t["Report.ListSeparator"].Value, tr.TraineesByKind.Select(k => t["Report.CountOf", k.Label, k.Count].Value))]);
        if (tr.Courses > 0)
            training.Add(t["Report.Courses", tr.Courses, N(tr.CourseAttendees), tr.CoursePassed]);
        if (training.Count == 0)
            training.Add(t["Report.TrainingNone"]);
        return training;
    }

    /// Every activity kind's count in one sentence.
    internal string ActivityParagraph(IReadOnlyList<ActivityFigure> activities)
    {
        if (activities.Count == 0)
            return t["Report.ActivitiesNone"];
        var phrases = activities.Select(a => t[$"Report.Kind.{a.Kind}", N(a.Quantity), a.Unit].Value
            + (a.Attendees > 0 ? Attendees(a.Kind, a.Attendees) : ""));
        return t["Report.Activities", string.Join(t["Report.PhraseSeparator"].Value, phrases)];
    }

    /// One sentence per supported hospital: value, change and growth rate of each indicator with a value.
    internal List<string> KpiParagraphs(IReadOnlyList<KpiFigure> kpis, string periodText, string? note)
    {
        var kpiText = new List<string>();
        foreach (var org in kpis.GroupBy(k => k.Organization))
        {
            var phrases = org.Select(k => k.Change is not { } change || k.PreviousValue is null
                ? t["Report.KpiValue", k.Name, D(k.Value), k.Unit].Value
                : k.Unit == "%"
                    ? t[change >= 0 ? "Report.KpiPointsUp" : "Report.KpiPointsDown", k.Name, D(k.Value), k.PreviousPeriod!, D(Math.Abs(change))].Value
                    : t[change >= 0 ? "Report.KpiUp" : "Report.KpiDown", k.Name, D(k.Value), k.Unit, k.PreviousPeriod!, D(Math.Abs(change)),
                        k.GrowthPercent is { } g ? Math.Abs(g).ToString("0.00", CultureInfo.InvariantCulture) : "—"].Value);
            kpiText.Add(t["Report.Kpis", org.Key ?? "", periodText, string.Join(t["Report.KpiSeparator"].Value, phrases)]);
        }
        if (kpiText.Count == 0)
            kpiText.Add(note ?? t["Report.KpisNone"]);
        return kpiText;
    }

    internal SummarySection Section(string key, IReadOnlyList<string> paragraphs) => new(t[$"Report.H.{key}"], paragraphs) { Key = key };

    /// 一、二、… in Chinese, 1. 2. … otherwise.
    internal static string Numeral(int n) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" && n <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(CultureInfo.InvariantCulture);

    /// 培训…人次 after lectures, 服务群众…人次 after free clinics, 参加…人次 otherwise.
    private string Attendees(ActivityKind kind, long count)
    {
        var specific = t[$"Report.Attendees.{kind}", N(count)];
        return specific.ResourceNotFound ? t["Report.Attendees", N(count)] : specific;
    }

    private string Month(DateOnly date) => t["Report.Month", date.Year, date.Month];

    // Plain digits, as the reports write them (2972人次, not 2,972人次).
    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
