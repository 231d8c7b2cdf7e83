using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Partnerships;

/// The scope rules for partnership records, as composable queries (they run in SQL, never in C#).
public static class PartnershipScope
{
    /// Partnerships the caller may read: all (administrator), those with a party in the region (commission),
    /// or those its organization takes part in. Only partnerships in force and their confirmed parties count
    /// (the InForce query filter), so a proposal grants nothing through any path built on this.
    public static IQueryable<Partnership> Visible(this AppDbContext db, AccessScope scope) => db.Partnerships.ScopedTo(scope);

    /// As Visible, but proposals and declined partnerships too, and a pending party sees the proposal naming it: to
    /// read the partnership itself (name, kind, proposer, parties) and decide, never its records.
    public static IQueryable<Partnership> VisibleWithProposals(this AppDbContext db, AccessScope scope) =>
        db.Partnerships.IgnoreQueryFilters([PartnershipFilters.InForce]).ScopedTo(scope);

    private static IQueryable<Partnership> ScopedTo(this IQueryable<Partnership> all, AccessScope scope)
    {
        if (scope.IsAdmin)
            return all;
        if (scope.ReadsRegion)
            return all.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.Organization!.RegionCode.StartsWith(scope.RegionPrefix!)));
        if (scope.OrganizationId is not { } org)
            return all.Where(p => false);
        return all.Where(p => p.Parties.Any(x => x.DeletedAt == null && x.OrganizationId == org));
    }

    /// Organizations that share a partnership with the caller's organization (its own included).
    public static IQueryable<int> PartnerOrganizationIds(this AppDbContext db, int organizationId) =>
        from mine in db.PartnershipParties
        where mine.OrganizationId == organizationId && mine.Partnership!.DeletedAt == null
        join other in db.PartnershipParties on mine.PartnershipId equals other.PartnershipId
        select other.OrganizationId;

    /// The records of the partnerships the caller may read.
    public static IQueryable<T> OfVisiblePartnerships<T>(this IQueryable<T> records, AppDbContext db, AccessScope scope) where T : class, IPartnershipRecord
    {
        var visible = db.Visible(scope).Select(p => p.Id);
        return records.Where(r => visible.Contains(r.PartnershipId));
    }

    /// Administrators, and administrators of a confirmed party organization of a partnership in force, change a
    /// partnership's records (403 for others).
    public static async Task EnsureCanChangeAsync(this AppDbContext db, AccessScope scope, int partnershipId, CancellationToken ct)
    {
        if (scope.IsAdmin)
            return;
        var isParty = scope.IsOrgAdmin && await db.PartnershipParties.AnyAsync(p => p.PartnershipId == partnershipId && p.OrganizationId == scope.OrganizationId, ct);
        if (!isParty)
            throw new AccessDeniedException();
    }

    /// A record the caller can see, loaded to be changed: null when it cannot see it (a 404), 403 when it may see but not
    /// change it. The one way the per-partnership services (techniques, courses, trainees, meetings) open a record.
    public static async Task<T?> FindToChangeAsync<T>(this IQueryable<T> visible, AppDbContext db, AccessScope scope, int id, CancellationToken ct)
        where T : class, IPartnershipRecord
    {
        var record = await visible.FirstOrDefaultAsync(r => EF.Property<int>(r, "Id") == id, ct);
        if (record is not null)
            await db.EnsureCanChangeAsync(scope, record.PartnershipId, ct);
        return record;
    }

    /// Checks a correction (field errors first, then the version the caller read), applies it and saves it.
    /// False when there is no such record for the caller.
    public static async Task<bool> CorrectAsync<T>(this AppDbContext db, T? record, int? version, Func<Task> check, Action<T> apply, CancellationToken ct)
        where T : class, IVersioned
    {
        if (record is null)
            return false;
        await check();
        VersionCheck.Ensure(record, version);
        apply(record);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Marks a record deleted (it stays in the history). False when there is no such record for the caller.
    public static async Task<bool> SoftDeleteAsync<T>(this AppDbContext db, T? record, TimeProvider clock, CancellationToken ct)
        where T : class, ISoftDeletable
    {
        if (record is null)
            return false;
        record.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// The party organizations of a partnership the caller records into: a field error when the caller cannot see it,
    /// 403 when it may not change it.
    public static async Task<IReadOnlyList<int>> PartiesToRecordIntoAsync(this AppDbContext db, AccessScope scope, int partnershipId, CancellationToken ct)
    {
        var parties = await db.Visible(scope).Where(p => p.Id == partnershipId)
            .Select(p => p.Parties.Where(x => x.DeletedAt == null).Select(x => x.OrganizationId).ToList())
            .FirstOrDefaultAsync(ct);
        if (parties is null)
            new Validation().Add("partnershipId", "Error.UnknownPartnership").ThrowIfAny();
        await db.EnsureCanChangeAsync(scope, partnershipId, ct);
        return parties!;
    }

    /// Administrators change everything; an organization's administrator changes the partnerships (and proposals) its
    /// organization is a confirmed party of. The parties must be loaded with the InForce filter off.
    public static bool CanChange(AccessScope scope, Partnership partnership) =>
        scope.IsAdmin || (scope.IsOrgAdmin && partnership.Parties.Any(p => p.DeletedAt == null && p.Consent == PartyConsent.Confirmed
            && p.OrganizationId == scope.OrganizationId));

    /// Who answers for a party's side: a system administrator, that organization's administrator, or the commission
    /// whose region holds it.
    public static bool CanDecideFor(AccessScope scope, int organizationId, string regionCode) =>
        scope.IsAdmin
        || (scope.IsOrgAdmin && scope.OrganizationId == organizationId)
        || (scope.ReadsRegion && regionCode.StartsWith(scope.RegionPrefix!, StringComparison.Ordinal));
}
