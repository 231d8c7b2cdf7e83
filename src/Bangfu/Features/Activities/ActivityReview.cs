using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Activities;

public sealed record ReviewItemDto(long Id, int PartnershipId, string PartnershipName, int HostOrganizationId, string HostOrganizationName, int? ExpertId,
    string? ExpertName, ActivityKind Kind, DateOnly Date, bool IsMonthlyTotal, int Quantity, ActivityUnit Unit, ActivityReviewStatus Status,
    IReadOnlyList<string> Warnings, string? Reason, int Version);

public sealed record ReviewDecisionRequest(string? Reason);

/// A coordinator's correction of a warned row: the new values (with the version read) and why.
public sealed record ReviewCorrectionRequest(SaveActivityRequest? Activity, string? Reason);

public sealed record PlausibilityRuleDto(int Id, PlausibilityCheck Check, ActivityKind? Kind, int? WarnAbove, int? RefuseAbove, PlausibilityAction Action, int Version);

public sealed record SavePlausibilityRuleRequest(int? WarnAbove, int? RefuseAbove, PlausibilityAction? Action, int? Version);

/// The coordinator's review queue of 待核实 entries (scoped to the partnerships the caller may change), the expert's
/// sent-back list, and the rule table an administrator edits.
public sealed class ActivityReviewService(AppDbContextFactory dbf, ActivityService activities, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int MaxListed = 200;

    public static void Mark(Activity activity, string? warnings)
    {
        activity.ReviewStatus = warnings is null ? ActivityReviewStatus.None : ActivityReviewStatus.Pending;
        activity.ReviewWarnings = warnings;
        activity.ReviewReason = null;
        activity.ReviewedBy = null;
        activity.ReviewedAt = null;
    }

    /// Entries not yet reviewed among the given partnerships: the figure the dashboard and the summary state.
    public static Task<int> UnreviewedCountAsync(AppDbContext db, IQueryable<int> partnerships, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.Activities.AsNoTracking()
            .Where(a => a.ReviewStatus == ActivityReviewStatus.Pending && partnerships.Contains(a.PartnershipId) && a.Date >= from && a.Date <= to)
            .CountAsync(ct);

    public async Task<IReadOnlyList<ReviewItemDto>> PendingAsync(AccessScope scope, int? partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = Reviewable(db, scope).Where(a => a.ReviewStatus == ActivityReviewStatus.Pending);
        if (partnershipId is { } pid)
            q = q.Where(a => a.PartnershipId == pid);
        return await ProjectAsync(q.OrderBy(a => a.Date).ThenBy(a => a.Id).Take(MaxListed), ct);
    }

    /// The caller's own entries a coordinator sent back, with the reason.
    public async Task<IReadOnlyList<ReviewItemDto>> SentBackAsync(AccessScope scope, CancellationToken ct)
    {
        if (scope.PersonId is not { } person)
            return [];
        await using var db = dbf.CreateFor(scope);
        var q = ActivityService.Visible(db, scope).Where(a => a.ExpertId == person && a.ReviewStatus == ActivityReviewStatus.SentBack);
        return await ProjectAsync(q.OrderByDescending(a => a.ReviewedAt).ThenBy(a => a.Id).Take(MaxListed), ct);
    }

    public Task<bool> AcceptAsync(AccessScope scope, long id, ReviewDecisionRequest request, CancellationToken ct) =>
        DecideAsync(scope, id, ActivityReviewStatus.Accepted, request.Reason, reasonRequired: false, ct);

    public Task<bool> SendBackAsync(AccessScope scope, long id, ReviewDecisionRequest request, CancellationToken ct) =>
        DecideAsync(scope, id, ActivityReviewStatus.SentBack, request.Reason, reasonRequired: true, ct);

    /// Writes the corrected values through ActivityService (every check and the rollup apply) and records the
    /// correction as the review's outcome, in one transaction: a refused correction leaves the entry as it was.
    public async Task<bool> CorrectAsync(AccessScope scope, long id, ReviewCorrectionRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await Reviewable(db, scope).AnyAsync(a => a.Id == id, ct))
            return false;
        var v = new Validation().Required("reason", request.Reason, 500);
        if (request.Activity is null)
            v.Add("activity", "Error.Required");
        v.ThrowIfAny();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await activities.SaveLinkedAsync(db, scope,
            new BulkActivitiesRequest(null, [new ActivityChange(id, request.Activity! with { Reason = request.Reason })]), ct);
        var activity = await db.Activities.FirstAsync(a => a.Id == id, ct);
        Decide(activity, scope, ActivityReviewStatus.Accepted, request.Reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<PlausibilityRuleDto>> RulesAsync(AccessScope scope, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await db.PlausibilityRules.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new PlausibilityRuleDto(r.Id, r.Check, r.Kind, r.WarnAbove, r.RefuseAbove, r.Action, r.Version)).ToListAsync(ct);
    }

    public async Task<PlausibilityRuleDto?> SaveRuleAsync(AccessScope scope, int id, SavePlausibilityRuleRequest r, CancellationToken ct)
    {
        if (!scope.IsAdmin)
            throw new AccessDeniedException();
        await using var db = dbf.CreateFor(scope);
        var rule = await db.PlausibilityRules.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (rule is null)
            return null;
        var v = new Validation();
        var counts = rule.Check is PlausibilityCheck.PerExpertDay or PlausibilityCheck.PerHostMonth;
        if (counts)
        {
            if (r.WarnAbove is < 0)
                v.Add("warnAbove", "Error.MustBePositive");
            if (r.RefuseAbove is < 0)
                v.Add("refuseAbove", "Error.MustBePositive");
            if (r.WarnAbove is { } w && r.RefuseAbove is { } f && f < w)
                v.Add("refuseAbove", "Plausibility.RefuseBelowWarn");
        }
        else
            v.Defined("action", r.Action);
        v.ThrowIfAny();
        VersionCheck.Ensure(rule, r.Version);
        if (counts)
            (rule.WarnAbove, rule.RefuseAbove) = (r.WarnAbove, r.RefuseAbove);
        else
            rule.Action = r.Action!.Value;
        rule.Version++;
        await db.SaveChangesAsync(ct);
        return new PlausibilityRuleDto(rule.Id, rule.Check, rule.Kind, rule.WarnAbove, rule.RefuseAbove, rule.Action, rule.Version);
    }

    private async Task<bool> DecideAsync(AccessScope scope, long id, ActivityReviewStatus outcome, string? reason, bool reasonRequired, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var activity = await Reviewable(db, scope).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
            return false;
        var v = new Validation();
        if (reasonRequired)
            v.Required("reason", reason, 500);
        else
            v.Optional("reason", reason, 500);
        v.ThrowIfAny();
        if (activity.ReviewStatus != ActivityReviewStatus.Pending)
            throw new DomainRuleException("Plausibility.NotPending");
        Decide(activity, scope, outcome, reason);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Decide(Activity activity, AccessScope scope, ActivityReviewStatus outcome, string? reason)
    {
        activity.ReviewStatus = outcome;
        activity.ReviewReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        activity.ReviewedBy = scope.UserName;
        activity.ReviewedAt = clock.GetUtcNow();
    }

    /// Rows of the partnerships the caller may change (ADR 0012's rule): everything for an administrator, the
    /// partnerships its organization is a party of for an organization's administrator, nothing for others (a 404).
    private static IQueryable<Activity> Reviewable(AppDbContext db, AccessScope scope)
    {
        var visible = db.Activities.OfVisiblePartnerships(db, scope);
        if (scope.IsAdmin)
            return visible;
        if (!scope.IsOrgAdmin || scope.OrganizationId is not { } org)
            return visible.Where(_ => false);
        return visible.Where(a => db.PartnershipParties.Any(p => p.PartnershipId == a.PartnershipId && p.OrganizationId == org && p.DeletedAt == null));
    }

    private async Task<IReadOnlyList<ReviewItemDto>> ProjectAsync(IQueryable<Activity> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().Select(a => new
        {
            a.Id,
            a.PartnershipId,
            Partnership = a.Partnership!.Name,
            a.HostOrganizationId,
            Host = a.HostOrganization!.Name,
            a.ExpertId,
            Expert = a.Expert != null ? a.Expert.Name : null,
            a.Kind,
            a.Date,
            a.IsMonthlyTotal,
            a.Quantity,
            a.Unit,
            a.ReviewStatus,
            a.ReviewWarnings,
            a.ReviewReason,
            a.Version,
        }).ToListAsync(ct);
        return rows.Select(a => new ReviewItemDto(a.Id, a.PartnershipId, a.Partnership, a.HostOrganizationId, a.Host, a.ExpertId, a.Expert, a.Kind, a.Date,
            a.IsMonthlyTotal, a.Quantity, a.Unit, a.ReviewStatus,
            ActivityPlausibility.Decode(a.ReviewWarnings).Select(w => t[w.Key, w.Args].Value).ToList(), a.ReviewReason, a.Version)).ToList();
    }
}
