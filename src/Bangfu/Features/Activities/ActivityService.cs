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
        var ids = await WriteAsync(scope, new BulkActivitiesRequest([request]), single: true, ct);
        return (await GetAsync(scope, ids[0], ct))!;
    }

    /// New rows only (the bulk form of POST): every row is checked first, then all are written, or none.
    public Task<IReadOnlyList<long>> CreateManyAsync(AccessScope scope, IReadOnlyList<SaveActivityRequest>? items, CancellationToken ct) =>
        WriteAsync(scope, new BulkActivitiesRequest(items), single: false, ct);

    /// The bulk grid: new rows, corrections and removals are checked together, then written in one transaction,
    /// or none of them (a stale version, a closed month or a refused row leaves everything as it was).
    /// Answers the ids of the new rows.
    public Task<IReadOnlyList<long>> SaveManyAsync(AccessScope scope, BulkActivitiesRequest request, CancellationToken ct) =>
        WriteAsync(scope, request, single: false, ct);

    private Task<IReadOnlyList<long>> WriteAsync(AccessScope scope, BulkActivitiesRequest request, bool single, CancellationToken ct) =>
        ActivityEntryKeys.RetryOnceAsync(request, async () =>
        {
            await using var db = dbf.CreateFor(scope);
            return await WriteAsync(db, scope, request, single, ct);
        });

    /// For records of other features that count as activities (a held tele-teaching session is a lecture, a signed
    /// consultation opinion a remote consultation): the same
    /// checks, closed-month rule and rollup, inside the caller's context and transaction, so that the record and its
    /// activity are written together or not at all. Field errors carry no prefix.
    public Task<IReadOnlyList<long>> SaveLinkedAsync(AppDbContext db, AccessScope scope, BulkActivitiesRequest request, CancellationToken ct) =>
        WriteAsync(db, scope, request, single: true, ct);

    /// The bulk write inside the caller's context and transaction (an import writes its chunks in one transaction,
    /// and previews them in one it rolls back). Field errors carry the items[i] / updates[i].activity prefixes.
    public Task<IReadOnlyList<long>> WriteInAsync(AppDbContext db, AccessScope scope, BulkActivitiesRequest request, CancellationToken ct) =>
        WriteAsync(db, scope, request, single: false, ct);

    /// One write path for everything: a single create, correction or removal is a batch of one whose field errors
    /// carry no prefix.
    private async Task<IReadOnlyList<long>> WriteAsync(AppDbContext db, AccessScope scope, BulkActivitiesRequest request, bool single, CancellationToken ct)
    {
        if (!scope.CanWriteRegistry && !IsExpertWithPerson(scope))
            throw new AccessDeniedException();
        var items = request.Items ?? [];
        var updates = request.Updates ?? [];
        var deletes = request.Deletes ?? [];
        var count = items.Count + updates.Count + deletes.Count;
        if (count == 0)
            new Validation().Add("items", "Error.Required").ThrowIfAny();
        if (count > MaxBulkItems)
            new Validation().Add("items", "Error.TooManyItems", MaxBulkItems).ThrowIfAny();

        // A row left null says nothing to record: refused by its place in the list.
        var v = new Validation();
        foreach (var (field, rows) in new (string, IReadOnlyList<object?>)[] { ("items", items), ("updates", updates), ("deletes", deletes) })
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is null)
                    v.Add($"{field}[{i}]", "Error.Required");
            }
        }
        v.ThrowIfAny();
        var checks = items.Select((r, i) => (single ? "" : $"items[{i}].", r)).ToList();
        ActivityEntryKeys.CheckDistinct(v, items, single);
        var ids = updates.Select(u => u.Id).Concat(deletes.Select(d => d.Id)).ToList();
        if (ids.Distinct().Count() != ids.Count)
            v.Add("updates", "Error.DuplicateActivity");
        var stored = ids.Count == 0 ? [] : await Visible(db, scope).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        for (var i = 0; i < updates.Count; i++)
        {
            if (!stored.ContainsKey(updates[i].Id))
                v.Add($"updates[{i}].id", "Error.UnknownActivity");
            else if (updates[i].Activity is not { } change)
                v.Add($"updates[{i}].activity", "Error.Required");
            else
                checks.Add((single ? "" : $"updates[{i}].activity.", change));
        }
        await CheckAsync(db, scope, v, checks, ct);
        for (var i = 0; i < deletes.Count; i++)
        {
            if (!stored.ContainsKey(deletes[i].Id))
                v.Add($"deletes[{i}].id", "Error.UnknownActivity");
        }
        v.ThrowIfAny();
        foreach (var partnershipId in stored.Values.Select(a => a.PartnershipId).Distinct())
            await EnsureCanRecordAsync(db, scope, partnershipId, ct);
        foreach (var u in updates)
            VersionCheck.Ensure(stored[u.Id], u.Activity!.Version);
        foreach (var d in deletes.Where(d => d.Version is not null))
            VersionCheck.Ensure(stored[d.Id], d.Version);
        await ClosedMonthService.EnsureOpenAsync(db,
            items.Select(r => (r.PartnershipId!.Value, r.Date!.Value))
                .Concat(updates.Select(u => (u.Activity!.PartnershipId!.Value, u.Activity.Date!.Value)))
                .Concat(stored.Values.Select(a => (a.PartnershipId, a.Date))), ct);
        var warnings = await ActivityPlausibility.EvaluateAsync(db,
            [.. items.Select((r, i) => new PlausibilityEntry(single ? "" : $"items[{i}].", r, scope.IsExpert ? scope.PersonId : r.ExpertId)),
                .. updates.Select((u, i) => new PlausibilityEntry(single ? "" : $"updates[{i}].activity.", u.Activity!, scope.IsExpert ? scope.PersonId : u.Activity!.ExpertId, stored[u.Id]))], ct);
        var known = await ActivityEntryKeys.FindAsync(db, scope, items, ct);

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var changed = new List<Activity>();
        // The rollup moves once for the whole batch: what corrections and removals take away, then what is written.
        var rollup = new List<(Activity, int)>();
        foreach (var u in updates)
        {
            var activity = stored[u.Id];
            rollup.Add((Counted(activity), -1));
            Apply(activity, u.Activity!, scope);
            ActivityReviewService.Mark(activity, warnings[items.Count + changed.Count]);
            activity.CorrectionReason = string.IsNullOrWhiteSpace(u.Activity!.Reason) ? null : u.Activity.Reason.Trim();
            changed.Add(activity);
        }
        foreach (var d in deletes)
        {
            var activity = stored[d.Id];
            rollup.Add((Counted(activity), -1));
            activity.DeletedAt = clock.GetUtcNow();
        }
        var news = items.Select((r, i) =>
        {
            if (r.EntryKey is { } key && known.ContainsKey((r.PartnershipId!.Value, key)))
                return null;
            var a = new Activity { EntryKey = r.EntryKey };
            Apply(a, r, scope);
            ActivityReviewService.Mark(a, warnings[i]);
            return a;
        }).ToList();
        var created = news.OfType<Activity>().ToList();
        db.AddRange(created);
        await db.SaveChangesAsync(ct);
        await ActivityRollup.AddAsync(db, rollup.Concat(changed.Concat(created).Select(a => (a, +1))), ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return news.Select((a, i) => a?.Id ?? known[(items[i].PartnershipId!.Value, items[i].EntryKey!)]).ToList();
    }

    public async Task<ActivityDto?> UpdateAsync(AccessScope scope, long id, SaveActivityRequest request, CancellationToken ct)
    {
        await using (var db = dbf.CreateFor(scope))
        {
            if (await LoadForChangeAsync(db, scope, id, ct) is null)
                return null;
        }
        await WriteAsync(scope, new BulkActivitiesRequest(null, [new ActivityChange(id, request)]), single: true, ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, long id, int? version, CancellationToken ct)
    {
        await using (var db = dbf.CreateFor(scope))
        {
            if (await LoadForChangeAsync(db, scope, id, ct) is null)
                return false;
        }
        await WriteAsync(scope, new BulkActivitiesRequest(null, null, [new ActivityRemoval(id, version)]), single: true, ct);
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

    /// Checks a batch set-wise: the fields of each row first, then what the rows point at, loaded once for the whole
    /// batch (their partnerships with parties, departments, experts, techniques and dispatches: at most five queries
    /// for 1 or 500 rows), then each row against those.
    private async Task CheckAsync(AppDbContext db, AccessScope scope, Validation v, IReadOnlyList<(string Prefix, SaveActivityRequest Request)> rows, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var valid = rows.Where(x => CheckFields(v, x.Prefix, x.Request, today)).ToList();
        if (valid.Count == 0)
            return;
        List<T> Ids<T>(Func<SaveActivityRequest, T?> of) where T : struct => valid.Select(x => of(x.Request)).OfType<T>().Distinct().ToList();

        var partnershipIds = Ids(r => r.PartnershipId);
        var partnerships = await db.Visible(scope).AsNoTracking().Where(p => partnershipIds.Contains(p.Id))
            .Select(p => new { p.Id, p.StartDate, p.EndDate, Parties = p.Parties.Where(x => x.DeletedAt == null).Select(x => x.OrganizationId).ToList() })
            .ToDictionaryAsync(p => p.Id, ct);
        foreach (var id in partnerships.Keys)
            await EnsureCanRecordAsync(db, scope, id, ct);
        var departmentIds = Ids(r => r.HostDepartmentId);
        var departments = departmentIds.Count == 0 ? [] : await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.OrganizationId, ct);
        var expertIds = scope.IsExpert ? [] : Ids(r => r.ExpertId);
        var experts = expertIds.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => expertIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.OrganizationId, ct);
        var techniqueIds = Ids(r => r.TechniqueId);
        var techniques = techniqueIds.Count == 0 ? [] : await db.Techniques.AsNoTracking().Where(t => techniqueIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.PartnershipId, ct);
        var dispatchIds = Ids(r => r.DispatchId);
        var dispatches = dispatchIds.Count == 0 ? [] : await db.Dispatches.AsNoTracking().Where(d => dispatchIds.Contains(d.Id))
            .Select(d => new { d.Id, d.PartnershipId, d.StartDate, d.EndDate, d.HostOrganizationId, d.ExpertId, d.IsCancelled })
            .ToDictionaryAsync(d => d.Id, ct);

        foreach (var (prefix, r) in valid)
        {
            if (!partnerships.TryGetValue(r.PartnershipId!.Value, out var partnership))
            {
                v.Add(prefix + "partnershipId", "Error.UnknownPartnership");
                continue;
            }
            // A partner writes another hospital's figures only through the partnership, so only within its dates (ADR 0012);
            // the host's own side and administrators record any day. A monthly total needs its month to meet the dates.
            var day = r.Date!.Value;
            var within = r.IsMonthlyTotal
                ? Activity.MonthOf(day) >= Activity.MonthOf(partnership.StartDate) && (partnership.EndDate is not { } last || Activity.MonthOf(day) <= Activity.MonthOf(last))
                : day >= partnership.StartDate && (partnership.EndDate is not { } end || day <= end);
            if (!within && !scope.IsAdmin && scope.OrganizationId != r.HostOrganizationId)
                v.Add(prefix + "date", "Error.OutsidePartnership", Day(partnership.StartDate), partnership.EndDate is { } e ? Day(e) : "—");
            if (scope.IsExpert && r.ExpertId is { } own && own != scope.PersonId)
                v.Add(prefix + "expertId", "Error.NotYourOwnEntry");
            if (!partnership.Parties.Contains(r.HostOrganizationId!.Value))
                v.Add(prefix + "hostOrganizationId", "Error.HostNotInPartnership");
            else if (r.HostDepartmentId is { } dept && (!departments.TryGetValue(dept, out var deptOrg) || deptOrg != r.HostOrganizationId))
                v.Add(prefix + "hostDepartmentId", "Error.UnknownDepartment");
            if (r.ExpertId is { } expert && !scope.IsExpert && (!experts.TryGetValue(expert, out var expertOrg) || !partnership.Parties.Contains(expertOrg)))
                v.Add(prefix + "expertId", "Error.ExpertNotInPartnership");
            if (r.TechniqueId is { } techniqueId && (!techniques.TryGetValue(techniqueId, out var techniquePartnership) || techniquePartnership != r.PartnershipId))
                v.Add(prefix + "techniqueId", "Error.UnknownTechnique");
            if (r.DispatchId is { } dispatchId)
            {
                if (!dispatches.TryGetValue(dispatchId, out var dispatch) || dispatch.PartnershipId != r.PartnershipId || dispatch.IsCancelled)
                    v.Add(prefix + "dispatchId", "Error.UnknownDispatch");
                else
                {
                    if (dispatch.HostOrganizationId != r.HostOrganizationId)
                        v.Add(prefix + "hostOrganizationId", "Error.HostNotDispatchHost");
                    if (r.ExpertId is { } ex && ex != dispatch.ExpertId)
                        v.Add(prefix + "expertId", "Error.ExpertNotDispatchExpert");
                    var inside = r.IsMonthlyTotal
                        ? Activity.MonthOf(day) >= Activity.MonthOf(dispatch.StartDate) && Activity.MonthOf(day) <= Activity.MonthOf(dispatch.EndDate)
                        : day >= dispatch.StartDate && day <= dispatch.EndDate;
                    if (!inside)
                        v.Add(prefix + "date", "Error.OutsideDispatch", Day(dispatch.StartDate), Day(dispatch.EndDate));
                }
            }
        }
    }

    /// What one row says on its own; false when it has errors (the row is not looked up further).
    private static bool CheckFields(Validation v, string prefix, SaveActivityRequest r, DateOnly today)
    {
        var before = v.Errors.Count;
        v.Defined(prefix + "kind", r.Kind).Defined(prefix + "unit", r.Unit)
            .Optional(prefix + "subject", r.Subject, 200).Optional(prefix + "note", r.Note, 1000).Optional(prefix + "reason", r.Reason, 500);
        ActivityEntryKeys.Check(v, prefix, r);
        if (r.PartnershipId is null)
            v.Add(prefix + "partnershipId", "Error.Required");
        if (r.HostOrganizationId is null)
            v.Add(prefix + "hostOrganizationId", "Error.Required");
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
        return v.Errors.Count == before;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// The figures of a stored row as they are before a correction changes them (what the rollup takes away).
    private static Activity Counted(Activity a) => new()
    {
        PartnershipId = a.PartnershipId,
        HostOrganizationId = a.HostOrganizationId,
        Kind = a.Kind,
        Date = a.Date,
        Quantity = a.Quantity,
        Attendees = a.Attendees,
    };

    private static void Apply(Activity a, SaveActivityRequest r, AccessScope scope)
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
        a.IsApproximate = r.IsApproximate;
        a.Unit = r.Unit!.Value;
        a.Attendees = r.Attendees ?? 0;
        a.IsOnline = r.IsOnline;
        a.Subject = r.Subject;
        a.Note = r.Note;
        a.TechniqueId = r.TechniqueId;
        if (scope.IsExpert)
            a.ExpertId = scope.PersonId;
    }

    private static IQueryable<ActivityDto> Project(IQueryable<Activity> q) =>
        q.Select(a => new ActivityDto(a.Id, a.PartnershipId, a.HostOrganizationId, a.HostOrganization!.Name, a.HostDepartmentId,
            a.HostDepartment != null ? a.HostDepartment.Name : null, a.DispatchId, a.ExpertId, a.Expert != null ? a.Expert.Name : null,
            a.Kind, a.Date, a.IsMonthlyTotal, a.Quantity, a.Unit, a.Attendees, a.IsOnline, a.Subject, a.Note, a.TechniqueId, a.Version));
}
