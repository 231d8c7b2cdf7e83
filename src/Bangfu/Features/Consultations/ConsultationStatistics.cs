using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Consultations;

/// Counts, durations and fees of submitted consultations. Everything is aggregated in SQL; a percentile is read by
/// letting the database sort the durations and fetching the one or two values at the rank wanted, so no set of rows
/// is ever loaded. Commissions read their region here, and nothing about a patient.
public sealed class ConsultationStatistics(AppDbContextFactory dbf)
{
    /// Administrators read all, commissions their region, everybody else the consultations of their organization.
    public static IQueryable<Consultation> InScope(AppDbContext db, AccessScope scope)
    {
        var submitted = db.Consultations.Where(c => c.FirstSubmittedAt != null);
        if (scope.IsAdmin)
            return submitted;
        if (scope.ReadsRegion)
            return submitted.Where(c => c.InvitingOrganization!.RegionCode.StartsWith(scope.RegionPrefix!) || c.InvitedOrganization!.RegionCode.StartsWith(scope.RegionPrefix!));
        if (scope.OrganizationId is not { } org)
            return submitted.Where(c => false);
        return submitted.Where(c => c.InvitingOrganizationId == org || c.InvitedOrganizationId == org);
    }

    public async Task<ConsultationStatsDto> GetAsync(AccessScope scope, DateOnly? from, DateOnly? to, int? organizationId, string? regionCode, CancellationToken ct)
    {
        var v = new Validation().DateOrder("to", from, to);
        if (regionCode is not null)
            v.RegionCode("regionCode", regionCode);
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = InScope(db, scope).AsNoTracking();
        if (from is { } f)
            q = q.Where(c => c.SubmittedOn >= f);
        if (to is { } t)
            q = q.Where(c => c.SubmittedOn <= t);
        if (organizationId is { } org)
            q = q.Where(c => c.InvitingOrganizationId == org || c.InvitedOrganizationId == org);
        if (regionCode is not null)
        {
            var prefix = AccessScope.RegionPrefixOf(regionCode);
            q = q.Where(c => c.InvitingOrganization!.RegionCode.StartsWith(prefix) || c.InvitedOrganization!.RegionCode.StartsWith(prefix));
        }

        var byType = await q.GroupBy(c => c.Type).Select(g => new TypeCount(g.Key, g.Count())).ToListAsync(ct);
        var byState = await q.GroupBy(c => c.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync(ct);
        var inviting = await q.GroupBy(c => c.InvitingOrganizationId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var invited = await q.GroupBy(c => c.InvitedOrganizationId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = inviting.Select(x => x.Id).Union(invited.Select(x => x.Id)).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var byOrganization = ids
            .Select(id => new OrganizationCount(id, names.GetValueOrDefault(id, ""), inviting.FirstOrDefault(x => x.Id == id)?.Count ?? 0,
                invited.FirstOrDefault(x => x.Id == id)?.Count ?? 0))
            .OrderByDescending(o => o.Inviting + o.Invited).ThenBy(o => o.OrganizationName, StringComparer.Ordinal).ToList();
        var feesSigned = await q.Where(c => c.SignedAt != null).SumAsync(c => c.FeeFen ?? 0, ct);
        var feesRequested = await q.Where(c => c.State != ConsultationState.Cancelled && c.State != ConsultationState.Declined).SumAsync(c => c.FeeFen ?? 0, ct);
        return new ConsultationStatsDto(
            byType.Sum(x => x.Count),
            byType.OrderBy(x => x.Type).ToList(),
            byState.OrderBy(x => x.State).ToList(),
            byOrganization,
            await Durations.OfAsync(q.Where(c => c.WaitingMinutes != null).Select(c => c.WaitingMinutes!.Value), ct),
            await Durations.OfAsync(q.Where(c => c.TurnaroundMinutes != null).Select(c => c.TurnaroundMinutes!.Value), ct),
            feesSigned / 100m,
            feesRequested / 100m);
    }
}
