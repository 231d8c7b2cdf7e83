using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Meetings;

public sealed record ActionItemDto(int Id, int MeetingId, int PartnershipId, string MeetingTitle, string Description, string Owner, DateOnly DueDate,
    ActionItemStatus Status, DateOnly? CompletedOn, bool IsOverdue, int Version);

public sealed record MeetingDto(int Id, int PartnershipId, string Title, MeetingKind Kind, DateOnly HeldOn, string? Participants, string? Minutes,
    IReadOnlyList<ActionItemDto> ActionItems, int Version);

public sealed record SaveMeetingRequest(int? PartnershipId, string? Title, MeetingKind? Kind, DateOnly? HeldOn, string? Participants = null,
    string? Minutes = null, int? Version = null);

public sealed record SaveActionItemRequest(string? Description, string? Owner, DateOnly? DueDate, ActionItemStatus? Status = null,
    DateOnly? CompletedOn = null, int? Version = null);

public sealed class MeetingService(AppDbContextFactory dbf, TimeProvider clock)
{
    public async Task<Page<MeetingDto>> ListAsync(AccessScope scope, int? partnershipId, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, ["heldOn"]);
        v.DateOrder("to", from, to).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(m => m.PartnershipId == pid);
        if (from is { } f)
            q = q.Where(m => m.HeldOn >= f);
        if (to is { } t)
            q = q.Where(m => m.HeldOn <= t);
        var total = await q.CountAsync(ct);
        var ids = await q.SortBy(m => m.HeldOn, page.Desc).ThenBy(m => m.Id).TakePage(page).Select(m => m.Id).ToListAsync(ct);
        var meetings = await LoadAsync(db, ids, ct);
        return new Page<MeetingDto>(ids.Select(id => meetings[id]).ToList(), total);
    }

    public async Task<MeetingDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await Visible(db, scope).AnyAsync(m => m.Id == id, ct))
            return null;
        return (await LoadAsync(db, [id], ct))[id];
    }

    public async Task<MeetingDto> CreateAsync(AccessScope scope, SaveMeetingRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var meeting = new Meeting { Title = "" };
        Apply(meeting, request);
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, meeting.Id, ct))!;
    }

    public async Task<MeetingDto?> UpdateAsync(AccessScope scope, int id, SaveMeetingRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var changed = await db.CorrectAsync(await LoadForChangeAsync(db, scope, id, ct), request.Version,
            () => CheckAsync(db, scope, request, ct), m => Apply(m, request), ct);
        return changed ? await GetAsync(scope, id, ct) : null;
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await db.SoftDeleteAsync(await LoadForChangeAsync(db, scope, id, ct), clock, ct);
    }

    public async Task<ActionItemDto?> AddActionItemAsync(AccessScope scope, int meetingId, SaveActionItemRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var meeting = await LoadForChangeAsync(db, scope, meetingId, ct);
        if (meeting is null)
            return null;
        Check(request, meeting.HeldOn).ThrowIfAny();
        var item = new ActionItem { MeetingId = meetingId, Description = "", Owner = "" };
        Apply(item, request);
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(ct);
        return (await LoadAsync(db, [meetingId], ct))[meetingId].ActionItems.Single(a => a.Id == item.Id);
    }

    public async Task<ActionItemDto?> UpdateActionItemAsync(AccessScope scope, int meetingId, int itemId, SaveActionItemRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var meeting = await LoadForChangeAsync(db, scope, meetingId, ct);
        var item = meeting is null ? null : await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == meetingId, ct);
        if (item is null)
            return null;
        Check(request, meeting!.HeldOn).ThrowIfAny();
        VersionCheck.Ensure(item, request.Version);
        Apply(item, request);
        await db.SaveChangesAsync(ct);
        return (await LoadAsync(db, [meetingId], ct))[meetingId].ActionItems.Single(a => a.Id == item.Id);
    }

    /// Removes an action item recorded by mistake; a decision that was dropped is better kept as cancelled.
    public async Task<bool> DeleteActionItemAsync(AccessScope scope, int meetingId, int itemId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var meeting = await LoadForChangeAsync(db, scope, meetingId, ct);
        var item = meeting is null ? null : await db.ActionItems.FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == meetingId, ct);
        if (item is null)
            return false;
        db.ActionItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Open action items across the partnerships the caller sees, overdue ones first.
    public async Task<IReadOnlyList<ActionItemDto>> ActionItemsAsync(AccessScope scope, int? partnershipId, bool overdueOnly, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var today = Today();
        var q = db.ActionItems.AsNoTracking().Where(a => Visible(db, scope).Select(m => m.Id).Contains(a.MeetingId) && a.Status == ActionItemStatus.Open);
        if (partnershipId is { } pid)
            q = q.Where(a => a.Meeting!.PartnershipId == pid);
        if (overdueOnly)
            q = q.Where(a => a.DueDate < today);
        return await q.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Take(500)
            .Select(a => new ActionItemDto(a.Id, a.MeetingId, a.Meeting!.PartnershipId, a.Meeting.Title, a.Description, a.Owner, a.DueDate, a.Status,
                a.CompletedOn, a.Status == ActionItemStatus.Open && a.DueDate < today, a.Version))
            .ToListAsync(ct);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static IQueryable<Meeting> Visible(AppDbContext db, AccessScope scope)
    {
        return db.Meetings.OfVisiblePartnerships(db, scope);
    }

    private static Task<Meeting?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct) =>
        Visible(db, scope).FindToChangeAsync(db, scope, id, ct);

    private async Task<Dictionary<int, MeetingDto>> LoadAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var today = Today();
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        var items = (await db.ActionItems.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.MeetingId);
        return meetings.ToDictionary(m => m.Id, m => new MeetingDto(m.Id, m.PartnershipId, m.Title, m.Kind, m.HeldOn, m.Participants, m.Minutes,
            items[m.Id].Select(a => new ActionItemDto(a.Id, a.MeetingId, m.PartnershipId, m.Title, a.Description, a.Owner, a.DueDate, a.Status,
                a.CompletedOn, a.Status == ActionItemStatus.Open && a.DueDate < today, a.Version)).ToList(), m.Version));
    }

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SaveMeetingRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("title", r.Title, 200).Defined("kind", r.Kind)
            .Optional("participants", r.Participants, 2000).Optional("minutes", r.Minutes, 20000);
        if (r.HeldOn is null)
            v.Add("heldOn", "Error.Required");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        if (!await db.Visible(scope).AnyAsync(p => p.Id == r.PartnershipId, ct))
            v.Add("partnershipId", "Error.UnknownPartnership").ThrowIfAny();
        await db.EnsureCanChangeAsync(scope, r.PartnershipId!.Value, ct);
    }

    private static Validation Check(SaveActionItemRequest r, DateOnly heldOn)
    {
        var v = new Validation().Required("description", r.Description, 1000).Required("owner", r.Owner, 100);
        if (r.DueDate is null)
            v.Add("dueDate", "Error.Required");
        else if (r.DueDate < heldOn)
            v.Add("dueDate", "Error.DueBeforeMeeting");
        if (r.Status is { } s && !Enum.IsDefined(s))
            v.Add("status", "Error.UnknownValue");
        if (r.Status == ActionItemStatus.Done && r.CompletedOn is null)
            v.Add("completedOn", "Error.Required");
        return v;
    }

    private static void Apply(Meeting m, SaveMeetingRequest r)
    {
        m.PartnershipId = r.PartnershipId!.Value;
        m.Title = r.Title!.Trim();
        m.Kind = r.Kind!.Value;
        m.HeldOn = r.HeldOn!.Value;
        m.Participants = r.Participants;
        m.Minutes = r.Minutes;
    }

    private static void Apply(ActionItem a, SaveActionItemRequest r)
    {
        a.Description = r.Description!.Trim();
        a.Owner = r.Owner!.Trim();
        a.DueDate = r.DueDate!.Value;
        a.Status = r.Status ?? ActionItemStatus.Open;
        a.CompletedOn = a.Status == ActionItemStatus.Done ? r.CompletedOn : null;
    }
}
