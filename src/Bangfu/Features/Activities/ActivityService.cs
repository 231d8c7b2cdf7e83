using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

public sealed class ActivityService(AppDbContextFactory dbf, TimeProvider clock)
{
    public static readonly string[] Sortable = ["date", "kind", "quantity"];
    public const int MaxBulkItems = 500;
    private static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public async Task<Page<ActivityDto>> ListAsync(AccessScope scope, ActivityQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        v.DateOrder("to", query.From, query.To);
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (query.PartnershipId is { } pid)
            q = q.Where(a => a.PartnershipId == pid);
        if (query.OrganizationId is { } org)
            q = q.Where(a => a.HostOrganizationId == org);
        if (query.ExpertId is { } expert)
            q = q.Where(a => a.ExpertId == expert);
        if (query.Kind is { } kind)
            q = q.Where(a => a.Kind == kind);
        if (query.From is { } from)
            q = q.Where(a => a.Date >= from);
        if (query.To is { } to)
            q = q.Where(a => a.Date <= to);
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() switch
        {
            "kind" => q.SortBy(a => a.Kind, page.Desc).ThenBy(a => a.Id),
            "quantity" => q.SortBy(a => a.Quantity, page.Desc).ThenBy(a => a.Id),
            // Newest first unless a sort is asked for.
            _ => q.SortBy(a => a.Date, page.Sort is null || page.Desc).ThenBy(a => a.Id),
        };
        return new Page<ActivityDto>(await Project(q.TakePage(page)).ToListAsync(ct), total);
    }

