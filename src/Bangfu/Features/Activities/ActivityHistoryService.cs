using System.Text.Json;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

/// An activity's changes as the audit trail holds them (ADR 0015), with the reason each correction gave: the
/// correction stores its reason on the row, so the trail that already keeps before and after keeps the reason too.
public sealed class ActivityHistoryService(AppDbContextFactory dbf)
{
    /// Null when the caller cannot see the activity; a withdrawn one keeps its history.
    public async Task<IReadOnlyList<ActivityChangeDto>?> ListAsync(AccessScope scope, long id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        // Read apart from the visibility check: ignoring the filters in one query would ignore the partnerships' too.
        var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.PartnershipId, a.ExpertId }).FirstOrDefaultAsync(ct);
        if (activity is null || !await db.Visible(scope).AnyAsync(p => p.Id == activity.PartnershipId, ct)
            || (scope.IsExpert && (activity.ExpertId is null || activity.ExpertId != scope.PersonId)))
            return null;
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Category == AuditCategory.Data && e.EntityType == nameof(Activity) && e.EntityId == entityId)
            .OrderBy(e => e.Id)
            .Select(e => new { e.At, e.UserName, e.Action, e.Before, e.Changes })
            .ToListAsync(ct);
        // A row's snapshot names only what changed: a second correction with the same reason as the first leaves the
        // reason out, so the reason in force is carried along.
        string? reason = null;
        var changes = new List<ActivityChangeDto>(entries.Count);
        foreach (var e in entries)
        {
            if (Field(e.Changes, nameof(Activity.CorrectionReason)) is (true, var value))
                reason = value;
            changes.Add(new ActivityChangeDto(e.At, e.UserName, e.Action, e.Before, e.Changes, e.Action == "Created" ? null : reason));
        }
        return changes;
    }

    private static (bool Present, string? Value) Field(string? json, string name)
    {
        if (json is null)
            return (false, null);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var p)
            ? (true, p.ValueKind == JsonValueKind.String ? p.GetString() : null)
            : (false, null);
    }
}
