using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Evidence;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Ledgers;

/// A written workbook, ready to be sent: a temporary file that deletes itself when the stream is closed.
public sealed record LedgerFile(Stream Content, string FileName);

/// Builds the 台账 workbook of a scope (one partnership, one organization's partnerships, or a region) and a period.
/// Rows stream from the database into the writer one by one; totals are summed by the database.
public sealed class LedgerService(AppDbContextFactory dbf, LedgerWorkbook workbook, TimeProvider clock, SecurityLog securityLog)
{
    /// Null when the partnership or organization is unknown or out of the caller's sight (404).
    public async Task<LedgerFile?> BuildAsync(AccessScope scope, LedgerQuery query, CancellationToken ct)
    {
        var q = query.Validate();
        // MiniExcel could write straight into the response, but a failure half-way would then be a truncated download
        // instead of a problem response: the workbook goes to a temporary file first, the response streams that file,
        // and the file goes away with the stream.
        var file = OwnerOnly.TemporaryFile("bangfu-ledger-", ".xlsx");
        try
        {
            if (!await WriteAsync(scope, q, file, ct))
            {
                await file.DisposeAsync();
                return null;
            }
            file.Position = 0;
            // Who took which ledgers of which scope and period out of the system.
            await securityLog.RecordAsync(SecurityEvents.LedgerExported, FileNameOf(q), new Dictionary<string, string?>
            {
                ["ledgers"] = string.Join(",", q.Kinds),
                ["partnershipId"] = q.PartnershipId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["organizationId"] = q.OrganizationId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["regionCode"] = q.RegionCode,
                ["from"] = q.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = q.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }, userName: scope.UserName, ct: ct);
            return new LedgerFile(file, FileNameOf(q));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// Writes the workbook to any stream; false when the scope is not visible. Used by the endpoint and the benchmark.
    public async Task<bool> WriteAsync(AccessScope scope, ValidLedgerQuery q, Stream output, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnerships = await ScopeAsync(db, scope, q, ct);
        if (partnerships is null)
            return false;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var sheets = new List<LedgerSheet>();
        foreach (var kind in q.Kinds)
        {
            sheets.Add(kind switch
            {
                LedgerKind.Dispatch => await DispatchSheetAsync(db, partnerships, q, today, ct),
                LedgerKind.Activity => await ActivitySheetAsync(db, scope, partnerships, q, ct),
                LedgerKind.Technique => await TechniqueSheetAsync(db, partnerships, q, ct),
                LedgerKind.Indicator => await IndicatorSheetAsync(db, scope, q, ct),
                _ => await TraineeSheetAsync(db, partnerships, q, ct),
            });
        }
        sheets.Add(await SummarySheetAsync(db, scope, partnerships, q, ct));
        await LedgerWorkbook.WriteAsync(output, sheets, ct);
        return true;
    }

    /// The partnerships whose records the ledger holds, as a query that runs inside every sheet's query.
    private static async Task<IQueryable<int>?> ScopeAsync(AppDbContext db, AccessScope scope, ValidLedgerQuery q, CancellationToken ct)
    {
        var visible = db.Visible(scope);
        if (q.PartnershipId is { } pid)
            return await visible.AnyAsync(p => p.Id == pid, ct) ? visible.Where(p => p.Id == pid).Select(p => p.Id) : null;
        if (q.OrganizationId is { } org)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == org, ct))
                return null;
            return visible.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.OrganizationId == org)).Select(p => p.Id);
        }
        // A region is read by administrators and by the commissions whose own region holds it (ADR 0002).
        var prefix = AccessScope.RegionPrefixOf(q.RegionCode!);
        var allowed = scope.IsAdmin || (scope.ReadsRegion && prefix.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal));
        if (!allowed)
            throw new AccessDeniedException();
        return visible.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.Organization!.RegionCode.StartsWith(prefix))).Select(p => p.Id);
    }

    private async Task<LedgerSheet> DispatchSheetAsync(AppDbContext db, IQueryable<int> partnerships, ValidLedgerQuery q, DateOnly today, CancellationToken ct)
    {
        var (from, to) = (q.From, q.To);
        var dispatches = db.Dispatches.AsNoTracking()
            .Where(d => partnerships.Contains(d.PartnershipId) && !d.IsCancelled && d.StartDate <= to && d.EndDate >= from);
        // Days inside the period that have happened (never planned future days), summed by the database.
        var upTo = to < today ? to : today;
        var totals = await dispatches
            .Select(d => d.StartDate > upTo ? 0 : (d.EndDate < upTo ? d.EndDate : upTo).DayNumber - (d.StartDate > from ? d.StartDate : from).DayNumber + 1)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Days = g.Sum(x => (long)x) })
            .FirstOrDefaultAsync(ct);
        var rows = dispatches
            .OrderBy(d => d.Batch == null).ThenBy(d => d.Batch).ThenBy(d => d.StartDate).ThenBy(d => d.Id)
            .Select(d => new DispatchLedgerRow(d.Batch, d.Expert!.Name, d.Expert.Title, d.Expert.TitleLevel, d.Expert.Organization!.Name,
                d.HostOrganization!.Name, d.HostDepartment != null ? d.HostDepartment.Name : null, d.Mode, d.Role, d.StartDate, d.EndDate,
                db.EvidenceFiles.Count(e => e.RecordKind == EvidenceRecordKind.Dispatch && e.RecordId == d.Id)))
            .AsEnumerable()
            .Select(r => r with { DaysInPeriod = Math.Max(0, Overlap(r.StartDate, r.EndDate, from, upTo)), Status = Dispatch.StatusOf(false, r.StartDate, r.EndDate, today) });
        return workbook.DispatchSheet(rows, totals?.Count ?? 0, totals?.Days ?? 0);
    }

    private async Task<LedgerSheet> ActivitySheetAsync(AppDbContext db, AccessScope scope, IQueryable<int> partnerships, ValidLedgerQuery q, CancellationToken ct)
    {
        var activities = Activities(db, scope, partnerships, q);
        var totals = await activities.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Quantity = g.Sum(a => (long)a.Quantity), Attendees = g.Sum(a => (long)a.Attendees) })
            .FirstOrDefaultAsync(ct);
        var rows = activities
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .Select(a => new ActivityLedgerRow(a.Id, a.Date, a.Expert != null ? a.Expert.Name : null, a.HostOrganization!.Name,
                a.HostDepartment != null ? a.HostDepartment.Name : null, a.Kind, a.Subject, a.Quantity, a.IsApproximate, a.Unit, a.Attendees, a.IsOnline,
                a.IsMonthlyTotal, a.Note, db.EvidenceFiles.Count(e => e.RecordKind == EvidenceRecordKind.Activity && e.RecordId == a.Id)))
            .AsEnumerable();
        return workbook.ActivitySheet(rows, totals?.Count ?? 0, totals?.Quantity ?? 0, totals?.Attendees ?? 0);
    }

    private async Task<LedgerSheet> TechniqueSheetAsync(AppDbContext db, IQueryable<int> partnerships, ValidLedgerQuery q, CancellationToken ct)
    {
        var (from, to) = (q.From, q.To);
        var techniques = db.Techniques.AsNoTracking()
            .Where(t => partnerships.Contains(t.PartnershipId) && t.FirstPerformedOn >= from && t.FirstPerformedOn <= to);
        var ids = techniques.Select(t => t.Id);
        var count = await techniques.CountAsync(ct);
        var performed = await db.Activities
            .Where(a => a.TechniqueId != null && ids.Contains(a.TechniqueId.Value) && a.Date >= from && a.Date <= to)
            .SumAsync(a => (long?)a.Quantity, ct) ?? 0;
        var rows = techniques
            .OrderBy(t => t.FirstPerformedOn).ThenBy(t => t.Id)
            .Select(t => new TechniqueLedgerRow(t.Name, t.HostOrganization!.Name, t.Department != null ? t.Department.Name : null, t.SurgicalGrade,
                t.FirstPerformedOn, t.IntroducedBy != null ? t.IntroducedBy.Name : null, t.GapLevel,
                t.Uses.Where(a => a.Date >= from && a.Date <= to).Sum(a => (long?)a.Quantity) ?? 0,
                db.EvidenceFiles.Count(e => e.RecordKind == EvidenceRecordKind.Technique && e.RecordId == t.Id)))
            .AsEnumerable();
        return workbook.TechniqueSheet(rows, count, performed);
    }

    private async Task<LedgerSheet> TraineeSheetAsync(AppDbContext db, IQueryable<int> partnerships, ValidLedgerQuery q, CancellationToken ct)
    {
        var (from, to) = (q.From, q.To);
        var trainees = db.Trainees.AsNoTracking()
            .Where(t => partnerships.Contains(t.PartnershipId) && t.StartDate <= to && t.EndDate >= from);
        var count = await trainees.CountAsync(ct);
        var rows = trainees
            .OrderBy(t => t.StartDate).ThenBy(t => t.Id)
            .Select(t => new TraineeLedgerRow(t.Person!.Name, t.Kind, t.Person.Organization!.Name, t.HostOrganization!.Name,
                t.HostDepartment != null ? t.HostDepartment.Name : null, t.Mentor != null ? t.Mentor.Name : null,
                t.Mentor != null ? t.Mentor.Title : null, t.StartDate, t.EndDate, t.IsHousingProvided, t.MonthlySubsidyYuan, t.Outcome,
                t.AssessmentNote, t.TeachesAfterReturn, db.EvidenceFiles.Count(e => e.RecordKind == EvidenceRecordKind.Trainee && e.RecordId == t.Id)))
            .AsEnumerable();
        return workbook.TraineeSheet(rows, count);
    }

    /// The most organizations a region's indicator table lists (those with figures in the period, by name).
    public const int MaxIndicatorOrganizations = 500;

    /// 指标表: the stored figures of the scope's organizations whose period lies inside from–to (years, quarters and
    /// months as they were stored), with unit, source and the approval state of the period that holds them.
    private async Task<LedgerSheet> IndicatorSheetAsync(AppDbContext db, AccessScope scope, ValidLedgerQuery q, CancellationToken ct)
    {
        var readable = IndicatorService.ReadableOrganizations(db, scope).Select(o => o.Id);
        IQueryable<int> organizations;
        if (q.PartnershipId is { } pid)
            organizations = db.PartnershipParties.Where(x => x.PartnershipId == pid && x.DeletedAt == null
                && (x.Role == PartyRole.Supported || x.Role == PartyRole.Member)).Select(x => x.OrganizationId);
        else if (q.OrganizationId is { } org)
            organizations = db.Organizations.Where(o => o.Id == org).Select(o => o.Id);
        else
            organizations = db.Organizations.Where(o => o.RegionCode.StartsWith(AccessScope.RegionPrefixOf(q.RegionCode!))).Select(o => o.Id);
        // The last first day of each period type whose period still ends inside 'to'.
        DateOnly LastStart(PeriodType type)
        {
            var p = Period.Of(type, q.To);
            return p.End <= q.To ? p.Start : p.Previous.Start;
        }
        var (lastMonth, lastQuarter, lastYear) = (LastStart(PeriodType.Month), LastStart(PeriodType.Quarter), LastStart(PeriodType.Year));
        var from = q.From;
        var values = db.IndicatorValues.AsNoTracking()
            .Where(x => readable.Contains(x.OrganizationId) && x.PeriodStart >= from
                && ((x.PeriodType == PeriodType.Month && x.PeriodStart <= lastMonth) || (x.PeriodType == PeriodType.Quarter && x.PeriodStart <= lastQuarter)
                    || (x.PeriodType == PeriodType.Year && x.PeriodStart <= lastYear)));
        var ids = await values.Where(x => organizations.Contains(x.OrganizationId)).Select(x => x.OrganizationId).Distinct().ToListAsync(ct);
        var capped = ids.Count > MaxIndicatorOrganizations;
        if (capped)
            ids = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.Name).ThenBy(o => o.Id)
                .Select(o => o.Id).Take(MaxIndicatorOrganizations).ToListAsync(ct);
        values = values.Where(x => ids.Contains(x.OrganizationId));
        var count = await values.CountAsync(ct);
        var approvals = await db.PeriodApprovals.AsNoTracking().Where(a => ids.Contains(a.OrganizationId))
            .Select(a => new { a.OrganizationId, a.PeriodType, a.PeriodStart, a.State }).ToListAsync(ct);
        var byOrganization = approvals.GroupBy(a => a.OrganizationId)
            .ToDictionary(g => g.Key, g => g.Select(a => (Period: new Period(a.PeriodType, a.PeriodStart), a.State)).ToList());
        // The state of the widest approval that holds the period: an approved year locks its months.
        ApprovalState StateOf(int organizationId, Period period) =>
            byOrganization.TryGetValue(organizationId, out var list)
                ? list.Where(a => a.Period.Contains(period)).OrderByDescending(a => a.State).Select(a => a.State).FirstOrDefault()
                : ApprovalState.Open;
        var rows = values
            .OrderBy(x => x.Organization!.Name).ThenBy(x => x.OrganizationId).ThenBy(x => x.Indicator!.SortOrder).ThenBy(x => x.Indicator!.Code)
            .ThenBy(x => x.PeriodType).ThenBy(x => x.PeriodStart)
            .Select(x => new IndicatorLedgerRow(x.Organization!.Name, x.OrganizationId, x.Indicator!.Code, x.Indicator.NameZh, x.Indicator.NameEn,
                x.PeriodType, x.PeriodStart, x.Value, x.Indicator.Unit, x.Source))
            .AsEnumerable()
            .Select(r => r with { State = StateOf(r.OrganizationId, new Period(r.PeriodType, r.PeriodStart)) });
        return workbook.IndicatorSheet(rows, count, capped ? MaxIndicatorOrganizations : null);
    }

    /// Totals by kind over the whole months of the period, from the monthly rollup. An expert's own work is not in
    /// the rollup by itself, so an expert's summary is grouped from the entries it may see.
    private async Task<LedgerSheet> SummarySheetAsync(AppDbContext db, AccessScope scope, IQueryable<int> partnerships, ValidLedgerQuery q, CancellationToken ct)
    {
        List<SummaryLedgerRow> rows;
        (long Quantity, long Attendees, int Entries)? totals;
        if (scope.IsExpert)
        {
            var activities = Activities(db, scope, partnerships, q);
            rows = await activities.GroupBy(a => a.Kind)
                .Select(g => new SummaryLedgerRow(g.Key, g.Sum(a => (long)a.Quantity), g.Sum(a => (long)a.Attendees), g.Count()))
                .ToListAsync(ct);
            var t = await activities.GroupBy(_ => 1)
                .Select(g => new { Quantity = g.Sum(a => (long)a.Quantity), Attendees = g.Sum(a => (long)a.Attendees), Entries = g.Count() })
                .FirstOrDefaultAsync(ct);
            totals = t is null ? null : (t.Quantity, t.Attendees, t.Entries);
        }
        else
        {
            var (first, last) = (Activity.MonthOf(q.From), Activity.MonthOf(q.To));
            var monthly = db.ActivityMonthly.AsNoTracking()
                .Where(m => partnerships.Contains(m.PartnershipId) && m.Month >= first && m.Month <= last);
            rows = await monthly.GroupBy(m => m.Kind)
                .Select(g => new SummaryLedgerRow(g.Key, g.Sum(m => m.Quantity), g.Sum(m => m.Attendees), g.Sum(m => m.Entries)))
                .ToListAsync(ct);
            var t = await monthly.GroupBy(_ => 1)
                .Select(g => new { Quantity = g.Sum(m => m.Quantity), Attendees = g.Sum(m => m.Attendees), Entries = g.Sum(m => m.Entries) })
                .FirstOrDefaultAsync(ct);
            totals = t is null ? null : (t.Quantity, t.Attendees, t.Entries);
        }
        rows = rows.Where(r => r.Entries > 0).OrderBy(r => r.Kind).ToList();
        return workbook.SummarySheet(rows, totals?.Quantity ?? 0, totals?.Attendees ?? 0, totals?.Entries ?? 0, q.From, q.To, byWholeMonths: !scope.IsExpert);
    }

    private static IQueryable<Activity> Activities(AppDbContext db, AccessScope scope, IQueryable<int> partnerships, ValidLedgerQuery q)
    {
        var (from, to) = (q.From, q.To);
        // ActivityService.Visible keeps an expert to the entries made as that expert.
        return ActivityService.Visible(db, scope).AsNoTracking()
            .Where(a => partnerships.Contains(a.PartnershipId) && a.Date >= from && a.Date <= to);
    }

    private static int Overlap(DateOnly start, DateOnly end, DateOnly from, DateOnly to) =>
        (end < to ? end : to).DayNumber - (start > from ? start : from).DayNumber + 1;

    private static string FileNameOf(ValidLedgerQuery q)
    {
        var scope = q.PartnershipId is { } p ? $"partnership-{p}" : q.OrganizationId is { } o ? $"organization-{o}" : $"region-{q.RegionCode}";
        return $"ledger-{scope}-{q.From:yyyyMMdd}-{q.To:yyyyMMdd}.xlsx";
    }
}