    public async Task<ActivityDto?> GetAsync(AccessScope scope, long id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(Visible(db, scope).AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<ActivityDto> CreateAsync(AccessScope scope, SaveActivityRequest request, CancellationToken ct)
    {
        var ids = await CreateManyAsync(scope, [request], ct, fieldPrefix: "");
        return (await GetAsync(scope, ids[0], ct))!;
    }

    /// The bulk grid: every row is checked first, then all are written in one transaction, or none.
    public async Task<IReadOnlyList<long>> CreateManyAsync(AccessScope scope, IReadOnlyList<SaveActivityRequest>? items, CancellationToken ct, string fieldPrefix = "items")
    {
        if (!scope.CanWriteRegistry && !IsExpertWithPerson(scope))
            throw new AccessDeniedException();
        if (items is null || items.Count == 0)
            new Validation().Add("items", "Error.Required").ThrowIfAny();
        if (items!.Count > MaxBulkItems)
            new Validation().Add("items", "Error.TooManyItems", MaxBulkItems).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var v = new Validation();
        for (var i = 0; i < items.Count; i++)
            await CheckAsync(db, scope, v, fieldPrefix.Length == 0 ? "" : $"{fieldPrefix}[{i}].", items[i], ct);
        v.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var activities = items.Select(r =>
        {
            var a = new Activity();
            Apply(a, r);
            if (scope.IsExpert)
                a.ExpertId = scope.PersonId;
            return a;
        }).ToList();
        db.AddRange(activities);
        await db.SaveChangesAsync(ct);
        foreach (var a in activities)
            await ActivityRollup.AddAsync(db, a, +1, ct);
        await tx.CommitAsync(ct);
        return activities.Select(a => a.Id).ToList();
    }

    public async Task<ActivityDto?> UpdateAsync(AccessScope scope, long id, SaveActivityRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var activity = await LoadForChangeAsync(db, scope, id, ct);
        if (activity is null)
            return null;
        var v = new Validation();
        await CheckAsync(db, scope, v, "", request, ct);
        v.ThrowIfAny();
        VersionCheck.Ensure(activity, request.Version);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ActivityRollup.AddAsync(db, activity, -1, ct);
        Apply(activity, request);
        if (scope.IsExpert)
            activity.ExpertId = scope.PersonId;
        await db.SaveChangesAsync(ct);
        await ActivityRollup.AddAsync(db, activity, +1, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, long id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var activity = await LoadForChangeAsync(db, scope, id, ct);
        if (activity is null)
            return false;
        if (version is not null)
            VersionCheck.Ensure(activity, version);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        activity.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await ActivityRollup.AddAsync(db, activity, -1, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// Totals by kind over whole months, read from the rollup (never from the activity rows).
    public async Task<IReadOnlyList<ActivityTotal>> TotalsAsync(AccessScope scope, int? partnershipId, int? organizationId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        new Validation().DateOrder("to", from, to).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = db.ActivityMonthly.AsNoTracking().OfVisiblePartnerships(db, scope);
        if (partnershipId is { } pid)
            q = q.Where(m => m.PartnershipId == pid);
        if (organizationId is { } org)
            q = q.Where(m => m.HostOrganizationId == org);
        if (from is { } f)
            q = q.Where(m => m.Month >= Activity.MonthOf(f));
        if (to is { } t)
            q = q.Where(m => m.Month <= Activity.MonthOf(t));
        var rows = await q.GroupBy(m => m.Kind)
            .Select(g => new ActivityTotal(g.Key, g.Sum(m => m.Quantity), g.Sum(m => m.Attendees), g.Sum(m => m.Entries)))
            .ToListAsync(ct);
        return rows.Where(r => r.Entries > 0).OrderBy(r => r.Kind).ToList();
    }

    /// An expert sees the entries made as that expert; everybody else what their partnerships hold.
    public static IQueryable<Activity> Visible(AppDbContext db, AccessScope scope)
    {
        var visible = db.Activities.OfVisiblePartnerships(db, scope);
        return scope.IsExpert ? visible.Where(a => a.ExpertId != null && a.ExpertId == scope.PersonId) : visible;
    }

    private static bool IsExpertWithPerson(AccessScope scope) => scope.IsExpert && scope.PersonId is not null;

    /// Coordinators change the records of their partnerships; an expert records their own work in the partnerships
    /// their organization takes part in (the visibility filter has already checked that).
    private static Task EnsureCanRecordAsync(AppDbContext db, AccessScope scope, int partnershipId, CancellationToken ct) =>
        IsExpertWithPerson(scope) ? Task.CompletedTask : db.EnsureCanChangeAsync(scope, partnershipId, ct);

    private static async Task<Activity?> LoadForChangeAsync(AppDbContext db, AccessScope scope, long id, CancellationToken ct)
    {
        var activity = await Visible(db, scope).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
            return null;
        await EnsureCanRecordAsync(db, scope, activity.PartnershipId, ct);
        return activity;
    }

    private async Task CheckAsync(AppDbContext db, AccessScope scope, Validation v, string prefix, SaveActivityRequest r, CancellationToken ct)
    {
        var before = v.Errors.Count;
        v.Defined(prefix + "kind", r.Kind).Defined(prefix + "unit", r.Unit)
            .Optional(prefix + "subject", r.Subject, 200).Optional(prefix + "note", r.Note, 1000);
        if (r.PartnershipId is null)
            v.Add(prefix + "partnershipId", "Error.Required");
        if (r.HostOrganizationId is null)
            v.Add(prefix + "hostOrganizationId", "Error.Required");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (r.Date is null)
            v.Add(prefix + "date", "Error.Required");
        else if (r.Date > today || r.Date < EarliestDate)
            v.Add(prefix + "date", "Error.ActivityDateRange");
        if (r.Kind is { } kind && ActivityKinds.All.TryGetValue(kind, out var info))
        {
            if (r.Unit is { } unit && Enum.IsDefined(unit) && !info.Units.Contains(unit))
                v.Add(prefix + "unit", "Error.UnitNotForKind");
            if (r.Quantity is null)
                v.Add(prefix + "quantity", "Error.Required");
            else if (r.Quantity < 1 || r.Quantity > info.MaxQuantityPerEntry)
                v.Add(prefix + "quantity", "Error.Range", 1, info.MaxQuantityPerEntry);
            if (r.Attendees is < 0 or > ActivityKinds.MaxAttendees)
                v.Add(prefix + "attendees", "Error.Range", 0, ActivityKinds.MaxAttendees);
            else if (r.Attendees > 0 && !info.CountsAttendees)
                v.Add(prefix + "attendees", "Error.NoAttendeesForKind");
        }
        if (v.Errors.Count > before)
            return;

        var partnership = await db.Visible(scope).AsNoTracking().Where(p => p.Id == r.PartnershipId)
            .Select(p => new { p.Id, Parties = p.Parties.Where(x => x.DeletedAt == null).Select(x => x.OrganizationId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (partnership is null)
        {
            v.Add(prefix + "partnershipId", "Error.UnknownPartnership");
            return;
        }
        await EnsureCanRecordAsync(db, scope, partnership.Id, ct);
        if (scope.IsExpert && r.ExpertId is { } own && own != scope.PersonId)
            v.Add(prefix + "expertId", "Error.NotYourOwnEntry");
        if (!partnership.Parties.Contains(r.HostOrganizationId!.Value))
            v.Add(prefix + "hostOrganizationId", "Error.HostNotInPartnership");
        else if (r.HostDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.HostOrganizationId, ct))
            v.Add(prefix + "hostDepartmentId", "Error.UnknownDepartment");
        if (r.ExpertId is { } expert && !scope.IsExpert && !await db.People.AnyAsync(p => p.Id == expert && partnership.Parties.Contains(p.OrganizationId), ct))
            v.Add(prefix + "expertId", "Error.ExpertNotInPartnership");
        if (r.TechniqueId is { } techniqueId && !await db.Techniques.AnyAsync(t => t.Id == techniqueId && t.PartnershipId == r.PartnershipId, ct))
            v.Add(prefix + "techniqueId", "Error.UnknownTechnique");
        if (r.DispatchId is { } dispatchId)
        {
            var dispatch = await db.Dispatches.AsNoTracking().Where(d => d.Id == dispatchId && d.PartnershipId == r.PartnershipId)
                .Select(d => new { d.StartDate, d.EndDate, d.HostOrganizationId, d.ExpertId, d.IsCancelled }).FirstOrDefaultAsync(ct);
            if (dispatch is null || dispatch.IsCancelled)
                v.Add(prefix + "dispatchId", "Error.UnknownDispatch");
            else
            {
                if (dispatch.HostOrganizationId != r.HostOrganizationId)
                    v.Add(prefix + "hostOrganizationId", "Error.HostNotDispatchHost");
                if (r.ExpertId is { } e && e != dispatch.ExpertId)
                    v.Add(prefix + "expertId", "Error.ExpertNotDispatchExpert");
                var date = r.Date!.Value;
                var inside = r.IsMonthlyTotal
                    ? Activity.MonthOf(date) >= Activity.MonthOf(dispatch.StartDate) && Activity.MonthOf(date) <= Activity.MonthOf(dispatch.EndDate)
                    : date >= dispatch.StartDate && date <= dispatch.EndDate;
                if (!inside)
                    v.Add(prefix + "date", "Error.OutsideDispatch", dispatch.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dispatch.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static void Apply(Activity a, SaveActivityRequest r)
    {
        a.PartnershipId = r.PartnershipId!.Value;
        a.HostOrganizationId = r.HostOrganizationId!.Value;
        a.HostDepartmentId = r.HostDepartmentId;
        a.DispatchId = r.DispatchId;
        a.ExpertId = r.ExpertId;
        a.Kind = r.Kind!.Value;
        a.Date = r.IsMonthlyTotal ? new DateOnly(r.Date!.Value.Year, r.Date.Value.Month, 1) : r.Date!.Value;
        a.IsMonthlyTotal = r.IsMonthlyTotal;
        a.Quantity = r.Quantity!.Value;
        a.Unit = r.Unit!.Value;
        a.Attendees = r.Attendees ?? 0;
        a.IsOnline = r.IsOnline;
        a.Subject = r.Subject;
        a.Note = r.Note;
        a.TechniqueId = r.TechniqueId;
    }

    private static IQueryable<ActivityDto> Project(IQueryable<Activity> q) =>
        q.Select(a => new ActivityDto(a.Id, a.PartnershipId, a.HostOrganizationId, a.HostOrganization!.Name, a.HostDepartmentId,
            a.HostDepartment != null ? a.HostDepartment.Name : null, a.DispatchId, a.ExpertId, a.Expert != null ? a.Expert.Name : null,
            a.Kind, a.Date, a.IsMonthlyTotal, a.Quantity, a.Unit, a.Attendees, a.IsOnline, a.Subject, a.Note, a.TechniqueId, a.Version));
}
