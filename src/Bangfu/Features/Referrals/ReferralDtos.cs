using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Patients;

namespace Bangfu.Features.Referrals;

public sealed record SaveReferralRequest(
    ReferralDirection? Direction,
    int? FromOrganizationId,
    int? FromDepartmentId,
    int? ToOrganizationId,
    int? ToDepartmentId,
    int? PartnershipId,
    PatientInput? Patient,
    string? DiagnosisCode,
    string? DiagnosisText,
    string? History,
    string? Reason,
    int? SigningPhysicianId,
    ReferralPriority? Priority,
    string? Escort = null,
    string? TreatmentGiven = null,
    string? NextTreatmentPlan = null,
    string? RehabilitationPlan = null,
    int? Version = null);

/// A status change; the reason is required to reject and kept for every other change when given.
public sealed record ReferralActionRequest(int? Version = null, string? Reason = null);

public sealed record BackReferralRequest(int? SigningPhysicianId, string? Reason, ReferralPriority? Priority = null);

public sealed record ReferralTransitionDto(ReferralStatus? FromStatus, ReferralStatus ToStatus, DateTimeOffset At, string By, string? Reason);

public sealed record ReferralListItem(int Id, ReferralDirection Direction, ReferralStatus Status, ReferralPriority Priority,
    int FromOrganizationId, string FromOrganizationName, int ToOrganizationId, string ToOrganizationName,
    string PatientName, PatientSex PatientSex, int? PatientAgeYears, int? PatientBirthYear,
    string DiagnosisCode, string DiagnosisText, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, bool HasTransport, int? OriginalReferralId);

public sealed record ReferralDto(int Id, ReferralDirection Direction, ReferralStatus Status, ReferralPriority Priority,
    int FromOrganizationId, string FromOrganizationName, int? FromDepartmentId, string? FromDepartmentName,
    int ToOrganizationId, string ToOrganizationName, int? ToDepartmentId, string? ToDepartmentName,
    int? PartnershipId, string? PartnershipName, PatientView Patient,
    string DiagnosisCode, string DiagnosisText, string? DiagnosisCategoryName, string History, string Reason,
    int SigningPhysicianId, string SigningPhysicianName, string? Escort,
    string? TreatmentGiven, string? NextTreatmentPlan, string? RehabilitationPlan,
    int? OriginalReferralId, IReadOnlyList<int> BackReferralIds, string? RejectionReason,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? SubmittedAt, DateTimeOffset? ReceivedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<ReferralTransitionDto> Transitions, Transport.TransportRunDto? Transport,
    IReadOnlyList<ReferralAction> AllowedActions, bool CanReturn, bool CanEdit, bool CanRequestTransport,
    IReadOnlyList<AttachmentDto> Attachments, int Version);

public sealed record RevealedIdNumber(string? IdNumber);

public sealed record ReferralMonthCount(int OrganizationId, string OrganizationName, int Year, int Month, ReferralDirection Direction, int Count);

public sealed record ReferralStatusCount(ReferralStatus Status, int Count);

/// Counts only: a commission reads these, never a patient field.
public sealed record ReferralStats(IReadOnlyList<ReferralMonthCount> Monthly, IReadOnlyList<ReferralStatusCount> ByStatus,
    DurationStats Transfer);