public sealed record DispatchLedgerRow(int? Batch, string ExpertName, string? ExpertTitle, TitleLevel ExpertTitleLevel, string SendingOrganization,
    string HostOrganization, string? HostDepartment, DispatchMode Mode, DispatchRole Role, DateOnly StartDate, DateOnly EndDate, int Attachments)
{
    public int DaysInPeriod { get; init; }
    public DispatchStatus Status { get; init; }
}

/// Id is written as 系统编号 so that an edited export imports back as corrections of the same rows.
public sealed record ActivityLedgerRow(long Id, DateOnly Date, string? ExpertName, string HostOrganization, string? HostDepartment, ActivityKind Kind,
    string? Subject, int Quantity, bool IsApproximate, ActivityUnit Unit, int Attendees, bool IsOnline, bool IsMonthlyTotal, string? Note, int Attachments);

public sealed record TechniqueLedgerRow(string Name, string HostOrganization, string? Department, int? SurgicalGrade, DateOnly FirstPerformedOn,
    string? IntroducedBy, GapLevel GapLevel, long TimesPerformed, int Attachments);

public sealed record TraineeLedgerRow(string Name, TraineeKind Kind, string SendingOrganization, string HostOrganization, string? HostDepartment,
    string? MentorName, string? MentorTitle, DateOnly StartDate, DateOnly EndDate, bool IsHousingProvided, int? MonthlySubsidyYuan,
    TraineeOutcome Outcome, string? AssessmentNote, string? TeachesAfterReturn, int Attachments);

public sealed record SummaryLedgerRow(ActivityKind Kind, long Quantity, long Attendees, int Entries);

public sealed record IndicatorLedgerRow(string Organization, int OrganizationId, string Code, string NameZh, string NameEn, PeriodType PeriodType,
    DateOnly PeriodStart, decimal Value, string? Unit, ValueSource Source)
{
    public ApprovalState State { get; init; }
}
