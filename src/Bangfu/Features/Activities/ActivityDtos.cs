namespace Bangfu.Features.Activities;

public sealed record ActivityDto(long Id, int PartnershipId, int HostOrganizationId, string HostOrganizationName, int? HostDepartmentId,
    string? HostDepartmentName, int? DispatchId, int? ExpertId, string? ExpertName, ActivityKind Kind, DateOnly Date, bool IsMonthlyTotal,
    int Quantity, ActivityUnit Unit, int Attendees, bool IsOnline, string? Subject, string? Note, int? TechniqueId, int Version);

public sealed record ActivityQuery(int? PartnershipId = null, int? OrganizationId = null, int? ExpertId = null, ActivityKind? Kind = null,
    DateOnly? From = null, DateOnly? To = null);

public sealed record SaveActivityRequest(int? PartnershipId, int? HostOrganizationId, int? HostDepartmentId, int? DispatchId, int? ExpertId,
    ActivityKind? Kind, DateOnly? Date, int? Quantity, ActivityUnit? Unit, int? Attendees = null, bool IsOnline = false,
    bool IsMonthlyTotal = false, string? Subject = null, string? Note = null, int? TechniqueId = null, int? Version = null,
    string? EntryKey = null, string? Reason = null, bool IsApproximate = false);

/// New rows, corrections (each with the version it was read at) and removals, written together or not at all.
public sealed record BulkActivitiesRequest(IReadOnlyList<SaveActivityRequest>? Items, IReadOnlyList<ActivityChange>? Updates = null,
    IReadOnlyList<ActivityRemoval>? Deletes = null);

public sealed record ActivityChange(long Id, SaveActivityRequest? Activity);

public sealed record ActivityRemoval(long Id, int? Version);

/// Sums by kind for a scope and a span of months, read from the monthly rollup only.
public sealed record ActivityTotal(ActivityKind Kind, long Quantity, long Attendees, int Entries);

public sealed record ActivityKindDto(ActivityKind Kind, IReadOnlyList<ActivityUnit> Units, bool CountsAttendees, int MaxQuantityPerEntry);

/// One change of an activity as the audit trail holds it: who, when, what it was and became, and why.
public sealed record ActivityChangeDto(DateTimeOffset At, string UserName, string Action, string? Before, string? After, string? Reason);
