using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Organizations;

public sealed record DepartmentDto(int Id, string Name, int Version);

public sealed record OrganizationDto(
    int Id, string Name, string? ShortName, OrganizationKind Kind, HospitalGrade Grade, string RegionCode, string? Address,
    bool IsRuralRevitalizationKeyCounty, bool IsThreeRegionsThreePrefectures, IReadOnlyList<DepartmentDto> Departments, int Version,
    bool IsProposed = false);

/// An organization a coordinator proposed for the registry, as its proposer and the ones who decide on it see it.
public sealed record OrganizationProposal(int Id, string Name, string? ShortName, OrganizationKind Kind, HospitalGrade Grade, string RegionCode,
    string? ProposedBy, string? ProposedByOrganization, bool CanDecide, int Version);

public sealed record OrganizationListItem(int Id, string Name, string? ShortName, OrganizationKind Kind, HospitalGrade Grade, string RegionCode,
    bool IsRuralRevitalizationKeyCounty, bool IsThreeRegionsThreePrefectures);

public sealed record OrganizationQuery(string? Q = null, OrganizationKind? Kind = null, HospitalGrade? Grade = null, string? RegionPrefix = null);

public sealed record SaveOrganizationRequest(
    string? Name, string? ShortName, OrganizationKind? Kind, HospitalGrade? Grade, string? RegionCode, string? Address,
    bool IsRuralRevitalizationKeyCounty = false, bool IsThreeRegionsThreePrefectures = false, int? Version = null);

public sealed record DecideOrganizationRequest(int? Version);

public sealed record SaveDepartmentRequest(string? Name, int? Version = null);

/// The organization directory is readable by every signed-in user (partners must be found to be named);
/// only administrators and the organization's own administrators change an organization. The registry is shared, so
/// only system administrators and a region's commission add to it; a coordinator proposes, and they decide.
public sealed class OrganizationService(AppDbContextFactory dbf)
{
    public static readonly string[] Sortable = ["name", "regionCode", "kind", "grade"];
    public const int MaxProposalsListed = 200;

    public static bool CanCreate(AccessScope scope) => scope.IsAdmin || scope.ReadsRegion || (scope.IsOrgAdmin && scope.OrganizationId is not null);

    /// Whether a caller's new organization goes straight into the registry or waits as a proposal.
    public static bool CreatesProposal(AccessScope scope) => !scope.IsAdmin && !scope.ReadsRegion;

