using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Files;
using Bangfu.Features.Patients;
using Bangfu.Features.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Referrals;

/// The one door to referrals. A referral is seen only by users of its sending and receiving organizations (404 for
/// everybody else, administrators and commissions included: they read <see cref="StatsAsync"/>).
public sealed class ReferralService(AppDbContextFactory dbf, PatientIdentity identity, Icd10Catalogue icd10, FileStore files, TimeProvider clock,
    IStringLocalizer<SharedResource> text)
{
    public async Task<Page<ReferralListItem>> OutgoingAsync(AccessScope scope, ReferralStatus? status, PageRequest page, CancellationToken ct)
    {
        page.Validate(new Validation(), []);
        await using var db = dbf.CreateFor(scope);
        if (scope.OrganizationId is not { } org)
            return new Page<ReferralListItem>([], 0);
        var q = db.Referrals.AsNoTracking().Where(r => r.FromOrganizationId == org);
        if (status is { } s)
            q = q.Where(r => r.Status == s);
        var total = await q.CountAsync(ct);
        var items = await List(db, q.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).TakePage(page)).ToListAsync(ct);
        return new Page<ReferralListItem>(items, total);
    }

    /// The receiving queue: submitted and later, urgent first, then newest.
    public async Task<Page<ReferralListItem>> IncomingAsync(AccessScope scope, ReferralStatus? status, PageRequest page, CancellationToken ct)
    {
        page.Validate(new Validation(), []);
        await using var db = dbf.CreateFor(scope);
        if (scope.OrganizationId is not { } org)
            return new Page<ReferralListItem>([], 0);
        var q = db.Referrals.AsNoTracking().Where(r => r.ToOrganizationId == org && r.Status != ReferralStatus.Draft);
        if (status is { } s)
            q = q.Where(r => r.Status == s);
        var total = await q.CountAsync(ct);
        var ordered = q.OrderBy(r => r.Priority == ReferralPriority.Urgent ? 0 : 1).ThenByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id);
        return new Page<ReferralListItem>(await List(db, ordered.TakePage(page)).ToListAsync(ct), total);
    }

    public async Task<ReferralDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    public async Task<ReferralDto> CreateAsync(AccessScope scope, SaveReferralRequest request, CancellationToken ct)
    {
        EnsureClinician(scope);
        // The sender is the caller's hospital; the field may be left out.
        request = request with { FromOrganizationId = request.FromOrganizationId ?? scope.OrganizationId };
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, null, ct);
        var now = clock.GetUtcNow();
        var referral = new Referral
        {
            DiagnosisCode = "",
            DiagnosisText = "",
            History = "",
            Reason = "",
            CreatedAt = now,
            CreatedBy = scope.UserName,
            Status = ReferralStatus.Draft,
            Patient = identity.Create(request.Patient!),
        };
        Apply(referral, request);
        referral.Transitions.Add(new ReferralTransition { FromStatus = null, ToStatus = ReferralStatus.Draft, At = now, By = scope.UserName });
        db.Referrals.Add(referral);
        await db.SaveChangesAsync(ct);
        return (await LoadDtoAsync(db, scope, referral.Id, ct))!;
    }

    /// Edits a draft; the identity number is kept when the form leaves it empty (forms never get it back in clear).
    public async Task<ReferralDto?> UpdateAsync(AccessScope scope, int id, SaveReferralRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await Visible(db, scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        EnsureClinician(scope);
        if (referral.FromOrganizationId != scope.OrganizationId)
            throw new AccessDeniedException();
        if (!ReferralRules.IsEditable(referral.Status))
            throw new DomainRuleException("Referral.NotEditable", StatusName(referral.Status));
        await CheckAsync(db, scope, request with { Direction = referral.Direction, FromOrganizationId = referral.FromOrganizationId }, referral, ct);
        VersionCheck.Ensure(referral, request.Version);
        Apply(referral, request with { Direction = referral.Direction, FromOrganizationId = referral.FromOrganizationId });
        identity.Apply(referral.Patient, request.Patient!, keepIdNumberWhenEmpty: true);
        await db.SaveChangesAsync(ct);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    public async Task<ReferralDto?> ActAsync(AccessScope scope, int id, ReferralAction action, ReferralActionRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await Visible(db, scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        EnsureClinician(scope);
        var v = new Validation().Optional("reason", request.Reason, 500);
        if (action == ReferralAction.Reject && string.IsNullOrWhiteSpace(request.Reason))
            v.Add("reason", "Error.Required");
        // A back-referral starts as an incomplete draft; a down-referral leaves only with its treatment and plan.
        if (action == ReferralAction.Submit && referral.Direction == ReferralDirection.Down)
            v.Required("treatmentGiven", referral.TreatmentGiven, 4000).Required("nextTreatmentPlan", referral.NextTreatmentPlan, 2000);
        v.ThrowIfAny();
        if (request.Version is { } version && version != referral.Version)
            throw new ConcurrencyConflictException();
        var sides = SidesOf(scope, referral, isTransport: false);
        if (action is ReferralAction.Depart or ReferralAction.Receive
            && await db.TransportRuns.AnyAsync(t => t.ReferralId == id && !t.IsCancelled, ct))
            throw new DomainRuleException("Referral.TransportLogsThis");
        Move(referral, action, sides, scope.UserName, clock.GetUtcNow(), request.Reason);
        if (action == ReferralAction.Cancel)
        {
            foreach (var run in await db.TransportRuns.Where(t => t.ReferralId == id && !t.IsCancelled).ToListAsync(ct))
                run.IsCancelled = true;
        }
        await db.SaveChangesAsync(ct);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    /// Moves a tracked referral one step of the flow and records it (the caller saves). Used by the transport log too.
    internal void Move(Referral referral, ReferralAction action, ReferralSide sides, string by, DateTimeOffset at, string? reason)
    {
        var next = ReferralRules.Next(referral.Status, action);
        if (next is null)
            throw new DomainRuleException("Referral.IllegalTransition", StatusName(referral.Status), ActionName(action));
        if (!ReferralRules.MayTake(referral.Status, action, sides))
            throw new AccessDeniedException("Referral.NotYourStep");
        referral.Transitions.Add(new ReferralTransition
        {
            ReferralId = referral.Id,
            FromStatus = referral.Status,
            ToStatus = next.Value,
            At = at,
            By = by,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
        referral.Status = next.Value;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).DateTime);
        switch (next.Value)
        {
            case ReferralStatus.Submitted:
                referral.SubmittedAt = at;
                referral.SubmittedOn = localDate;
                break;
            case ReferralStatus.Rejected:
                referral.RejectionReason = reason?.Trim();
                break;
            case ReferralStatus.Received:
                referral.ReceivedAt = at;
                referral.ReceivedOn = localDate;
                referral.TransferMinutes = referral.SubmittedAt is { } submitted ? Durations.Between(submitted, at) : null;
                break;
            case ReferralStatus.Completed:
                referral.CompletedAt = at;
                break;
            default:
                break;
        }
    }

    /// A back-referral (回转): the receiver of a received or completed referral sends the patient back as a new draft.
    public async Task<ReferralDto?> CreateBackReferralAsync(AccessScope scope, int id, BackReferralRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var original = await Visible(db, scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (original is null)
            return null;
        EnsureClinician(scope);
        if (original.ToOrganizationId != scope.OrganizationId)
            throw new AccessDeniedException("Referral.OnlyReceiverReturns");
        if (!ReferralRules.CanReturn(original.Status))
            throw new DomainRuleException("Referral.CannotReturnYet", StatusName(original.Status));
        var v = new Validation().Optional("reason", request.Reason, 1000);
        if (request.SigningPhysicianId is not { } physician)
            v.Add("signingPhysicianId", "Error.Required");
        else if (!await db.People.AnyAsync(p => p.Id == physician && p.OrganizationId == original.ToOrganizationId, ct))
            v.Add("signingPhysicianId", "Referral.PhysicianNotOfSender");
        if (request.Priority is { } p && !Enum.IsDefined(p))
            v.Add("priority", "Error.UnknownValue");
        v.ThrowIfAny();
        var now = clock.GetUtcNow();
        var back = new Referral
        {
            Direction = original.Direction == ReferralDirection.Up ? ReferralDirection.Down : ReferralDirection.Up,
            Status = ReferralStatus.Draft,
            Priority = request.Priority ?? ReferralPriority.Routine,
            FromOrganizationId = original.ToOrganizationId,
            FromDepartmentId = original.ToDepartmentId,
            ToOrganizationId = original.FromOrganizationId,
            ToDepartmentId = original.FromDepartmentId,
            PartnershipId = original.PartnershipId,
            Patient = new PatientRecord
            {
                Name = original.Patient.Name,
                Sex = original.Patient.Sex,
                BirthYear = original.Patient.BirthYear,
                AgeYears = original.Patient.AgeYears,
                IdNumberCipher = original.Patient.IdNumberCipher,
                IdNumberMasked = original.Patient.IdNumberMasked,
            },
            DiagnosisCode = original.DiagnosisCode,
            DiagnosisText = original.DiagnosisText,
            History = original.History,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? text["Referral.BackReferralDefaultReason", original.Id].Value : request.Reason.Trim(),
            SigningPhysicianId = request.SigningPhysicianId!.Value,
            OriginalReferralId = original.Id,
            CreatedAt = now,
            CreatedBy = scope.UserName,
        };
        back.Transitions.Add(new ReferralTransition { ToStatus = ReferralStatus.Draft, At = now, By = scope.UserName, Reason = $"#{original.Id}" });
        db.Referrals.Add(back);
        await db.SaveChangesAsync(ct);
        return await LoadDtoAsync(db, scope, back.Id, ct);
    }

    /// The clear identity number, for a clinician of an organization involved; every call is audited.
    public async Task<RevealedIdNumber?> RevealIdNumberAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await Visible(db, scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        EnsureClinician(scope);
        return new RevealedIdNumber(await identity.RevealAsync(db, referral.Patient, nameof(Referral), id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct));
    }

    /// Attaches a file of the patient's material; null (404) unless the caller reads the referral.
    public async Task<AttachmentDto?> AddAttachmentAsync(AccessScope scope, int id, string? fileName, Stream content, AttachmentCategory? category,
        string? note, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await Visible(db, scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
            return null;
        EnsureAttachmentsEditable(scope, referral);
        return await FileAttachments.AddAsync(db, scope, files, new ReferralAttachment { ReferralId = id }, fileName, content, category, note, ct);
    }

    public async Task<IReadOnlyList<AttachmentDto>?> ListAttachmentsAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await Visible(db, scope).AnyAsync(r => r.Id == id, ct))
            return null;
        return await Attachments(db, id).ToListAsync(ct);
    }

    /// The attachment's file, for download; null (404) unless the caller reads its referral.
    public async Task<StoredFile?> FindAttachmentFileAsync(AccessScope scope, int id, int attachmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var visible = Visible(db, scope).Select(r => r.Id);
        return await db.ReferralAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ReferralId == id && visible.Contains(a.ReferralId))
            .Select(a => a.StoredFile!).FirstOrDefaultAsync(ct);
    }

    /// Unlinks an attachment (the kept file stays, as every stored file does); false (404) unless the caller reads the
    /// referral and the attachment is one of its own.
    public async Task<bool> RemoveAttachmentAsync(AccessScope scope, int id, int attachmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await Visible(db, scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        var link = referral is null ? null : await db.ReferralAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReferralId == id, ct);
        if (referral is null || link is null)
            return false;
        EnsureAttachmentsEditable(scope, referral);
        db.Remove(link);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Counts only, for commissions and organizations: monthly up/down counts per sending organization (by the month
    /// the patient was received), counts by status, and the median and p90 of the time from submission to reception.
    public async Task<ReferralStats> StatsAsync(AccessScope scope, DateOnly? from, DateOnly? to, int? organizationId, string? regionCode, CancellationToken ct)
    {
        var v = new Validation().DateOrder("to", from, to);
        if (regionCode is not null)
            v.RegionCode("regionCode", regionCode);
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = db.Referrals.AsNoTracking().Where(r => r.Status != ReferralStatus.Draft);
        if (scope.IsAdmin)
        {
        }
        else if (scope.ReadsRegion)
        {
            q = q.Where(r => r.FromOrganization!.RegionCode.StartsWith(scope.RegionPrefix!) || r.ToOrganization!.RegionCode.StartsWith(scope.RegionPrefix!));
        }
        else if (scope.OrganizationId is { } own)
        {
            q = q.Where(r => r.FromOrganizationId == own || r.ToOrganizationId == own);
        }
        else
        {
            q = q.Where(r => false);
        }
        if (organizationId is { } org)
            q = q.Where(r => r.FromOrganizationId == org || r.ToOrganizationId == org);
        if (regionCode is not null)
        {
            var prefix = AccessScope.RegionPrefixOf(regionCode);
            q = q.Where(r => r.FromOrganization!.RegionCode.StartsWith(prefix) || r.ToOrganization!.RegionCode.StartsWith(prefix));
        }
        if (from is { } f)
            q = q.Where(r => r.SubmittedOn >= f);
        if (to is { } t)
            q = q.Where(r => r.SubmittedOn <= t);

        var monthly = await q.Where(r => r.ReceivedOn != null)
            .GroupBy(r => new { r.FromOrganizationId, r.FromOrganization!.Name, r.ReceivedOn!.Value.Year, r.ReceivedOn.Value.Month, r.Direction })
            .Select(g => new ReferralMonthCount(g.Key.FromOrganizationId, g.Key.Name, g.Key.Year, g.Key.Month, g.Key.Direction, g.Count()))
            .ToListAsync(ct);
        var byStatus = await q.GroupBy(r => r.Status).Select(g => new ReferralStatusCount(g.Key, g.Count())).ToListAsync(ct);
        return new ReferralStats(
            [.. monthly.OrderBy(m => m.OrganizationName).ThenBy(m => m.Year).ThenBy(m => m.Month).ThenBy(m => m.Direction)],
            [.. byStatus.OrderBy(s => s.Status)],
            await Durations.OfAsync(q.Where(r => r.TransferMinutes != null).Select(r => r.TransferMinutes!.Value), ct));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /// Referrals the caller's organization sends or receives.
    internal static IQueryable<Referral> Visible(AppDbContext db, AccessScope scope) =>
        scope.OrganizationId is { } org && !scope.IsCommission
            ? db.Referrals.Where(r => r.FromOrganizationId == org || r.ToOrganizationId == org)
            : db.Referrals.Where(r => false);

    /// Clinicians (an organization's administrators and experts) act on referrals; read-only users only read.
    internal static void EnsureClinician(AccessScope scope)
    {
        if (scope.OrganizationId is null || !(scope.IsOrgAdmin || scope.IsExpert))
            throw new AccessDeniedException();
    }

    internal static ReferralSide SidesOf(AccessScope scope, Referral r, bool isTransport) =>
        (r.FromOrganizationId == scope.OrganizationId ? ReferralSide.Sender : ReferralSide.None)
        | (r.ToOrganizationId == scope.OrganizationId ? ReferralSide.Receiver : ReferralSide.None)
        | (isTransport ? ReferralSide.Transport : ReferralSide.None);

    /// The material travels with the form: only the sending side's clinicians change it, and only while it is a draft.
    private void EnsureAttachmentsEditable(AccessScope scope, Referral referral)
    {
        EnsureClinician(scope);
        if (referral.FromOrganizationId != scope.OrganizationId)
            throw new AccessDeniedException("Referral.SenderSideOnly");
        if (!ReferralRules.IsEditable(referral.Status))
            throw new DomainRuleException("Referral.AttachmentsFrozen", StatusName(referral.Status));
    }

    private static IQueryable<AttachmentDto> Attachments(AppDbContext db, int id) =>
        FileAttachments.Project(db.ReferralAttachments.Where(a => a.ReferralId == id));

    internal string StatusName(ReferralStatus s) => text[$"Referral.Status.{s}"].Value;

    private string ActionName(ReferralAction a) => text[$"Referral.Action.{a}"].Value;

    private async Task CheckAsync(AppDbContext db, AccessScope scope, SaveReferralRequest r, Referral? existing, CancellationToken ct)
    {
        var v = new Validation();
        v.Defined("direction", r.Direction).Defined("priority", r.Priority);
        v.Required("diagnosisText", r.DiagnosisText, 200).Required("history", r.History, 4000).Required("reason", r.Reason, 1000)
            .Optional("escort", r.Escort, 200).Optional("treatmentGiven", r.TreatmentGiven, 4000)
            .Optional("nextTreatmentPlan", r.NextTreatmentPlan, 2000).Optional("rehabilitationPlan", r.RehabilitationPlan, 2000);
        if (string.IsNullOrWhiteSpace(r.DiagnosisCode))
            v.Add("diagnosisCode", "Error.Required");
        else if (icd10.Find(r.DiagnosisCode) is null)
            v.Add("diagnosisCode", "Referral.UnknownIcd10", r.DiagnosisCode.Trim());
        if (r.Direction == ReferralDirection.Down)
        {
            v.Required("treatmentGiven", r.TreatmentGiven, 4000).Required("nextTreatmentPlan", r.NextTreatmentPlan, 2000);
        }
        identity.Validate(r.Patient, v, "patient");
        var from = r.FromOrganizationId ?? scope.OrganizationId;
        if (from != scope.OrganizationId)
            v.Add("fromOrganizationId", "Referral.SenderMustBeOwn");
        if (r.ToOrganizationId is not { } to)
            v.Add("toOrganizationId", "Error.Required");
        else if (to == from)
            v.Add("toOrganizationId", "Referral.SameOrganization");
        else if (!await db.Organizations.AnyAsync(o => o.Id == to, ct))
            v.Add("toOrganizationId", "Error.UnknownOrganization");
        if (r.FromDepartmentId is { } fd && !await db.Departments.AnyAsync(d => d.Id == fd && d.OrganizationId == from, ct))
            v.Add("fromDepartmentId", "Error.UnknownDepartment");
        if (r.ToDepartmentId is { } td && !await db.Departments.AnyAsync(d => d.Id == td && d.OrganizationId == r.ToOrganizationId, ct))
            v.Add("toDepartmentId", "Error.UnknownDepartment");
        if (r.SigningPhysicianId is not { } physician)
            v.Add("signingPhysicianId", "Error.Required");
        else if (!await db.People.AnyAsync(p => p.Id == physician && p.OrganizationId == from, ct))
            v.Add("signingPhysicianId", "Referral.PhysicianNotOfSender");
        if (r.PartnershipId is { } pid)
        {
            var parties = await db.PartnershipParties.Where(p => p.PartnershipId == pid && p.DeletedAt == null && p.Partnership!.DeletedAt == null)
                .Select(p => p.OrganizationId).ToListAsync(ct);
            if (!parties.Contains(from ?? 0) || !parties.Contains(r.ToOrganizationId ?? 0))
                v.Add("partnershipId", "Referral.PartnershipNotBoth");
        }
        _ = existing;
        v.ThrowIfAny();
    }

    private static void Apply(Referral referral, SaveReferralRequest r)
    {
        referral.Direction = r.Direction!.Value;
        referral.Priority = r.Priority!.Value;
        referral.FromOrganizationId = r.FromOrganizationId!.Value;
        referral.FromDepartmentId = r.FromDepartmentId;
        referral.ToOrganizationId = r.ToOrganizationId!.Value;
        referral.ToDepartmentId = r.ToDepartmentId;
        referral.PartnershipId = r.PartnershipId;
        referral.DiagnosisCode = r.DiagnosisCode!.Trim().ToUpperInvariant();
        referral.DiagnosisText = r.DiagnosisText!.Trim();
        referral.History = r.History!.Trim();
        referral.Reason = r.Reason!.Trim();
        referral.SigningPhysicianId = r.SigningPhysicianId!.Value;
        referral.Escort = Blank(r.Escort);
        var down = r.Direction == ReferralDirection.Down;
        referral.TreatmentGiven = down ? Blank(r.TreatmentGiven) : null;
        referral.NextTreatmentPlan = down ? Blank(r.NextTreatmentPlan) : null;
        referral.RehabilitationPlan = down ? Blank(r.RehabilitationPlan) : null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IQueryable<ReferralListItem> List(AppDbContext db, IQueryable<Referral> q) =>
        q.Select(r => new ReferralListItem(r.Id, r.Direction, r.Status, r.Priority, r.FromOrganizationId, r.FromOrganization!.Name,
            r.ToOrganizationId, r.ToOrganization!.Name, r.Patient.Name, r.Patient.Sex, r.Patient.AgeYears, r.Patient.BirthYear,
            r.DiagnosisCode, r.DiagnosisText, r.CreatedAt, r.SubmittedAt,
            db.TransportRuns.Any(t => t.ReferralId == r.Id && !t.IsCancelled), r.OriginalReferralId));

    private async Task<ReferralDto?> LoadDtoAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var r = await Visible(db, scope).AsNoTracking()
            .Include(x => x.FromOrganization).Include(x => x.ToOrganization).Include(x => x.FromDepartment).Include(x => x.ToDepartment)
            .Include(x => x.Partnership).Include(x => x.SigningPhysician).Include(x => x.Transitions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
            return null;
        var backIds = await db.Referrals.AsNoTracking().Where(x => x.OriginalReferralId == id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync(ct);
        var run = await TransportService.Project(db.TransportRuns.AsNoTracking().Where(t => t.ReferralId == id && !t.IsCancelled)).FirstOrDefaultAsync(ct);
        var attachments = await Attachments(db, id).ToListAsync(ct);
        var sides = SidesOf(scope, r, isTransport: false);
        var clinician = scope.IsOrgAdmin || scope.IsExpert;
        var allowed = clinician ? ReferralRules.Allowed(r.Status, sides) : [];
        if (run is not null)
            allowed = [.. allowed.Where(a => a is not ReferralAction.Depart and not ReferralAction.Receive)];
        var isSender = (sides & ReferralSide.Sender) != 0;
        var isReceiver = (sides & ReferralSide.Receiver) != 0;
        return new ReferralDto(r.Id, r.Direction, r.Status, r.Priority,
            r.FromOrganizationId, r.FromOrganization!.Name, r.FromDepartmentId, r.FromDepartment?.Name,
            r.ToOrganizationId, r.ToOrganization!.Name, r.ToDepartmentId, r.ToDepartment?.Name,
            r.PartnershipId, r.Partnership?.Name, PatientView.Of(r.Patient),
            r.DiagnosisCode, r.DiagnosisText, icd10.Find(r.DiagnosisCode)?.NameZh, r.History, r.Reason,
            r.SigningPhysicianId, r.SigningPhysician!.Name, r.Escort, r.TreatmentGiven, r.NextTreatmentPlan, r.RehabilitationPlan,
            r.OriginalReferralId, backIds, r.RejectionReason, r.CreatedAt, r.CreatedBy, r.SubmittedAt, r.ReceivedAt, r.CompletedAt,
            [.. r.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new ReferralTransitionDto(t.FromStatus, t.ToStatus, t.At, t.By, t.Reason))],
            run, allowed, clinician && isReceiver && ReferralRules.CanReturn(r.Status), clinician && isSender && ReferralRules.IsEditable(r.Status),
            clinician && isSender && run is null && r.Status is ReferralStatus.Draft or ReferralStatus.Submitted or ReferralStatus.Accepted,
            attachments, r.Version);
    }
}
