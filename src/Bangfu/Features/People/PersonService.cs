using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.People;

public sealed record PersonDto(int Id, int OrganizationId, string OrganizationName, int? DepartmentId, string? DepartmentName, string Name,
    string? Title, TitleLevel TitleLevel, string? Specialty, string? Phone, string? Email, int Version,
    string? LicenceNumber = null, DateOnly? IndependentPracticeSince = null);

public sealed record PersonQuery(string? Q = null, int? OrganizationId = null, int? DepartmentId = null, TitleLevel? TitleLevel = null);

public sealed record SavePersonRequest(int? OrganizationId, int? DepartmentId, string? Name, string? Title, TitleLevel? TitleLevel,
    string? Specialty, string? Phone, string? Email, int? Version = null, string? LicenceNumber = null, DateOnly? IndependentPracticeSince = null);

/// People are private to their organization, readable by its partners (to name docking contacts and experts)
/// and by the commission of their region.
public sealed class PersonService(AppDbContextFactory dbf)
{
    public static readonly string[] Sortable = ["name", "organization", "titleLevel"];

    public static IQueryable<Person> Visible(AppDbContext db, AccessScope scope)
    {
        if (scope.IsAdmin)
            return db.People;
        if (scope.ReadsRegion)
            return db.People.Where(p => p.Organization!.RegionCode.StartsWith(scope.RegionPrefix!));
        if (scope.OrganizationId is not { } org)
            return db.People.Where(p => false);
        var partners = db.PartnerOrganizationIds(org);
        return db.People.Where(p => p.OrganizationId == org || partners.Contains(p.OrganizationId));
    }

    public async Task<Page<PersonDto>> ListAsync(AccessScope scope, PersonQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
            q = q.Where(p => p.Name.Contains(query.Q) || (p.Specialty != null && p.Specialty.Contains(query.Q)));
        if (query.OrganizationId is { } org)
            q = q.Where(p => p.OrganizationId == org);
        if (query.DepartmentId is { } dept)
            q = q.Where(p => p.DepartmentId == dept);
        if (query.TitleLevel is { } level)
            q = q.Where(p => p.TitleLevel == level);
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() switch
        {
            "organization" => q.SortBy(p => p.Organization!.Name, page.Desc).ThenBy(p => p.Id),
            "titlelevel" => q.SortBy(p => p.TitleLevel, page.Desc).ThenBy(p => p.Id),
            _ => q.SortBy(p => p.Name, page.Desc).ThenBy(p => p.Id),
        };
        return new Page<PersonDto>(await Project(q.TakePage(page)).ToListAsync(ct), total);
    }

    public async Task<PersonDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(Visible(db, scope).AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<PersonDto> CreateAsync(AccessScope scope, SavePersonRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var person = new Person { Name = request.Name!.Trim() };
        Apply(person, request);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, person.Id, ct))!;
    }

    public async Task<PersonDto?> UpdateAsync(AccessScope scope, int id, SavePersonRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var person = await Visible(db, scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return null;
        EnsureCanChange(scope, person.OrganizationId);
        await CheckAsync(db, scope, request, ct);
        VersionCheck.Ensure(person, request.Version);
        Apply(person, request);
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var person = await Visible(db, scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return false;
        EnsureCanChange(scope, person.OrganizationId);
        if (version is not null)
            VersionCheck.Ensure(person, version);
        if (await db.PartnershipParties.IgnoreQueryFilters([PartnershipFilters.InForce]).AnyAsync(p => p.ResponsiblePersonId == id, ct))
            throw new DomainRuleException("Rule.PersonIsResponsible");
        person.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void EnsureCanChange(AccessScope scope, int organizationId)
    {
        if (!(scope.IsAdmin || (scope.IsOrgAdmin && scope.OrganizationId == organizationId)))
            throw new AccessDeniedException();
    }

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SavePersonRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Required("name", r.Name, 40)
            .Optional("title", r.Title, 40)
            .Optional("specialty", r.Specialty, 60)
            .Optional("phone", r.Phone, 30)
            .Optional("email", r.Email, 100)
            .Optional("licenceNumber", r.LicenceNumber, 30)
            .Defined("titleLevel", r.TitleLevel);
        if (r.OrganizationId is null)
            v.Add("organizationId", "Error.Required");
        else if (!await db.Organizations.AnyAsync(o => o.Id == r.OrganizationId, ct))
            v.Add("organizationId", "Error.UnknownOrganization");
        else if (!scope.IsAdmin && scope.OrganizationId != r.OrganizationId)
            v.Add("organizationId", "Error.NotYourOrganization");
        if (r.DepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.OrganizationId, ct))
            v.Add("departmentId", "Error.UnknownDepartment");
        if (r.Email is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
            v.Add("email", "Error.Email");
        if (r.IndependentPracticeSince is { } since && since > DateOnly.FromDateTime(db.Clock.GetLocalNow().Date))
            v.Add("independentPracticeSince", "Consult.PracticeSinceInFuture");
        v.ThrowIfAny();
    }

    private static void Apply(Person p, SavePersonRequest r)
    {
        p.OrganizationId = r.OrganizationId!.Value;
        p.DepartmentId = r.DepartmentId;
        p.Name = r.Name!.Trim();
        p.Title = r.Title;
        p.TitleLevel = r.TitleLevel!.Value;
        p.Specialty = r.Specialty;
        p.Phone = r.Phone;
        p.Email = r.Email;
        p.LicenceNumber = string.IsNullOrWhiteSpace(r.LicenceNumber) ? null : r.LicenceNumber.Trim();
        p.IndependentPracticeSince = r.IndependentPracticeSince;
    }

    private static IQueryable<PersonDto> Project(IQueryable<Person> q) =>
        q.Select(p => new PersonDto(p.Id, p.OrganizationId, p.Organization!.Name, p.DepartmentId, p.Department != null ? p.Department.Name : null,
            p.Name, p.Title, p.TitleLevel, p.Specialty, p.Phone, p.Email, p.Version, p.LicenceNumber, p.IndependentPracticeSince));
}
