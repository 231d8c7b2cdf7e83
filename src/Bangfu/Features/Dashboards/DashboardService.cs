using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Compliance;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Meetings;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Dashboards;

public enum DashboardLevel
{
    Partnership,
    Organization,
    Region,
}

/// Sums by month and kind (yyyymm).
public sealed record MonthKindValue(int Month, ActivityKind Kind, long Quantity, long Attendees, int Entries);

/// One host's year of on-site cover: the stationed and short-visit ranges merged, and what is left uncovered.
public sealed record CoverageRow(int HostOrganizationId, string HostOrganizationName, IReadOnlyList<DateRange> Covered, IReadOnlyList<DateRange> Gaps, int CoveredDays);

public sealed record HostTotal(int HostOrganizationId, string HostOrganizationName, long Quantity, int Entries, IReadOnlyDictionary<ActivityKind, long> ByKind);

public sealed record OverdueItem(int MeetingId, int PartnershipId, string PartnershipName, string Description, string Owner, DateOnly DueDate);

public sealed record DashboardDto(DashboardLevel Level, int? Id, string? RegionCode, string Name, int Year, IReadOnlyList<MonthKindValue> Months,
    IReadOnlyList<ActivityTotal> Totals, IReadOnlyList<HostTotal> Hosts, IReadOnlyList<CoverageRow> Coverage, int OverdueCount,
    IReadOnlyList<OverdueItem> Overdue, ComplianceReport? Compliance, int UnreviewedCount = 0);

/// The numbers behind the dashboards of a partnership, an organization and a region. Activity figures come from the
/// monthly rollup (ActivityMonthly) only; dispatches and action items are few per host-year and read as projections.
public sealed class DashboardService(AppDbContextFactory dbf, ComplianceService compliance, TimeProvider clock)
{
    public const int MaxHosts = 50;
    public const int MaxOverdueListed = 20;

