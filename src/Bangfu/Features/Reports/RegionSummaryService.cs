using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Reports;

/// The 工作总结 of a region (a health commission's view) for a period: every partnership with a party in the region,
/// its figures summed by the database from the monthly rollup and the record tables (never the activity rows one by
/// one), and the paragraphs made from them with the same sentences as a partnership's summary.
public sealed class RegionSummaryService(AppDbContextFactory dbf, SummaryService summaries, PlanService plans, IStringLocalizer<SharedResource> t,
    TimeProvider clock)
{
    /// New techniques named in the text; the count covers them all.
    public const int TopTechniques = 10;

    /// Partnerships listed in the table, the busiest first; the counts cover them all.
    public const int MaxPartnershipRows = 100;

    /// Activity kinds given a column of their own in the partnership table.
    public const int KeyKindCount = 4;

    /// Null when the region is outside the caller's sight (404): administrators read any region, a commission its own
    /// and the regions inside it, exactly as the region dashboard.
    public async Task<RegionSummaryReport?> BuildAsync(AccessScope scope, string? regionCode, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var v = new Validation().RegionCode("regionCode", regionCode);
        ReportPeriod.Check(v, from, to, SummaryService.MaxMonths);
        v.ThrowIfAny();
        var (start, end) = (from!.Value, to!.Value);
        var code = regionCode!;
        var prefix = AccessScope.RegionPrefixOf(code);
        if (!scope.IsAdmin && !(scope.ReadsRegion && prefix.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal)))
            return null;

        await using var db = dbf.CreateFor(scope);
        var regionName = await RegionNameAsync(db, code, ct);
        // The partnerships with a party in the region that ran during the period (as the region ledger, ADR 0002).
        var inRegion = db.Visible(scope).Where(p => p.StartDate <= end && (p.EndDate == null || p.EndDate >= start)
            && p.Parties.Any(x => x.DeletedAt == null && x.Organization!.RegionCode.StartsWith(prefix)));
        var ids = inRegion.Select(p => p.Id);

        var byKind = await inRegion.GroupBy(p => p.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var parties = db.PartnershipParties.AsNoTracking().Where(x => x.DeletedAt == null && ids.Contains(x.PartnershipId));
        var supportingCount = await parties.Where(x => x.Role == PartyRole.Supporting || x.Role == PartyRole.Lead)
            .Select(x => x.OrganizationId).Distinct().CountAsync(ct);
        var supportedCount = await parties.Where(x => x.Role == PartyRole.Supported || x.Role == PartyRole.Member)
            .Select(x => x.OrganizationId).Distinct().CountAsync(ct);

        var dispatches = await SummaryService.DispatchFiguresAsync(db, ids, start, end, SummaryService.Today(clock), ct);
        var (fromMonth, toMonth) = (Activity.MonthOf(start), Activity.MonthOf(end));
        var monthly = db.ActivityMonthly.AsNoTracking().Where(m => ids.Contains(m.PartnershipId) && m.Month >= fromMonth && m.Month <= toMonth);
        var totals = await monthly.GroupBy(m => m.Kind)
            .Select(g => new ActivityTotal(g.Key, g.Sum(m => m.Quantity), g.Sum(m => m.Attendees), g.Sum(m => m.Entries)))
            .ToListAsync(ct);
        var activities = summaries.ActivityFigures(totals.Where(x => x.Entries > 0).OrderBy(x => x.Kind));
        var keyKinds = activities.OrderByDescending(a => a.Entries).ThenBy(a => a.Kind).Take(KeyKindCount).Select(a => a.Kind).OrderBy(k => k).ToList();

        var techniques = db.Techniques.AsNoTracking().Where(x => ids.Contains(x.PartnershipId) && x.FirstPerformedOn >= start && x.FirstPerformedOn <= end);
        var techniqueCounts = await techniques.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Gaps = g.Count(x => x.GapLevel != Techniques.GapLevel.Hospital) })
            .FirstOrDefaultAsync(ct);
        var topTechniques = await techniques.OrderBy(x => x.FirstPerformedOn).ThenBy(x => x.Name).Select(x => x.Name).Take(TopTechniques).ToListAsync(ct);
        var training = await summaries.TrainingFiguresAsync(db, ids, start, end, ct);

        var rows = await PartnershipRowsAsync(db, inRegion, monthly, start, end, ct);
        var kpiOrganizations = await parties.Where(x => (x.Role == PartyRole.Supported || x.Role == PartyRole.Member)
                && x.Organization!.RegionCode.StartsWith(prefix))
            .Select(x => new { x.OrganizationId, x.Organization!.Name }).Distinct().OrderBy(x => x.OrganizationId).Take(SummaryService.MaxKpiOrganizations)
            .ToListAsync(ct);
        var (kpis, kpiNote) = await summaries.KpisAsync(scope, kpiOrganizations.Select(x => (x.OrganizationId, x.Name)).ToList(), start, end, ct);

        var planList = await plans.ListOverlappingAsync(scope, await ids.ToListAsync(ct), start, end, ct);
        var goals = Enum.GetValues<GoalStatus>()
            .Select(s => new GoalStatusFigure(s, t[$"Report.Goal.{s}"], planList.Sum(p => p.Goals.Count(g => g.Status == s)))).ToList();

        var period = ReportPeriod.Describe(t, start, end);
        var report = new RegionSummaryReport(t["I4r.Title", regionName, period], period, start, end, code, regionName, byKind.Sum(x => x.Count),
            byKind.OrderBy(x => x.Kind).Select(x => new PartnershipKindCount(x.Kind, t[$"PartnershipKind.{x.Kind}"], x.Count)).ToList(),
            supportingCount, supportedCount, dispatches, activities, techniqueCounts?.Count ?? 0, techniqueCounts?.Gaps ?? 0, topTechniques, training,
            keyKinds, rows, kpis, goals, [])
        { KpiNote = kpiNote };
        return report with { Sections = Compose(report) };
    }

    /// 四川省 from 四川省卫生健康委员会, the commission of exactly that code; the code itself when the directory has none.
    private static async Task<string> RegionNameAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var commission = await db.Organizations.AsNoTracking().Where(o => o.RegionCode == code && o.Kind == OrganizationKind.HealthCommission)
            .OrderBy(o => o.Id).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (commission is null)
            return code;
        foreach (var suffix in new[] { "卫生健康委员会", "卫生健康委", "卫健委" })
        {
            if (commission.EndsWith(suffix, StringComparison.Ordinal) && commission.Length > suffix.Length)
                return commission[..^suffix.Length];
        }
        return commission;
    }

    private async Task<List<RegionPartnershipRow>> PartnershipRowsAsync(AppDbContext db, IQueryable<Partnership> inRegion, IQueryable<ActivityMonthly> monthly,
        DateOnly start, DateOnly end, CancellationToken ct)
    {
        var ids = inRegion.Select(p => p.Id);
        var persons = await db.Dispatches.AsNoTracking()
            .Where(d => ids.Contains(d.PartnershipId) && !d.IsCancelled && d.StartDate <= end && d.EndDate >= start)
            .GroupBy(d => d.PartnershipId)
            .Select(g => new { PartnershipId = g.Key, Persons = g.Select(d => d.ExpertId).Distinct().Count(), PersonTimes = g.Count() })
            .ToDictionaryAsync(x => x.PartnershipId, ct);
        var quantities = (await monthly.GroupBy(m => new { m.PartnershipId, m.Kind })
                .Select(g => new { g.Key.PartnershipId, g.Key.Kind, Quantity = g.Sum(m => m.Quantity), Entries = g.Sum(m => m.Entries) })
                .ToListAsync(ct))
            .Where(x => x.Entries > 0)
            .ToLookup(x => x.PartnershipId);
        var list = await inRegion.Select(p => new { p.Id, p.Name, p.Kind }).ToListAsync(ct);
        return list
            .Select(p => new RegionPartnershipRow(p.Id, p.Name, p.Kind, t[$"PartnershipKind.{p.Kind}"], persons.GetValueOrDefault(p.Id)?.Persons ?? 0,
                persons.GetValueOrDefault(p.Id)?.PersonTimes ?? 0, quantities[p.Id].ToDictionary(x => x.Kind, x => x.Quantity)))
            .OrderByDescending(r => r.PersonTimes).ThenByDescending(r => r.Activities.Values.Sum()).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(MaxPartnershipRows)
            .ToList();
    }

    private List<SummarySection> Compose(RegionSummaryReport r)
    {
        var sep = t["Report.ListSeparator"].Value;
        var sections = new List<SummarySection>();
        sections.Add(summaries.Section("Overview", [r.PartnershipCount == 0
            ? t["I4r.OverviewNone", r.PeriodText, r.RegionName].Value
            : t["I4r.Overview", r.PeriodText, r.RegionName, r.PartnershipCount,
                string.Join(sep, r.PartnershipsByKind.Select(k => t["I4r.KindCount", k.Label, k.Count].Value)), r.SupportingHospitalCount,
                r.SupportedHospitalCount].Value]));
        sections.Add(summaries.Section("Dispatch", summaries.DispatchParagraphs(r.Dispatches, r.PeriodText, t["I4r.SupportingSide", r.SupportingHospitalCount])));

        var work = new List<string> { summaries.ActivityParagraph(r.Activities) };
        if (r.TechniqueCount > 0)
            work.Add(t["I4r.Techniques", r.TechniqueCount, r.TechniquesFillingGaps, string.Join(sep, r.TopTechniques)]);
        sections.Add(summaries.Section("Work", work));
        if (r.Partnerships.Count > 0)
            sections.Add(new SummarySection(t["I4r.H.Partnerships"], [r.Partnerships.Count < r.PartnershipCount
                ? t["I4r.PartnershipTableTop", r.Partnerships.Count].Value
                : t["I4r.PartnershipTable"].Value])
            { Key = "Partnerships" });
        sections.Add(summaries.Section("Training", summaries.TrainingParagraphs(r.Training)));
        sections.Add(summaries.Section("Kpis", summaries.KpiParagraphs(r.Kpis, r.PeriodText, r.KpiNote)));
        var goalCount = r.Goals.Sum(g => g.Count);
        int Count(GoalStatus s) => r.Goals.First(g => g.Status == s).Count;
        sections.Add(summaries.Section("Goals", [goalCount == 0
            ? t["I4r.GoalsNone"].Value
            : t["I4r.GoalCounts", goalCount, Count(GoalStatus.Achieved), Count(GoalStatus.OnTrack), Count(GoalStatus.AtRisk), Count(GoalStatus.Late)].Value]));
        return sections.Select((x, i) => x with { Heading = t["Report.Numbered", SummaryService.Numeral(i + 1), x.Heading] }).ToList();
    }
}
