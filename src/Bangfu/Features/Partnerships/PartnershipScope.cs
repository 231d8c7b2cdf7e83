using Bangfu.Common;
using Bangfu.Data;

namespace Bangfu.Features.Partnerships;

/// The scope rules for partnership records, as composable queries (they run in SQL, never in C#).
public static class PartnershipScope
{
    /// Partnerships the caller may read: all (administrator), those with a party in the region (commission),
    /// or those its organization takes part in.
    public static IQueryable<Partnership> Visible(this AppDbContext db, AccessScope scope)
    {
        var all = db.Partnerships;
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

    /// Administrators change everything; an organization's administrator changes the partnerships it is in.
    public static bool CanChange(AccessScope scope, Partnership partnership) =>
        scope.IsAdmin || (scope.IsOrgAdmin && partnership.Parties.Any(p => p.DeletedAt == null && p.OrganizationId == scope.OrganizationId));
}
