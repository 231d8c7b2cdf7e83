using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Techniques;

public sealed record TechniqueDto(int Id, int PartnershipId, int HostOrganizationId, string HostOrganizationName, int? DepartmentId, string? DepartmentName,
    string Name, int? SurgicalGrade, DateOnly FirstPerformedOn, int? IntroducedById, string? IntroducedByName, GapLevel GapLevel, string? Description,
    int TimesPerformed, int Version);

public sealed record SaveTechniqueRequest(int? PartnershipId, int? HostOrganizationId, int? DepartmentId, string? Name, int? SurgicalGrade,
    DateOnly? FirstPerformedOn, int? IntroducedById, GapLevel? GapLevel, string? Description = null, int? Version = null);

public sealed class TechniqueService(AppDbContextFactory dbf, TimeProvider clock)
{
    public async Task<Page<TechniqueDto>> ListAsync(AccessScope scope, int? partnershipId, int? organizationId, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, ["firstPerformedOn", "name"]);
        v.DateOrder("to", from, to).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(t => t.PartnershipId == pid);
        if (organizationId is { } org)
            q = q.Where(t => t.HostOrganizationId == org);
        if (from is { } f)
            q = q.Where(t => t.FirstPerformedOn >= f);
        if (to is { } t2)
            q = q.Where(t => t.FirstPerformedOn <= t2);
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() == "name"
            ? q.SortBy(t => t.Name, page.Desc).ThenBy(t => t.Id)
            : q.SortBy(t => t.FirstPerformedOn, page.Desc).ThenBy(t => t.Id);
        return new Page<TechniqueDto>(await Project(db, q.TakePage(page)).ToListAsync(ct), total);
    }

    public async Task<TechniqueDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(db, Visible(db, scope).AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<TechniqueDto> CreateAsync(AccessScope scope, SaveTechniqueRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var technique = new Technique { Name = "" };
        Apply(technique, request);
        db.Add(technique);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, technique.Id, ct))!;
    }

    public async Task<TechniqueDto?> UpdateAsync(AccessScope scope, int id, SaveTechniqueRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var changed = await db.CorrectAsync(await LoadForChangeAsync(db, scope, id, ct), request.Version,
            () => CheckAsync(db, scope, request, ct), t => Apply(t, request), ct);
        return changed ? await GetAsync(scope, id, ct) : null;
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var technique = await LoadForChangeAsync(db, scope, id, ct);
        if (technique is not null && await db.Activities.AnyAsync(a => a.TechniqueId == id, ct))
            throw new DomainRuleException("Rule.TechniqueInUse");
        return await db.SoftDeleteAsync(technique, clock, ct);
    }

    private static IQueryable<Technique> Visible(AppDbContext db, AccessScope scope)
    {
        return db.Techniques.OfVisiblePartnerships(db, scope);
    }

    private static Task<Technique?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct) =>
        Visible(db, scope).FindToChangeAsync(db, scope, id, ct);

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SaveTechniqueRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("name", r.Name, 120).Defined("gapLevel", r.GapLevel).Optional("description", r.Description, 2000);
        if (r.SurgicalGrade is < 1 or > 4)
            v.Add("surgicalGrade", "Error.Range", 1, 4);
        if (r.FirstPerformedOn is null)
            v.Add("firstPerformedOn", "Error.Required");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        var parties = await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        if (r.HostOrganizationId is null || !parties.Contains(r.HostOrganizationId.Value))
            v.Add("hostOrganizationId", "Error.HostNotInPartnership");
        else if (r.DepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.HostOrganizationId, ct))
            v.Add("departmentId", "Error.UnknownDepartment");
        if (r.IntroducedById is { } person && !await db.People.AnyAsync(p => p.Id == person && parties.Contains(p.OrganizationId), ct))
            v.Add("introducedById", "Error.ExpertNotInPartnership");
        v.ThrowIfAny();
    }

    private static void Apply(Technique t, SaveTechniqueRequest r)
    {
        t.PartnershipId = r.PartnershipId!.Value;
        t.HostOrganizationId = r.HostOrganizationId!.Value;
        t.DepartmentId = r.DepartmentId;
        t.Name = r.Name!.Trim();
        t.SurgicalGrade = r.SurgicalGrade;
        t.FirstPerformedOn = r.FirstPerformedOn!.Value;
        t.IntroducedById = r.IntroducedById;
        t.GapLevel = r.GapLevel!.Value;
        t.Description = r.Description;
    }

    // Uses of one technique are counted through the activity index on TechniqueId, one small count per row shown.
    private static IQueryable<TechniqueDto> Project(AppDbContext db, IQueryable<Technique> q) =>
        q.Select(t => new TechniqueDto(t.Id, t.PartnershipId, t.HostOrganizationId, t.HostOrganization!.Name, t.DepartmentId,
            t.Department != null ? t.Department.Name : null, t.Name, t.SurgicalGrade, t.FirstPerformedOn, t.IntroducedById,
            t.IntroducedBy != null ? t.IntroducedBy.Name : null, t.GapLevel, t.Description,
            db.Activities.Where(a => a.TechniqueId == t.Id).Sum(a => (int?)a.Quantity) ?? 0, t.Version));
}
