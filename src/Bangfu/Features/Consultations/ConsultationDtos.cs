using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Patients;
using Bangfu.Features.People;

namespace Bangfu.Features.Consultations;

/// 知情同意 as recorded: who consented (the patient, or a relative with the relation), when, whether content and fee
/// were explained, and the fee in yuan.
public sealed record ConsentInput(ConsentGiver? By, string? Name, string? Relation, DateTimeOffset? At, bool ContentExplained, bool FeeExplained, decimal? Fee);

public sealed record ConsentView(ConsentGiver By, string Name, string? Relation, DateTimeOffset At, bool ContentExplained, bool FeeExplained, decimal? Fee);

/// The request form (申请单). The inviting organization is the caller's own.
public sealed record SaveConsultationRequest(
    ConsultationType? Type,
    int? InvitedOrganizationId,
    int? InvitedDepartmentId,
    string? InvitedSpecialty,
    int? PartnershipId,
    int? RequestingPhysicianId,
    int? PreferredExpertId,
    TitleLevel? PreferredTitleLevel,
    ConsultationUrgency? Urgency,
    DateTimeOffset? RequestedFrom,
    DateTimeOffset? RequestedTo,
    ConsultationMode? Mode,
    string? Purpose,
    string? CaseSummary,
    PatientInput? Patient,
    ConsentInput? Consent,
    int? Version = null);

/// The body of every state change; each action reads the fields it needs: a reason (return, decline, cancel), a
/// slot and consultant (schedule), the logged time (session start/end, default now), the opinion (sign), a rating.
public sealed record ConsultationActionRequest(
    int? Version,
    string? Reason = null,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null,
    int? ConsultantId = null,
    DateTimeOffset? At = null,
    string? Opinion = null,
    int? Rating = null,
    string? Comment = null);

public sealed record ConsultationEventDto(DateTimeOffset At, string UserName, ConsultationAction Action, ConsultationState From, ConsultationState To, string? Reason);

public sealed record ConsultationDto(
    int Id,
    ConsultationType Type,
    ConsultationState State,
    int InvitingOrganizationId,
    string InvitingOrganizationName,
    int InvitedOrganizationId,
    string InvitedOrganizationName,
    int? InvitedDepartmentId,
    string? InvitedDepartmentName,
    string? InvitedSpecialty,
    int? PartnershipId,
    string? PartnershipName,
    int? RequestingPhysicianId,
    string? RequestingPhysicianName,
    int? PreferredExpertId,
    string? PreferredExpertName,
    TitleLevel? PreferredTitleLevel,
    ConsultationUrgency Urgency,
    DateTimeOffset? RequestedFrom,
    DateTimeOffset? RequestedTo,
    ConsultationMode Mode,
    string Purpose,
    string CaseSummary,
    PatientView Patient,
    ConsentView Consent,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstSubmittedAt,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    int? ConsultantId,
    string? ConsultantName,
    string? ConsultantTitle,
    DateTimeOffset? SessionStartedAt,
    DateTimeOffset? SessionEndedAt,
    string? Opinion,
    /// The consultant's unsigned text; only the invited side reads it.
    string? OpinionDraft,
    string? SignedByName,
    DateTimeOffset? SignedAt,
    DateTimeOffset? FiledAt,
    int? Rating,
    string? RatingComment,
    long? ActivityId,
    ConsultationSide Side,
    IReadOnlyList<ConsultationAction> AllowedActions,
    bool CanEdit,
    bool CanDraftOpinion,
    IReadOnlyList<ConsultationEventDto> Events,
    IReadOnlyList<AttachmentDto> Attachments,
    int Version);

public sealed record ConsultationListItem(
    int Id,
    ConsultationType Type,
    ConsultationState State,
    ConsultationUrgency Urgency,
    ConsultationMode Mode,
    string InvitingOrganizationName,
    string InvitedOrganizationName,
    string PatientName,
    string Purpose,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstSubmittedAt,
    DateTimeOffset? ScheduledStart,
    ConsultationSide Side);

public sealed record IdNumberDto(string? IdNumber);

/// The opinion as written so far, kept until it is signed.
public sealed record OpinionDraftRequest(string? Opinion, int? Version = null);

public sealed record TypeCount(ConsultationType Type, int Count);

public sealed record StateCount(ConsultationState State, int Count);

public sealed record OrganizationCount(int OrganizationId, string OrganizationName, int Inviting, int Invited);


/// Counts only: never a patient field, so that commissions may read them for their region.
public sealed record ConsultationStatsDto(
    int Total,
    IReadOnlyList<TypeCount> ByType,
    IReadOnlyList<StateCount> ByState,
    IReadOnlyList<OrganizationCount> ByOrganization,
    DurationStats Waiting,
    DurationStats Turnaround,
    decimal FeesSigned,
    decimal FeesRequested);
