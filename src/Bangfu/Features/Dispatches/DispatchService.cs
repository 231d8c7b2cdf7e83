using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Dispatches;

public sealed class DispatchService(AppDbContextFactory dbf, TimeProvider clock)
{
    public static readonly string[] Sortable = ["startDate", "endDate", "expert", "batch"];

    public async Task<Page<DispatchDto>> ListAsync(AccessScope scope, DispatchQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        v.DateOrder("to", query.From, query.To);
        if (query.Mode is { } m && !Enum.IsDefined(m))
            v.Add("mode", "Error.UnknownValue");
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var today = Today();
        var q = Visible(db, scope).AsNoTracking();
        if (query.PartnershipId is { } pid)
            q = q.Where(d => d.PartnershipId == pid);
        if (query.OrganizationId is { } org)
            q = q.Where(d => d.HostOrganizationId == org || d.Expert!.OrganizationId == org);
        if (query.ExpertId is { } expert)
            q = q.Where(d => d.ExpertId == expert);
        if (query.Mode is { } mode)
            q = q.Where(d => d.Mode == mode);
        if (query.From is { } from)
            q = q.Where(d => d.EndDate >= from);
        if (query.To is { } to)
            q = q.Where(d => d.StartDate <= to);
        q = query.Status switch
        {
            DispatchStatus.Cancelled => q.Where(d => d.IsCancelled),
            DispatchStatus.Planned => q.Where(d => !d.IsCancelled && d.StartDate > today),
            DispatchStatus.Active => q.Where(d => !d.IsCancelled && d.StartDate <= today && d.EndDate >= today),
            DispatchStatus.Ended => q.Where(d => !d.IsCancelled && d.EndDate < today),
            _ => q,
        };
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() switch
        {
            "enddate" => q.SortBy(d => d.EndDate, page.Desc).ThenBy(d => d.Id),
            "expert" => q.SortBy(d => d.Expert!.Name, page.Desc).ThenBy(d => d.Id),
            "batch" => q.SortBy(d => d.Batch, page.Desc).ThenBy(d => d.Id),
            _ => q.SortBy(d => d.StartDate, page.Desc).ThenBy(d => d.Id),
        };
        var rows = await Project(q.TakePage(page)).ToListAsync(ct);
        return new Page<DispatchDto>(rows.Select(r => r.ToDto(today)).ToList(), total);
    }

    public async Task<DispatchDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var row = await Project(Visible(db, scope).AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(ct);
        return row?.ToDto(Today());
    }

    public async Task<DispatchDto?> CreateAsync(AccessScope scope, SaveDispatchRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var dispatch = new Dispatch();
        Apply(dispatch, request);
        dispatch.PlannedEndDate = dispatch.EndDate;
        await using (var rule = await db.TakeAsync(GuardedRule.ExpertDispatches, dispatch.ExpertId, ct))
        {
            await EnsureNoOverlapAsync(db, dispatch, ct);
            db.Add(dispatch);
            await db.SaveChangesAsync(ct);
            await rule.CommitAsync(ct);
        }
        return await GetAsync(scope, dispatch.Id, ct);
    }

    public async Task<DispatchDto?> UpdateAsync(AccessScope scope, int id, SaveDispatchRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dispatch = await LoadForChangeAsync(db, scope, id, ct);
        if (dispatch is null)
            return null;
        await CheckAsync(db, scope, request, ct);
        VersionCheck.Ensure(dispatch, request.Version);
        if (dispatch.IsCancelled)
            throw new DomainRuleException("Rule.DispatchCancelled");
        Apply(dispatch, request);
        await using (var rule = await db.TakeAsync(GuardedRule.ExpertDispatches, dispatch.ExpertId, ct))
        {
            await EnsureNoOverlapAsync(db, dispatch, ct);
            await db.SaveChangesAsync(ct);
            await rule.CommitAsync(ct);
        }
        return await GetAsync(scope, id, ct);
    }