    public async Task<DashboardDto?> GetAsync(AccessScope scope, DashboardLevel level, int? id, string? regionCode, int year, CancellationToken ct)
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
        string name;
        IQueryable<int> partnerships;
        string? prefix = null;
        switch (level)
        {
            case DashboardLevel.Partnership:
                name = await visible.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
                partnerships = visible.Where(p => p.Id == id).Select(p => p.Id);
                break;
            case DashboardLevel.Organization:
                name = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
                partnerships = visible.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.OrganizationId == id)).Select(p => p.Id);
                break;
            default:
                prefix = AccessScope.RegionPrefixOf(regionCode!);
                // A commission sees its own region and the regions inside it; an administrator sees any.
                if (!scope.IsAdmin && !(scope.ReadsRegion && prefix.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal)))
                    return null;
                // Named after the region's health commission where the directory has one.
                name = await db.Organizations.Where(o => o.RegionCode == regionCode && o.Kind == Organizations.OrganizationKind.HealthCommission)
                    .Select(o => o.Name).FirstOrDefaultAsync(ct) is { } commission ? $"{commission}（{regionCode}）" : regionCode!;
                // Only the region's partnerships: what an administrator can see is the whole country, and the overdue
                // list reads from these without a host to filter by.
                var regionPrefix = prefix;
                partnerships = visible.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.Organization!.RegionCode.StartsWith(regionPrefix)))
                    .Select(p => p.Id);
                break;
        }
        if (name.Length == 0 || (level == DashboardLevel.Organization && !await partnerships.AnyAsync(ct) && !scope.IsAdmin && scope.OrganizationId != id))
            return null;

        var from = year * 100 + 1;
        var to = year * 100 + 12;
        var monthly = db.ActivityMonthly.AsNoTracking().Where(m => partnerships.Contains(m.PartnershipId) && m.Month >= from && m.Month <= to);
        if (prefix is not null)
            monthly = monthly.Where(m => db.Organizations.Any(o => o.Id == m.HostOrganizationId && o.RegionCode.StartsWith(prefix)));

        var months = await monthly.GroupBy(m => new { m.Month, m.Kind })
            .Select(g => new MonthKindValue(g.Key.Month, g.Key.Kind, g.Sum(m => m.Quantity), g.Sum(m => m.Attendees), g.Sum(m => m.Entries)))
            .ToListAsync(ct);
        months = months.Where(m => m.Entries > 0).OrderBy(m => m.Month).ThenBy(m => m.Kind).ToList();
        var totals = months.GroupBy(m => m.Kind)
            .Select(g => new ActivityTotal(g.Key, g.Sum(m => m.Quantity), g.Sum(m => m.Attendees), g.Sum(m => m.Entries))).OrderBy(t => t.Kind).ToList();

        var hostRows = await monthly.GroupBy(m => new { m.HostOrganizationId, m.Kind })
            .Select(g => new { g.Key.HostOrganizationId, g.Key.Kind, Quantity = g.Sum(m => m.Quantity), Entries = g.Sum(m => m.Entries) })
            .ToListAsync(ct);
        var topHosts = hostRows.GroupBy(r => r.HostOrganizationId).Where(g => g.Sum(r => r.Entries) > 0)
            .OrderByDescending(g => g.Sum(r => r.Entries)).Take(MaxHosts).ToList();
        var hostIds = topHosts.Select(g => g.Key).ToList();
        var hostNames = await db.Organizations.Where(o => hostIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var hosts = topHosts.Select(g => new HostTotal(g.Key, hostNames.GetValueOrDefault(g.Key, ""), g.Sum(r => r.Quantity), g.Sum(r => r.Entries),
            g.ToDictionary(r => r.Kind, r => r.Quantity))).ToList();

        var coverage = await CoverageAsync(db, partnerships, prefix, level == DashboardLevel.Organization ? id : null, year,
            DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct);
        var (overdueCount, overdue) = await OverdueAsync(db, partnerships, ct);
        var complianceReport = level == DashboardLevel.Partnership ? await compliance.EvaluateAsync(scope, id!.Value, year, ct) : null;
        // 待核实 entries of the year, counted in the figures above and stated beside them (ADR 0020).
        var unreviewed = await ActivityReviewService.UnreviewedCountAsync(db, partnerships, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
        return new DashboardDto(level, id, regionCode, name, year, months, totals, hosts, coverage, overdueCount, overdue, complianceReport, unreviewed);
    }

    private static async Task<List<CoverageRow>> CoverageAsync(AppDbContext db, IQueryable<int> partnerships, string? prefix, int? organizationId, int year,
        DateOnly today, CancellationToken ct)
    {
        var start = new DateOnly(year, 1, 1);
        // Coverage is of the days that have happened: planned future days are neither covered nor gaps yet.
        var end = new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today;
        if (end < start)
            return [];
        var q = db.Dispatches.AsNoTracking().Where(d => partnerships.Contains(d.PartnershipId) && !d.IsCancelled && d.Mode != DispatchMode.Remote
            && d.StartDate <= end && d.EndDate >= start);
        if (prefix is not null)
            q = q.Where(d => d.HostOrganization!.RegionCode.StartsWith(prefix));
        // On an organization's own dashboard a supporting hospital sees the hosts it sends to; a supported one itself.
        var rows = await q.Select(d => new { d.HostOrganizationId, Host = d.HostOrganization!.Name, d.StartDate, d.EndDate }).ToListAsync(ct);
        var window = new DateRange(start, end);
        return rows.GroupBy(r => (r.HostOrganizationId, r.Host))
            .Select(g =>
            {
                var ranges = g.Select(r => new DateRange(r.StartDate < start ? start : r.StartDate, r.EndDate > end ? end : r.EndDate)).ToList();
                var gaps = ComplianceService.Gaps(window, ranges);
                var covered = ComplianceService.Gaps(window, gaps);
                return new CoverageRow(g.Key.HostOrganizationId, g.Key.Host, covered, gaps, covered.Sum(c => c.To.DayNumber - c.From.DayNumber + 1));
            })
            .OrderBy(c => c.CoveredDays).ThenBy(c => c.HostOrganizationName, StringComparer.Ordinal)
            .Take(MaxHosts)
            .ToList();
    }

    private async Task<(int Count, List<OverdueItem> Items)> OverdueAsync(AppDbContext db, IQueryable<int> partnerships, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var q = db.ActionItems.AsNoTracking().Where(a => a.Status == ActionItemStatus.Open && a.DueDate < today && partnerships.Contains(a.Meeting!.PartnershipId));
        var count = await q.CountAsync(ct);
        var items = await q.OrderBy(a => a.DueDate).Take(MaxOverdueListed)
            .Select(a => new OverdueItem(a.MeetingId, a.Meeting!.PartnershipId, a.Meeting.Partnership!.Name, a.Description, a.Owner, a.DueDate))
            .ToListAsync(ct);
        return (count, items);
    }
}
