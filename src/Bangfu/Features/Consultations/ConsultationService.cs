using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Consultations;

public sealed record ConsultationQuery(ConsultationSide? Direction = null, ConsultationState? State = null, ConsultationType? Type = null);

/// The one door to consultations. Only users of the inviting and the invited organization read them (the invited
/// side once the request was submitted); administrators and commissions never do: they get statistics.
/// Organization administrators and experts (doctors) of a side act for it; read-only users only read.
public sealed class ConsultationService(AppDbContextFactory dbf, PatientIdentity identity, FileStore files, ActivityService activities,
    ConsultationOptions options, TimeProvider clock)
{
    public static readonly string[] Sortable = ["createdAt", "submittedAt", "scheduledStart"];

    public static IQueryable<Consultation> Visible(AppDbContext db, AccessScope scope)
    {
        if (scope.IsAdmin || scope.IsCommission || scope.OrganizationId is not { } org)
            return db.Consultations.Where(c => false);
        return db.Consultations.Where(c => c.InvitingOrganizationId == org || (c.InvitedOrganizationId == org && c.FirstSubmittedAt != null));
    }

    public static bool CanAct(AccessScope scope) => (scope.IsOrgAdmin || scope.IsExpert) && scope.OrganizationId is not null;

    public static ConsultationSide SideOf(AccessScope scope, int invitingOrganizationId) =>
        scope.OrganizationId == invitingOrganizationId ? ConsultationSide.Inviting : ConsultationSide.Invited;

    public async Task<Page<ConsultationListItem>> ListAsync(AccessScope scope, ConsultationQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        var org = scope.OrganizationId;
        if (query.Direction == ConsultationSide.Inviting)
            q = q.Where(c => c.InvitingOrganizationId == org);
        else if (query.Direction == ConsultationSide.Invited)
            q = q.Where(c => c.InvitedOrganizationId == org);
        if (query.State is { } state)
            q = q.Where(c => c.State == state);
        if (query.Type is { } type)
            q = q.Where(c => c.Type == type);
        var total = await q.CountAsync(ct);
        // Newest first by default: urgent requests are marked in the list rather than reordered.
        q = page.Sort?.ToLowerInvariant() switch
        {
            "submittedat" => q.SortBy(c => c.FirstSubmittedAt, page.Desc).ThenByDescending(c => c.Id),
            "scheduledstart" => q.SortBy(c => c.ScheduledStart, page.Desc).ThenByDescending(c => c.Id),
            "createdat" => q.SortBy(c => c.Id, page.Desc),
            _ => q.OrderByDescending(c => c.Id),
        };
        var rows = await q.TakePage(page).Select(c => new
        {
            c.Id,
            c.Type,
            c.State,
            c.Urgency,
            c.Mode,
            Inviting = c.InvitingOrganization!.Name,
            Invited = c.InvitedOrganization!.Name,
            c.InvitingOrganizationId,
            PatientName = c.Patient.Name,
            c.Purpose,
            c.CreatedAt,
            c.FirstSubmittedAt,
            c.ScheduledStart,
        }).ToListAsync(ct);
        return new Page<ConsultationListItem>(rows.Select(r => new ConsultationListItem(r.Id, r.Type, r.State, r.Urgency, r.Mode, r.Inviting, r.Invited,
            r.PatientName, r.Purpose, r.CreatedAt, r.FirstSubmittedAt, r.ScheduledStart, SideOf(scope, r.InvitingOrganizationId))).ToList(), total);
    }

    public async Task<ConsultationDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    public async Task<ConsultationDto> CreateAsync(AccessScope scope, SaveConsultationRequest request, CancellationToken ct)
    {
        if (!CanAct(scope))
            throw new AccessDeniedException();
        await using var db = dbf.CreateFor(scope);
        var inviting = scope.OrganizationId!.Value;
        await CheckAsync(db, scope, inviting, request, ct);
        var now = clock.GetUtcNow();
        var c = new Consultation
        {
            InvitingOrganizationId = inviting,
            State = ConsultationState.Draft,
            Purpose = "",
            CaseSummary = "",
            ConsentName = "",
            CreatedBy = scope.UserName,
            CreatedAt = now,
            Patient = identity.Create(request.Patient!),
        };
        Apply(c, request);
        c.Events.Add(new ConsultationEvent { At = now, UserName = scope.UserName, Action = ConsultationAction.Create, From = ConsultationState.Draft, To = ConsultationState.Draft });
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return (await LoadDtoAsync(db, scope, c.Id, ct))!;
    }

    public async Task<ConsultationDto?> UpdateAsync(AccessScope scope, int id, SaveConsultationRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        EnsureSide(scope, c, ConsultationSide.Inviting);
        if (!ConsultationRules.IsEditable(c.State))
            throw new DomainRuleException($"Consult.Illegal.{c.State}");
        await CheckAsync(db, scope, c.InvitingOrganizationId, request, ct);
        VersionCheck.Ensure(c, request.Version);
        identity.Apply(c.Patient, request.Patient!, keepIdNumberWhenEmpty: true);
        Apply(c, request);
        await db.SaveChangesAsync(ct);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    /// Takes <paramref name="action"/> if the table allows it from the current state for the caller's side.
    public async Task<ConsultationDto?> ActAsync(AccessScope scope, int id, ConsultationAction action, ConsultationActionRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).Include(x => x.Consultant).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        if (!CanAct(scope))
            throw new AccessDeniedException();
        var transition = ConsultationRules.Require(action, c.State);
        EnsureSide(scope, c, transition.Side);
        VersionCheck.Ensure(c, request.Version);

        var now = clock.GetUtcNow();
        var v = new Validation();
        string? reason = null;
        if (ConsultationRules.NeedsReason(action))
        {
            v.Required("reason", request.Reason, 500);
            reason = request.Reason?.Trim();
        }
        switch (action)
        {
            case ConsultationAction.Submit:
                c.FirstSubmittedAt ??= now;
                c.SubmittedOn ??= LocalDate(now);
                break;
            case ConsultationAction.Schedule:
                await ScheduleAsync(db, c, request, v, ct);
                break;
            case ConsultationAction.StartSession:
                var start = LoggedTime(request.At, now, v);
                v.ThrowIfAny();
                c.SessionStartedAt = start;
                c.WaitingMinutes = Durations.Between(c.FirstSubmittedAt!.Value, start);
                break;
            case ConsultationAction.EndSession:
                var end = LoggedTime(request.At, now, v);
                if (end < c.SessionStartedAt)
                    v.Add("at", "Consult.EndBeforeStart");
                v.ThrowIfAny();
                c.SessionEndedAt = end;
                break;
            case ConsultationAction.SignOpinion:
                // The text sent, or else the draft kept so far.
                var opinion = string.IsNullOrWhiteSpace(request.Opinion) ? c.OpinionDraft : request.Opinion;
                v.Required("opinion", opinion, 8000).ThrowIfAny();
                await EnsureSignerAsync(db, scope, c, ct);
                c.Opinion = opinion!.Trim();
                c.OpinionDraft = null;
                c.SignedByName = c.Consultant!.Name;
                c.SignedByUser = scope.UserName;
                c.SignedAt = now;
                c.TurnaroundMinutes = Durations.Between(c.SessionEndedAt!.Value, now);
                break;
            case ConsultationAction.File:
                c.FiledAt = now;
                c.FiledBy = scope.UserName;
                break;
            case ConsultationAction.Rate:
                if (c.Rating is not null)
                    throw new DomainRuleException("Consult.AlreadyRated");
                if (request.Rating is not { } rating)
                    v.Add("rating", "Error.Required");
                else if (rating is < 1 or > 5)
                    v.Add("rating", "Error.Range", 1, 5);
                v.Optional("comment", request.Comment, 500).ThrowIfAny();
                c.Rating = request.Rating;
                c.RatingComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
                break;
            default:
                break;
        }
        v.ThrowIfAny();

        c.Events.Add(new ConsultationEvent { At = now, UserName = scope.UserName, Action = action, From = c.State, To = transition.To, Reason = reason });
        c.State = transition.To;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (action == ConsultationAction.SignOpinion && c.PartnershipId is { } partnershipId)
        {
            // The signed opinion is the consultant's counted work, written through the ledger's own path so that
            // the monthly rollup, the ledgers and the reports see it; a closed month refuses the signature.
            var ids = await activities.SaveLinkedAsync(db, scope, new BulkActivitiesRequest(
            [
                new SaveActivityRequest(partnershipId, c.InvitingOrganizationId, null, null, c.ConsultantId, ActivityKind.RemoteConsultation,
                    LocalDate(c.SessionStartedAt!.Value), 1, ActivityUnit.Li, 0, IsOnline: true, Subject: $"#{c.Id}"),
            ]), ct);
            c.ActivityId = ids[0];
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    /// The clear identity number for a user acting on the consultation; the view is audited.
    public async Task<IdNumberDto?> RevealIdNumberAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        if (!CanAct(scope))
            throw new AccessDeniedException();
        return new IdNumberDto(await identity.RevealAsync(db, c.Patient, nameof(Consultation), id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct));
    }

    public async Task<AttachmentDto?> AddAttachmentAsync(AccessScope scope, int id, string? fileName, Stream content, AttachmentCategory? category,
        string? note, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        if (!CanAct(scope))
            throw new AccessDeniedException();
        EnsureSide(scope, c, ConsultationSide.Inviting);
        if (!ConsultationRules.IsEditable(c.State))
            throw new DomainRuleException($"Consult.Illegal.{c.State}");
        return await FileAttachments.AddAsync(db, scope, files, new ConsultationAttachment { ConsultationId = c.Id }, fileName, content, category, note, ct);
    }

    public async Task<IReadOnlyList<AttachmentDto>?> ListAttachmentsAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await Visible(db, scope).AnyAsync(x => x.Id == id, ct))
            return null;
        return await Attachments(db, id).ToListAsync(ct);
    }

    /// The attachment's row, for download; null (404) unless the caller reads its consultation.
    public async Task<StoredFile?> FindAttachmentFileAsync(AccessScope scope, int id, int attachmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var visible = Visible(db, scope).Select(c => c.Id);
        return await db.ConsultationAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ConsultationId == id && visible.Contains(a.ConsultationId))
            .Select(a => a.StoredFile!).FirstOrDefaultAsync(ct);
    }

    public async Task<bool> RemoveAttachmentAsync(AccessScope scope, int id, int attachmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        var link = c is null ? null : await db.ConsultationAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ConsultationId == id, ct);
        if (c is null || link is null)
            return false;
        if (!CanAct(scope))
            throw new AccessDeniedException();
        EnsureSide(scope, c, ConsultationSide.Inviting);
        if (!ConsultationRules.IsEditable(c.State))
            throw new DomainRuleException($"Consult.Illegal.{c.State}");
        db.Remove(link);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void EnsureSide(AccessScope scope, Consultation c, ConsultationSide side)
    {
        var org = side == ConsultationSide.Inviting ? c.InvitingOrganizationId : c.InvitedOrganizationId;
        if (scope.OrganizationId != org || !CanAct(scope))
            throw new AccessDeniedException(side == ConsultationSide.Inviting ? "Consult.InvitingSideOnly" : "Consult.InvitedSideOnly");
    }

    /// The consultant signs with their own account; only when no account is linked to the consultant does an
    /// administrator of the invited organization record the signature for them.
    /// Keeps the consultant's unsigned opinion, during the session or after it; the signer's rule applies.
    public async Task<ConsultationDto?> SaveOpinionDraftAsync(AccessScope scope, int id, OpinionDraftRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var c = await Visible(db, scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        if (!CanAct(scope))
            throw new AccessDeniedException();
        EnsureSide(scope, c, ConsultationSide.Invited);
        if (!ConsultationRules.CanDraftOpinion(c.State))
            throw new DomainRuleException($"Consult.Illegal.{c.State}");
        await EnsureSignerAsync(db, scope, c, ct);
        new Validation().Optional("opinion", request.Opinion, 8000).ThrowIfAny();
        VersionCheck.Ensure(c, request.Version);
        c.OpinionDraft = string.IsNullOrWhiteSpace(request.Opinion) ? null : request.Opinion.Trim();
        await db.SaveChangesAsync(ct);
        return await LoadDtoAsync(db, scope, id, ct);
    }

    private static async Task EnsureSignerAsync(AppDbContext db, AccessScope scope, Consultation c, CancellationToken ct)
    {
        if (scope.PersonId is { } me && me == c.ConsultantId)
            return;
        var consultantHasAccount = await db.Users.AnyAsync(u => u.PersonId == c.ConsultantId, ct);
        if (consultantHasAccount || !scope.IsOrgAdmin)
            throw new AccessDeniedException("Consult.SignOnlyByConsultant");
    }

    private async Task ScheduleAsync(AppDbContext db, Consultation c, ConsultationActionRequest r, Validation v, CancellationToken ct)
    {
        if (r.Start is null)
            v.Add("start", "Error.Required");
        if (r.End is null)
            v.Add("end", "Error.Required");
        else if (r.Start is not null && r.End <= r.Start)
            v.Add("end", "Consult.EndBeforeStart");
        if (r.ConsultantId is null)
            v.Add("consultantId", "Error.Required");
        v.ThrowIfAny();
        var person = await db.People.AsNoTracking().Where(p => p.Id == r.ConsultantId)
            .Select(p => new { p.Id, p.OrganizationId, p.LicenceNumber, p.IndependentPracticeSince }).FirstOrDefaultAsync(ct);
        if (person is null)
            v.Add("consultantId", "Error.UnknownPerson").ThrowIfAny();
        var broken = ConsultantRules.Check(new ConsultantRules.Candidate(person!.OrganizationId, person.LicenceNumber, person.IndependentPracticeSince),
            c.InvitedOrganizationId, LocalDate(r.Start!.Value), options);
        if (broken is { } rule)
            throw new DomainRuleException(rule.Key, rule.Args);
        c.ScheduledStart = r.Start.Value.ToUniversalTime();
        c.ScheduledEnd = r.End!.Value.ToUniversalTime();
        c.ConsultantId = person.Id;
        c.Consultant = await db.People.FirstAsync(p => p.Id == person.Id, ct);
    }

    /// A logged time: now unless given; never in the future (a few minutes of clock drift allowed).
    private static DateTimeOffset LoggedTime(DateTimeOffset? at, DateTimeOffset now, Validation v)
    {
        if (at is { } given && given > now.AddMinutes(5))
            v.Add("at", "Consult.TimeInFuture");
        return (at ?? now).ToUniversalTime();
    }


    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).DateTime);

    private async Task CheckAsync(AppDbContext db, AccessScope scope, int inviting, SaveConsultationRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Defined("type", r.Type)
            .Defined("urgency", r.Urgency)
            .Defined("mode", r.Mode)
            .Required("purpose", r.Purpose, 1000)
            .Required("caseSummary", r.CaseSummary, 8000)
            .Optional("invitedSpecialty", r.InvitedSpecialty, 60);
        if (r.PreferredTitleLevel is { } level && !Enum.IsDefined(level))
            v.Add("preferredTitleLevel", "Error.UnknownValue");
        if (r.RequestedFrom is { } f && r.RequestedTo is { } t && t < f)
            v.Add("requestedTo", "Consult.EndBeforeStart");
        identity.Validate(r.Patient, v, "patient");
        CheckConsent(r.Consent, v);
        if (r.InvitedOrganizationId is not { } invited)
            v.Add("invitedOrganizationId", "Error.Required");
        else if (invited == inviting)
            v.Add("invitedOrganizationId", "Consult.InviteAnother");
        else if (!await db.Organizations.AnyAsync(o => o.Id == invited, ct))
            v.Add("invitedOrganizationId", "Error.UnknownOrganization");
        else
        {
            if (r.InvitedDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == invited, ct))
                v.Add("invitedDepartmentId", "Error.UnknownDepartment");
            if (r.PreferredExpertId is { } expert && !await db.People.AnyAsync(p => p.Id == expert && p.OrganizationId == invited, ct))
                v.Add("preferredExpertId", "Consult.PersonNotInvited");
            if (r.PartnershipId is { } pid)
            {
                var parties = await db.Visible(scope).Where(p => p.Id == pid)
                    .Select(p => p.Parties.Where(x => x.DeletedAt == null).Select(x => x.OrganizationId).ToList()).FirstOrDefaultAsync(ct);
                if (parties is null)
                    v.Add("partnershipId", "Error.UnknownPartnership");
                else if (!parties.Contains(inviting) || !parties.Contains(invited))
                    v.Add("partnershipId", "Consult.PartnershipParties");
            }
        }
        if (r.RequestingPhysicianId is { } physician && !await db.People.AnyAsync(p => p.Id == physician && p.OrganizationId == inviting, ct))
            v.Add("requestingPhysicianId", "Consult.PersonNotInviting");
        v.ThrowIfAny();
    }

    private void CheckConsent(ConsentInput? consent, Validation v)
    {
        if (consent is null)
        {
            v.Add("consent", "Error.Required");
            return;
        }
        v.Defined("consent.by", consent.By).Required("consent.name", consent.Name, 50).Optional("consent.relation", consent.Relation, 20);
        if (consent.By == ConsentGiver.Relative && string.IsNullOrWhiteSpace(consent.Relation))
            v.Add("consent.relation", "Error.Required");
        if (consent.At is null)
            v.Add("consent.at", "Error.Required");
        else if (consent.At > clock.GetUtcNow().AddMinutes(5))
            v.Add("consent.at", "Consult.TimeInFuture");
        if (!consent.ContentExplained)
            v.Add("consent.contentExplained", "Consult.ConsentContentRequired");
        if (consent.Fee is { } fee)
        {
            if (fee < 0 || fee > 1_000_000)
                v.Add("consent.fee", "Error.Range", 0, 1_000_000);
            else if (decimal.Round(fee, 2) != fee)
                v.Add("consent.fee", "Consult.FeeCents");
            else if (fee > 0 && !consent.FeeExplained)
                v.Add("consent.feeExplained", "Consult.ConsentFeeRequired");
        }
    }

    private static void Apply(Consultation c, SaveConsultationRequest r)
    {
        c.Type = r.Type!.Value;
        c.InvitedOrganizationId = r.InvitedOrganizationId!.Value;
        c.InvitedDepartmentId = r.InvitedDepartmentId;
        c.InvitedSpecialty = string.IsNullOrWhiteSpace(r.InvitedSpecialty) ? null : r.InvitedSpecialty.Trim();
        c.PartnershipId = r.PartnershipId;
        c.RequestingPhysicianId = r.RequestingPhysicianId;
        c.PreferredExpertId = r.PreferredExpertId;
        c.PreferredTitleLevel = r.PreferredTitleLevel;
        c.Urgency = r.Urgency!.Value;
        c.RequestedFrom = r.RequestedFrom?.ToUniversalTime();
        c.RequestedTo = r.RequestedTo?.ToUniversalTime();
        c.Mode = r.Mode!.Value;
        c.Purpose = r.Purpose!.Trim();
        c.CaseSummary = r.CaseSummary!.Trim();
        var consent = r.Consent!;
        c.ConsentBy = consent.By!.Value;
        c.ConsentName = consent.Name!.Trim();
        c.ConsentRelation = consent.By == ConsentGiver.Relative ? consent.Relation?.Trim() : null;
        c.ConsentAt = consent.At!.Value.ToUniversalTime();
        c.ConsentContentExplained = consent.ContentExplained;
        c.ConsentFeeExplained = consent.FeeExplained;
        c.FeeFen = consent.Fee is { } fee ? (long)(fee * 100) : null;
    }

    private static IQueryable<AttachmentDto> Attachments(AppDbContext db, int id) =>
        FileAttachments.Project(db.ConsultationAttachments.Where(a => a.ConsultationId == id));

    private static async Task<ConsultationDto?> LoadDtoAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var c = await Visible(db, scope).AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            Row = x,
            Inviting = x.InvitingOrganization!.Name,
            Invited = x.InvitedOrganization!.Name,
            Department = x.InvitedDepartment != null ? x.InvitedDepartment.Name : null,
            Partnership = x.Partnership != null ? x.Partnership.Name : null,
            Physician = x.RequestingPhysician != null ? x.RequestingPhysician.Name : null,
            Preferred = x.PreferredExpert != null ? x.PreferredExpert.Name : null,
            Consultant = x.Consultant != null ? x.Consultant.Name : null,
            ConsultantTitle = x.Consultant != null ? x.Consultant.Title : null,
        }).FirstOrDefaultAsync(ct);
        if (c is null)
            return null;
        var events = await db.ConsultationEvents.AsNoTracking().Where(e => e.ConsultationId == id).OrderBy(e => e.Id)
            .Select(e => new ConsultationEventDto(e.At, e.UserName, e.Action, e.From, e.To, e.Reason)).ToListAsync(ct);
        var attachments = await Attachments(db, id).ToListAsync(ct);
        var r = c.Row;
        var side = SideOf(scope, r.InvitingOrganizationId);
        var allowed = CanAct(scope) ? ConsultationRules.Allowed(r.State, side).Where(a => a != ConsultationAction.Rate || r.Rating is null).ToList() : [];
        return new ConsultationDto(r.Id, r.Type, r.State, r.InvitingOrganizationId, c.Inviting, r.InvitedOrganizationId, c.Invited, r.InvitedDepartmentId,
            c.Department, r.InvitedSpecialty, r.PartnershipId, c.Partnership, r.RequestingPhysicianId, c.Physician, r.PreferredExpertId, c.Preferred,
            r.PreferredTitleLevel, r.Urgency, r.RequestedFrom, r.RequestedTo, r.Mode, r.Purpose, r.CaseSummary, PatientView.Of(r.Patient),
            new ConsentView(r.ConsentBy, r.ConsentName, r.ConsentRelation, r.ConsentAt, r.ConsentContentExplained, r.ConsentFeeExplained,
                r.FeeFen is { } fen ? fen / 100m : null),
            r.CreatedBy, r.CreatedAt, r.FirstSubmittedAt, r.ScheduledStart, r.ScheduledEnd, r.ConsultantId, c.Consultant, c.ConsultantTitle,
            r.SessionStartedAt, r.SessionEndedAt, r.Opinion, side == ConsultationSide.Invited ? r.OpinionDraft : null, r.SignedByName, r.SignedAt, r.FiledAt, r.Rating, r.RatingComment, r.ActivityId,
            side, allowed, CanAct(scope) && side == ConsultationSide.Inviting && ConsultationRules.IsEditable(r.State),
            CanAct(scope) && side == ConsultationSide.Invited && ConsultationRules.CanDraftOpinion(r.State), events, attachments, r.Version);
    }
}