    public static bool CanDecide(AccessScope scope, string regionCode) =>
        scope.IsAdmin || (scope.ReadsRegion && regionCode.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal));

    public async Task<Page<OrganizationListItem>> ListAsync(AccessScope scope, OrganizationQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        if (query.RegionPrefix is { } rp && (rp.Length > 6 || !rp.All(char.IsAsciiDigit)))
            v.Add("regionPrefix", "Error.RegionPrefix");
        v.ThrowIfAny();

        await using var db = dbf.CreateFor(scope);
        var q = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
            q = q.Where(o => o.Name.Contains(query.Q) || (o.ShortName != null && o.ShortName.Contains(query.Q)));
        if (query.Kind is { } kind)
            q = q.Where(o => o.Kind == kind);
        if (query.Grade is { } grade)
            q = q.Where(o => o.Grade == grade);
        if (!string.IsNullOrEmpty(query.RegionPrefix))
            q = q.Where(o => o.RegionCode.StartsWith(query.RegionPrefix));
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() switch
        {
            "regioncode" => q.SortBy(o => o.RegionCode, page.Desc).ThenBy(o => o.Id),
            "kind" => q.SortBy(o => o.Kind, page.Desc).ThenBy(o => o.Id),
            "grade" => q.SortBy(o => o.Grade, page.Desc).ThenBy(o => o.Id),
            _ => q.SortBy(o => o.Name, page.Desc).ThenBy(o => o.Id),
        };
        var items = await q.TakePage(page)
            .Select(o => new OrganizationListItem(o.Id, o.Name, o.ShortName, o.Kind, o.Grade, o.RegionCode, o.IsRuralRevitalizationKeyCounty, o.IsThreeRegionsThreePrefectures))
            .ToListAsync(ct);
        return new Page<OrganizationListItem>(items, total);
    }

    public async Task<OrganizationDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(db.Organizations.AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(ct)
            ?? await Project(ProposalsFor(db, scope).AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<OrganizationDto> Project(IQueryable<Organization> q) =>
        q.Select(o => new OrganizationDto(o.Id, o.Name, o.ShortName, o.Kind, o.Grade, o.RegionCode, o.Address,
            o.IsRuralRevitalizationKeyCounty, o.IsThreeRegionsThreePrefectures,
            o.Departments.Where(d => d.DeletedAt == null).OrderBy(d => d.Name).Select(d => new DepartmentDto(d.Id, d.Name, d.Version)).ToList(),
            o.Version, o.IsProposed));

    /// Administrators and commissions add to the registry (a commission within its region); an organization's
    /// administrator proposes, and the organization waits for them.
    public async Task<OrganizationDto> CreateAsync(AccessScope scope, SaveOrganizationRequest request, CancellationToken ct)
    {
        if (!CanCreate(scope))
            throw new AccessDeniedException();
        var v = Check(request);
        if (scope.ReadsRegion && request.RegionCode is { } code && !code.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal))
            v.Add("regionCode", "Error.RegionOutsideScope");
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var org = new Organization { Name = request.Name!.Trim(), RegionCode = request.RegionCode! };
        Apply(org, request);
        if (CreatesProposal(scope))
        {
            org.IsProposed = true;
            org.ProposedBy = scope.UserName;
            org.ProposedByOrganizationId = scope.OrganizationId;
        }
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, org.Id, ct))!;
    }

    /// Proposals the caller decides on (all for an administrator, its region's for a commission) or made itself.
    private static IQueryable<Organization> ProposalsFor(AppDbContext db, AccessScope scope)
    {
        var q = db.Organizations.IgnoreQueryFilters().Where(o => o.DeletedAt == null && o.IsProposed);
        if (scope.IsAdmin)
            return q;
        var own = scope.OrganizationId;
        if (scope.ReadsRegion)
            return q.Where(o => o.RegionCode.StartsWith(scope.RegionPrefix!) || (own != null && o.ProposedByOrganizationId == own));
        return own is null ? q.Where(o => false) : q.Where(o => o.ProposedByOrganizationId == own);
    }

    public async Task<IReadOnlyList<OrganizationProposal>> ProposalsAsync(AccessScope scope, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var rows = await ProposalsFor(db, scope).AsNoTracking().OrderBy(o => o.Id).Take(MaxProposalsListed)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.ShortName,
                o.Kind,
                o.Grade,
                o.RegionCode,
                o.ProposedBy,
                o.Version,
                Proposer = db.Organizations.Where(p => p.Id == o.ProposedByOrganizationId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(o => new OrganizationProposal(o.Id, o.Name, o.ShortName, o.Kind, o.Grade, o.RegionCode, o.ProposedBy, o.Proposer,
            CanDecide(scope, o.RegionCode), o.Version)).ToList();
    }

    /// Accepts a proposal into the registry. Null when the caller cannot see it; 403 for its proposer; 409 when it
    /// is no longer a proposal.
    public async Task<OrganizationDto?> AcceptAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var org = await FindProposalAsync(db, scope, id, ct);
        if (org is null)
            return null;
        if (!CanDecide(scope, org.RegionCode))
            throw new AccessDeniedException();
        VersionCheck.Ensure(org, version);
        org.IsProposed = false;
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    /// Declines a proposal, or withdraws it when its proposer asks; it stays in the history as deleted.
    public async Task<bool> DeclineAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var org = await FindProposalAsync(db, scope, id, ct);
        if (org is null)
            return false;
        var isProposer = scope.IsOrgAdmin && scope.OrganizationId is not null && org.ProposedByOrganizationId == scope.OrganizationId;
        if (!CanDecide(scope, org.RegionCode) && !isProposer)
            throw new AccessDeniedException();
        VersionCheck.Ensure(org, version);
        org.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static async Task<Organization?> FindProposalAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var org = await ProposalsFor(db, scope).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null && await db.Organizations.AnyAsync(o => o.Id == id, ct))
            throw new DomainRuleException("Rule.OrganizationNotProposed");
        return org;
    }

    public async Task<OrganizationDto?> UpdateAsync(AccessScope scope, int id, SaveOrganizationRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
            return null;
        EnsureCanChange(scope, id);
        Check(request).ThrowIfAny();
        VersionCheck.Ensure(org, request.Version);
        Apply(org, request);
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
            return false;
        EnsureCanChange(scope, id);
        if (version is not null)
            VersionCheck.Ensure(org, version);
        // A proposal naming it counts too: the party row would point at nothing.
        if (await db.PartnershipParties.IgnoreQueryFilters([PartnershipFilters.InForce]).AnyAsync(p => p.OrganizationId == id && p.Partnership!.DeletedAt == null, ct))
            throw new DomainRuleException("Rule.OrganizationInPartnership");
        if (await db.People.AnyAsync(p => p.OrganizationId == id, ct))
            throw new DomainRuleException("Rule.OrganizationHasPeople");
        org.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<DepartmentDto?> AddDepartmentAsync(AccessScope scope, int organizationId, SaveDepartmentRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
            return null;
        EnsureCanChange(scope, organizationId);
        new Validation().Required("name", request.Name, 60).ThrowIfAny();
        var name = request.Name!.Trim();
        if (await db.Departments.AnyAsync(d => d.OrganizationId == organizationId && d.Name == name, ct))
            throw new DomainRuleException("Rule.DuplicateDepartment", name);
        var dept = new Department { OrganizationId = organizationId, Name = name };
        db.Departments.Add(dept);
        await SaveDepartmentAsync(db, scope, dept, ct);
        return new DepartmentDto(dept.Id, dept.Name, dept.Version);
    }

    public async Task<DepartmentDto?> UpdateDepartmentAsync(AccessScope scope, int organizationId, int departmentId, SaveDepartmentRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dept = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId && d.OrganizationId == organizationId, ct);
        if (dept is null)
            return null;
        EnsureCanChange(scope, organizationId);
        new Validation().Required("name", request.Name, 60).ThrowIfAny();
        VersionCheck.Ensure(dept, request.Version);
        var name = request.Name!.Trim();
        if (await db.Departments.AnyAsync(d => d.OrganizationId == organizationId && d.Name == name && d.Id != departmentId, ct))
            throw new DomainRuleException("Rule.DuplicateDepartment", name);
        dept.Name = name;
        await SaveDepartmentAsync(db, scope, dept, ct);
        return new DepartmentDto(dept.Id, dept.Name, dept.Version);
    }

    /// Two simultaneous saves of one name both pass the check before them; the unique index stops the later one,
    /// which must then hear the same 409 as if it had come second.
    private async Task SaveDepartmentAsync(AppDbContext db, AccessScope scope, Department dept, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var check = dbf.CreateFor(scope);
            if (await check.Departments.AnyAsync(d => d.OrganizationId == dept.OrganizationId && d.Name == dept.Name && d.Id != dept.Id, ct))
                throw new DomainRuleException("Rule.DuplicateDepartment", dept.Name);
            throw;
        }
    }

    public async Task<bool> DeleteDepartmentAsync(AccessScope scope, int organizationId, int departmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var dept = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId && d.OrganizationId == organizationId, ct);
        if (dept is null)
            return false;
        EnsureCanChange(scope, organizationId);
        if (await db.People.AnyAsync(p => p.DepartmentId == departmentId, ct))
            throw new DomainRuleException("Rule.DepartmentHasPeople");
        dept.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static bool CanChange(AccessScope scope, int organizationId) =>
        scope.IsAdmin || (scope.IsOrgAdmin && scope.OrganizationId == organizationId);

    private static void EnsureCanChange(AccessScope scope, int organizationId)
    {
        if (!CanChange(scope, organizationId))
            throw new AccessDeniedException();
    }

    private static Validation Check(SaveOrganizationRequest r) =>
        new Validation()
            .Required("name", r.Name, 100)
            .Optional("shortName", r.ShortName, 40)
            .Defined("kind", r.Kind)
            .RegionCode("regionCode", r.RegionCode)
            .Optional("address", r.Address, 200);

    private static void Apply(Organization org, SaveOrganizationRequest r)
    {
        org.Name = r.Name!.Trim();
        org.ShortName = string.IsNullOrWhiteSpace(r.ShortName) ? null : r.ShortName.Trim();
        org.Kind = r.Kind!.Value;
        org.Grade = r.Grade ?? HospitalGrade.Ungraded;
        org.RegionCode = r.RegionCode!;
        org.Address = r.Address;
        org.IsRuralRevitalizationKeyCounty = r.IsRuralRevitalizationKeyCounty;
        org.IsThreeRegionsThreePrefectures = r.IsThreeRegionsThreePrefectures;
    }
}
