using Bangfu.Features.People;

namespace Bangfu.Features.Dispatches;

public sealed record DispatchDto(int Id, int PartnershipId, string PartnershipName, int ExpertId, string ExpertName, string? ExpertTitle,
    TitleLevel ExpertTitleLevel, int HostOrganizationId, string HostOrganizationName, int? HostDepartmentId, string? HostDepartmentName,
    int? Batch, DispatchMode Mode, DispatchRole Role, DateOnly StartDate, DateOnly EndDate, DateOnly PlannedEndDate, int Days,
    DispatchStatus Status, string? CancelReason, string? Note, int Version);

public sealed record DispatchQuery(int? PartnershipId = null, int? OrganizationId = null, int? ExpertId = null, DispatchMode? Mode = null,
    DispatchStatus? Status = null, DateOnly? From = null, DateOnly? To = null);

public sealed record SaveDispatchRequest(int? PartnershipId, int? ExpertId, int? HostOrganizationId, int? HostDepartmentId, int? Batch,
    DispatchMode? Mode, DispatchRole? Role, DateOnly? StartDate, DateOnly? EndDate, string? Note = null, int? Version = null);

public sealed record ChangeDispatchEndRequest(DateOnly? EndDate, int? Version);

public sealed record CancelDispatchRequest(string? Reason, int? Version);

/// What one entry of a dispatch's history did; extending, ending early and cancelling are told apart from other edits.
public enum DispatchHistoryAction
{
    Created,
    Updated,
    Extended,
    EndedEarly,
    Cancelled,
    Deleted,
}

/// One change to a dispatch: who, when, what (fields with old → new; people, hospitals and departments by name, dates as yyyy-MM-dd).
public sealed record DispatchHistoryEntry(DateTimeOffset At, string UserName, DispatchHistoryAction Action, string? Reason,
    IReadOnlyList<Bangfu.Common.FieldChange> Changes);
