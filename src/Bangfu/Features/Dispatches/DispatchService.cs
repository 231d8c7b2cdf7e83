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
        await EnsureNoOverlapAsync(db, dispatch, ct);
        db.Add(dispatch);
        await db.SaveChangesAsync(ct);
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
        await EnsureNoOverlapAsync(db, dispatch, ct);
        await db.SaveChangesAsync(ct);
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
            await EnsureNoOverlapAsync(db, dispatch, ct);
        await db.SaveChangesAsync(ct);
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

    /// One person cannot be in two places at once: a dispatch that occupies the expert may not overlap another.
    private static async Task EnsureNoOverlapAsync(AppDbContext db, Dispatch dispatch, CancellationToken ct)
    {
        if (!dispatch.OccupiesThePerson)
            return;
        var clash = await db.Dispatches.AsNoTracking()
            .Where(d => d.ExpertId == dispatch.ExpertId && d.Id != dispatch.Id && !d.IsCancelled && d.Mode != DispatchMode.Remote
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
