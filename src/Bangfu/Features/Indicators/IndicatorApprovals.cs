using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Indicators;

/// Approval of an organization's figures per year or month: Open → Submitted → Approved, Approved → Open by an
/// administrator only. Approved locks every figure whose period lies inside.
public sealed partial class IndicatorService
{
    public async Task<ApprovalDto?> GetApprovalAsync(AccessScope scope, int organizationId, string? period, CancellationToken ct)
    {
        var p = ApprovalPeriod(period);
        await using var db = dbf.CreateFor(scope);
        if (!await CanReadAsync(db, scope, organizationId, ct))
            return null;
        var approval = await db.PeriodApprovals.AsNoTracking().Include(a => a.Steps)
            .FirstOrDefaultAsync(a => a.OrganizationId == organizationId && a.PeriodType == p.Type && a.PeriodStart == p.Start, ct);
        return await ToDtoAsync(db, scope, organizationId, p, approval, ct);
    }

    public async Task<ApprovalDto?> TransitionAsync(AccessScope scope, ApprovalRequest request, CancellationToken ct)
    {
        var v = new Validation();
        if (request.OrganizationId is null)
            v.Add("organizationId", "Error.Required");
        v.Defined("action", request.Action).ThrowIfAny();
        var p = ApprovalPeriod(request.Period);
        var org = request.OrganizationId!.Value;
        await using var db = dbf.CreateFor(scope);
        if (!await CanReadAsync(db, scope, org, ct))
            return null;
        var approval = await db.PeriodApprovals.Include(a => a.Steps)
            .FirstOrDefaultAsync(a => a.OrganizationId == org && a.PeriodType == p.Type && a.PeriodStart == p.Start, ct);
        if (approval is null)
        {
            approval = new PeriodApproval { OrganizationId = org, PeriodType = p.Type, PeriodStart = p.Start, State = ApprovalState.Open };
            db.PeriodApprovals.Add(approval);
        }
        var action = request.Action!.Value;
        if (!(await AllowedActionsAsync(db, scope, org, p, approval.State, ct)).Contains(action))
        {
            // Who may never do this gets 403; a partner outside its partnership's dates hears why; a step the state
            // does not allow is a 409.
            if (action == ApprovalAction.Submit && await CanWriteAsync(db, scope, org, ct) && !await CanWriteAsync(db, scope, org, p, ct))
                new Validation().Add("period", "Indicators.OutsidePartnership", p.ToString()).ThrowIfAny();
            if (!(await PermittedActionsAsync(db, scope, org, p, ct)).Contains(action))
                throw new AccessDeniedException();
            throw new DomainRuleException("Indicators.IllegalTransition", approval.State.ToString(), action.ToString());
        }
        var to = action switch
        {
            ApprovalAction.Submit => ApprovalState.Submitted,
            ApprovalAction.Approve => ApprovalState.Approved,
            _ => ApprovalState.Open,
        };
        approval.Steps.Add(new ApprovalStep { From = approval.State, To = to, By = scope.UserName, At = clock.GetUtcNow() });
        approval.State = to;
        await SaveOrConflictAsync(db, ct);
        return await ToDtoAsync(db, scope, org, p, approval, ct);
    }

    private static Period ApprovalPeriod(string? text)
    {
        if (!Period.TryParse(text, out var p))
            new Validation().Add("period", "Indicators.BadPeriod").ThrowIfAny();
        if (p.Type == PeriodType.Quarter)
            new Validation().Add("period", "Indicators.ApprovalPeriod").ThrowIfAny();
        return p;
    }

    private static async Task<HashSet<ApprovalAction>> PermittedActionsAsync(AppDbContext db, AccessScope scope, int org, Period p, CancellationToken ct)
    {
        var actions = new HashSet<ApprovalAction>();
        if (await CanWriteAsync(db, scope, org, p, ct))
            actions.Add(ApprovalAction.Submit);
        if (await CanApproveAsync(db, scope, org, ct))
        {
            actions.Add(ApprovalAction.Approve);
            actions.Add(ApprovalAction.Return);
        }
        if (scope.IsAdmin)
            actions.Add(ApprovalAction.Reopen);
        return actions;
    }

    private static async Task<IReadOnlyList<ApprovalAction>> AllowedActionsAsync(AppDbContext db, AccessScope scope, int org, Period p, ApprovalState state, CancellationToken ct)
    {
        var permitted = await PermittedActionsAsync(db, scope, org, p, ct);
        ApprovalAction[] byState = state switch
        {
            ApprovalState.Open => [ApprovalAction.Submit],
            ApprovalState.Submitted => [ApprovalAction.Approve, ApprovalAction.Return],
            _ => [ApprovalAction.Reopen],
        };
        return byState.Where(permitted.Contains).ToList();
    }

    private static async Task<ApprovalDto> ToDtoAsync(AppDbContext db, AccessScope scope, int org, Period p, PeriodApproval? approval, CancellationToken ct)
    {
        var state = approval?.State ?? ApprovalState.Open;
        var approved = await db.PeriodApprovals.AsNoTracking()
            .Where(a => a.OrganizationId == org && a.State == ApprovalState.Approved)
            .Select(a => new { a.PeriodType, a.PeriodStart }).ToListAsync(ct);
        var locked = approved.Any(a => new Period(a.PeriodType, a.PeriodStart).Contains(p));
        var steps = (approval?.Steps ?? []).OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new ApprovalStepDto(s.From, s.To, s.By, s.At)).ToList();
        return new ApprovalDto(org, p.ToString(), state, steps, await AllowedActionsAsync(db, scope, org, p, state, ct), locked, await CanWriteAsync(db, scope, org, p, ct));
    }
}