    /// Extends or ends early: only the end date moves; the planned end stays for the record.
    public async Task<DispatchDto?> ChangeEndAsync(AccessScope scope, int id, ChangeDispatchEndRequest request, bool extend, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dispatch = await LoadForChangeAsync(db, scope, id, ct);
        if (dispatch is null)
            return null;
        var v = new Validation();
        if (request.EndDate is null)
            v.Add("endDate", "Error.Required");
        v.ThrowIfAny();
        VersionCheck.Ensure(dispatch, request.Version);
        if (dispatch.IsCancelled)
            throw new DomainRuleException("Rule.DispatchCancelled");
        var end = request.EndDate!.Value;
        if (extend && end <= dispatch.EndDate)
            new Validation().Add("endDate", "Error.ExtendMustBeLater").ThrowIfAny();
        if (!extend && (end >= dispatch.EndDate || end < dispatch.StartDate))
            new Validation().Add("endDate", "Error.EndEarlyRange").ThrowIfAny();
        dispatch.EndDate = end;
        if (extend)
        {
            await using var rule = await db.TakeAsync(GuardedRule.ExpertDispatches, dispatch.ExpertId, ct);
            await EnsureNoOverlapAsync(db, dispatch, ct);
            await db.SaveChangesAsync(ct);
            await rule.CommitAsync(ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(scope, id, ct);
    }

    public async Task<DispatchDto?> CancelAsync(AccessScope scope, int id, CancelDispatchRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dispatch = await LoadForChangeAsync(db, scope, id, ct);
        if (dispatch is null)
            return null;
        new Validation().Required("reason", request.Reason, 500).ThrowIfAny();
        VersionCheck.Ensure(dispatch, request.Version);
        if (dispatch.IsCancelled)
            throw new DomainRuleException("Rule.DispatchCancelled");
        dispatch.IsCancelled = true;
        dispatch.CancelReason = request.Reason!.Trim();
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dispatch = await LoadForChangeAsync(db, scope, id, ct);
        if (dispatch is null)
            return false;
        if (version is not null)
            VersionCheck.Ensure(dispatch, version);
        if (await db.Activities.AnyAsync(a => a.DispatchId == id, ct))
            throw new DomainRuleException("Rule.DispatchHasActivities");
        dispatch.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Who changed what and when, newest first. Readable by whoever may read the dispatch; a deleted dispatch keeps its
    /// history (its deletion included) for those who can still see its partnership.
    public async Task<IReadOnlyList<DispatchHistoryEntry>?> HistoryAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnershipId = await db.Dispatches.IgnoreQueryFilters().Where(d => d.Id == id).Select(d => (int?)d.PartnershipId).FirstOrDefaultAsync(ct);
        if (partnershipId is not { } pid || !await db.Visible(scope).AnyAsync(p => p.Id == pid, ct))
            return null;
        var key = AuditHistory.Key(id);
        var entries = AuditHistory.WithFieldChanges(await AuditHistory.ReadAsync(db, a => a.EntityType == nameof(Dispatch) && a.EntityId == key, ct));

        // A dispatch saved together with its expert or hospital (the demo does so) has the temporary, negative key of
        // that row in its audit. While no later entry changed the field, the dispatch's value now is that row's real key.
        var current = await db.Dispatches.IgnoreQueryFilters().Where(d => d.Id == id)
            .Select(d => new { d.ExpertId, d.HostOrganizationId, d.HostDepartmentId }).FirstAsync(ct);
        var now = new Dictionary<string, string?>
        {
            [nameof(Dispatch.ExpertId)] = AuditHistory.Key(current.ExpertId),
            [nameof(Dispatch.HostOrganizationId)] = AuditHistory.Key(current.HostOrganizationId),
            [nameof(Dispatch.HostDepartmentId)] = current.HostDepartmentId is { } hd ? AuditHistory.Key(hd) : null,
        };
        var changedLater = entries.Where(e => e.Entry.Action != "Created").SelectMany(e => e.Changes).Select(c => c.Field).ToHashSet();
        string? RealKey(string field, string? value) =>
            value is not null && value.StartsWith('-') && now.TryGetValue(field, out var real) ? (changedLater.Contains(field) ? null : real) : value;
        entries = entries.Select(e => (e.Entry, (IReadOnlyList<FieldChange>)e.Changes
            .Select(c => c with { Old = RealKey(c.Field, c.Old), New = RealKey(c.Field, c.New) }).ToList())).ToList();

        // Experts, hospitals and departments are named, not numbered: one query for each kind of id the entries mention.
        var ids = entries.SelectMany(e => e.Changes).SelectMany(c => new[] { (c.Field, c.Old), (c.Field, c.New) })
            .Where(x => x.Item2 is not null && int.TryParse(x.Item2, System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToLookup(x => x.Field, x => int.Parse(x.Item2!, System.Globalization.CultureInfo.InvariantCulture));
        var experts = ids[nameof(Dispatch.ExpertId)].Distinct().ToList();
        var orgs = ids[nameof(Dispatch.HostOrganizationId)].Distinct().ToList();
        var depts = ids[nameof(Dispatch.HostDepartmentId)].Distinct().ToList();
        var names = new Dictionary<(string, int), string>();
        if (experts.Count > 0)
        {
            foreach (var p in await db.People.IgnoreQueryFilters().Where(p => experts.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
                names[(nameof(Dispatch.ExpertId), p.Id)] = p.Name;
        }
        if (orgs.Count > 0)
        {
            foreach (var o in await db.Organizations.IgnoreQueryFilters().Where(o => orgs.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                names[(nameof(Dispatch.HostOrganizationId), o.Id)] = o.Name;
        }
        if (depts.Count > 0)
        {
            foreach (var d in await db.Departments.IgnoreQueryFilters().Where(d => depts.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                names[(nameof(Dispatch.HostDepartmentId), d.Id)] = d.Name;
        }

        string? Show(string field, string? value) =>
            value is null ? null
            : field is nameof(Dispatch.StartDate) or nameof(Dispatch.EndDate) or nameof(Dispatch.PlannedEndDate) ? AuditHistory.NormalizeDate(value)
            : int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && names.TryGetValue((field, n), out var name) ? name
            : value;

        return entries.Select(x =>
        {
            var (entry, raw) = x;
            var created = entry.Action == "Created";
            var changes = raw.Where(c => Array.IndexOf(HistoryFields, c.Field) >= 0 && !(created && (c.New is null || c.Field == nameof(Dispatch.PlannedEndDate))))
                .Select(c => new FieldChange(c.Field, Show(c.Field, c.Old), Show(c.Field, c.New)))
                .Where(c => c.Old != c.New)
                .OrderBy(c => Array.IndexOf(HistoryFields, c.Field))
                .ToList();
            var values = AuditHistory.Values(entry.Changes);
            var action = entry.Action switch
            {
                "Created" => DispatchHistoryAction.Created,
                "Deleted" or "Removed" => DispatchHistoryAction.Deleted,
                _ when values.TryGetValue(nameof(Dispatch.IsCancelled), out var c) && bool.TryParse(c, out var cancelled) && cancelled => DispatchHistoryAction.Cancelled,
                _ when changes.Count == 1 && changes[0] is { Field: nameof(Dispatch.EndDate), Old: { } o, New: { } n }
                    => string.CompareOrdinal(n, o) > 0 ? DispatchHistoryAction.Extended : DispatchHistoryAction.EndedEarly,
                _ => DispatchHistoryAction.Updated,
            };
            var reason = action == DispatchHistoryAction.Cancelled && values.TryGetValue(nameof(Dispatch.CancelReason), out var r) ? r : null;
            if (action is DispatchHistoryAction.Cancelled or DispatchHistoryAction.Deleted)
                changes = changes.Where(c => c.Field != nameof(Dispatch.CancelReason)).ToList();
            return new DispatchHistoryEntry(entry.At, entry.UserName, action, reason, changes);
        }).ToList();
    }

    /// The fields a history shows, in the order it shows them; keys, flags and deletion stamps are told by the action instead.
    private static readonly string[] HistoryFields =
    [
        nameof(Dispatch.ExpertId), nameof(Dispatch.HostOrganizationId), nameof(Dispatch.HostDepartmentId), nameof(Dispatch.Batch),
        nameof(Dispatch.Mode), nameof(Dispatch.Role), nameof(Dispatch.StartDate), nameof(Dispatch.EndDate), nameof(Dispatch.PlannedEndDate),
        nameof(Dispatch.Note), nameof(Dispatch.CancelReason),
    ];

    public static IQueryable<Dispatch> Visible(AppDbContext db, AccessScope scope)
    {
        return db.Dispatches.OfVisiblePartnerships(db, scope);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static async Task<Dispatch?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var dispatch = await Visible(db, scope).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dispatch is null)
            return null;
        await db.EnsureCanChangeAsync(scope, dispatch.PartnershipId, ct);
        return dispatch;
    }

    /// One person cannot be in two places at once: a dispatch that occupies the expert may not overlap another. A
    /// touring (巡诊) expert visits several hospitals in a day (seed 001: nine hospitals in five days), so tours of one
    /// person may share days with each other, never with a stationed or short-visit dispatch.
    /// Callers hold the expert's rule lock, so that two overlapping saves cannot both pass (ADR 0013).
    private static async Task EnsureNoOverlapAsync(AppDbContext db, Dispatch dispatch, CancellationToken ct)
    {
        if (!dispatch.OccupiesThePerson)
            return;
        var touring = dispatch.Mode == DispatchMode.Tour;
        var clash = await db.Dispatches.AsNoTracking()
            .Where(d => d.ExpertId == dispatch.ExpertId && d.Id != dispatch.Id && !d.IsCancelled && d.Mode != DispatchMode.Remote
                && !(touring && d.Mode == DispatchMode.Tour)
                && d.StartDate <= dispatch.EndDate && d.EndDate >= dispatch.StartDate)
            .OrderBy(d => d.StartDate)
            .Select(d => new { d.Id, Host = d.HostOrganization!.Name, d.StartDate, d.EndDate })
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleException("Rule.DispatchOverlap", clash.Id, clash.Host, clash.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), clash.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SaveDispatchRequest r, CancellationToken ct)
    {
        var v = new Validation().Defined("mode", r.Mode).Defined("role", r.Role).Optional("note", r.Note, 1000);
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        if (r.EndDate is null)
            v.Add("endDate", "Error.Required");
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        if (r.StartDate is { } s && r.EndDate is { } e && e.DayNumber - s.DayNumber > 366 * 5)
            v.Add("endDate", "Error.DispatchTooLong");
        if (r.Batch is { } batch && (batch < 1 || batch > 999))
            v.Add("batch", "Error.Range", 1, 999);
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        if (r.ExpertId is null)
            v.Add("expertId", "Error.Required");
        if (r.HostOrganizationId is null)
            v.Add("hostOrganizationId", "Error.Required");
        v.ThrowIfAny();

        var partnership = await db.Visible(scope).AsNoTracking().Where(p => p.Id == r.PartnershipId)
            .Select(p => new { p.Id, Parties = p.Parties.Where(x => x.DeletedAt == null).Select(x => x.OrganizationId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (partnership is null)
        {
            v.Add("partnershipId", "Error.UnknownPartnership").ThrowIfAny();
            return;
        }
        await db.EnsureCanChangeAsync(scope, partnership.Id, ct);
        var expertOrg = await db.People.Where(p => p.Id == r.ExpertId).Select(p => (int?)p.OrganizationId).FirstOrDefaultAsync(ct);
        if (expertOrg is null)
            v.Add("expertId", "Error.UnknownPerson");
        else if (!partnership.Parties.Contains(expertOrg.Value))
            v.Add("expertId", "Error.ExpertNotInPartnership");
        if (!partnership.Parties.Contains(r.HostOrganizationId!.Value))
            v.Add("hostOrganizationId", "Error.HostNotInPartnership");
        else if (r.HostDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.HostOrganizationId, ct))
            v.Add("hostDepartmentId", "Error.UnknownDepartment");
        v.ThrowIfAny();
    }

    private static void Apply(Dispatch d, SaveDispatchRequest r)
    {
        d.PartnershipId = r.PartnershipId!.Value;
        d.ExpertId = r.ExpertId!.Value;
        d.HostOrganizationId = r.HostOrganizationId!.Value;
        d.HostDepartmentId = r.HostDepartmentId;
        d.Batch = r.Batch;
        d.Mode = r.Mode!.Value;
        d.Role = r.Role!.Value;
        d.StartDate = r.StartDate!.Value;
        d.EndDate = r.EndDate!.Value;
        d.Note = r.Note;
    }

    private sealed record Row(int Id, int PartnershipId, string PartnershipName, int ExpertId, string ExpertName, string? ExpertTitle,
        TitleLevel ExpertTitleLevel, int HostOrganizationId, string HostOrganizationName, int? HostDepartmentId, string? HostDepartmentName,
        int? Batch, DispatchMode Mode, DispatchRole Role, DateOnly StartDate, DateOnly EndDate, DateOnly PlannedEndDate, bool IsCancelled,
        string? CancelReason, string? Note, int Version)
    {
        public DispatchDto ToDto(DateOnly today)
        {
            var status = Dispatch.StatusOf(IsCancelled, StartDate, EndDate, today);
            return new DispatchDto(Id, PartnershipId, PartnershipName, ExpertId, ExpertName, ExpertTitle, ExpertTitleLevel, HostOrganizationId,
                HostOrganizationName, HostDepartmentId, HostDepartmentName, Batch, Mode, Role, StartDate, EndDate, PlannedEndDate,
                EndDate.DayNumber - StartDate.DayNumber + 1, status, CancelReason, Note, Version);
        }
    }

    private static IQueryable<Row> Project(IQueryable<Dispatch> q) =>
        q.Select(d => new Row(d.Id, d.PartnershipId, d.Partnership!.Name, d.ExpertId, d.Expert!.Name, d.Expert.Title, d.Expert.TitleLevel,
            d.HostOrganizationId, d.HostOrganization!.Name, d.HostDepartmentId, d.HostDepartment != null ? d.HostDepartment.Name : null,
            d.Batch, d.Mode, d.Role, d.StartDate, d.EndDate, d.PlannedEndDate, d.IsCancelled, d.CancelReason, d.Note, d.Version));
}
