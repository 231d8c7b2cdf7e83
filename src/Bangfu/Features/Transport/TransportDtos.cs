using Bangfu.Features.Patients;
using Bangfu.Features.Referrals;

namespace Bangfu.Features.Transport;

public sealed record SaveCentreRequest(int? OrganizationId, string? Name, string? Phone, bool? IsActive = true, int? Version = null);

public sealed record CentreDto(int Id, int OrganizationId, string OrganizationName, string Name, string? Phone, bool IsActive, int VehicleCount, int Version);

public sealed record SaveVehicleRequest(string? Plate, string? VehicleType, string? Equipment, bool? IsActive = true, int? Version = null);

public sealed record VehicleDto(int Id, int CentreId, string Plate, string VehicleType, string? Equipment, bool IsActive, int Version);

public sealed record RequestTransportRequest(int? CentreId, string? PickupPlace, string? Destination, string? PatientCondition, string? EquipmentNeeded);

public sealed record AssignRunRequest(int? VehicleId, IReadOnlyList<int>? CrewIds, DateTimeOffset? PlannedStart, DateTimeOffset? PlannedEnd, int? Version = null);

public enum TransportEvent
{
    Departed,
    Arrived,
    HandedOver,
}

/// A logged time; empty means now.
public sealed record LogTransportRequest(DateTimeOffset? At = null, int? Version = null);

public sealed record CrewMemberDto(int PersonId, string Name);

public sealed record TransportRunDto(int Id, int ReferralId, int CentreId, string CentreName, string PickupPlace, string Destination, string PatientCondition,
    string? EquipmentNeeded, DateTimeOffset RequestedAt, int? VehicleId, string? VehiclePlate, string? VehicleType,
    DateTimeOffset? PlannedStart, DateTimeOffset? PlannedEnd, DateTimeOffset? DepartedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? HandedOverAt,
    IReadOnlyList<CrewMemberDto> Crew, int Version);

/// What a transport centre sees of a request: the run, and of the referral only what the crew needs.
public sealed record TransportRequestItem(TransportRunDto Run, ReferralStatus ReferralStatus, ReferralPriority Priority,
    string FromOrganizationName, string ToOrganizationName, string PatientName, PatientSex PatientSex, int? PatientAgeYears, int? PatientBirthYear,
    string DiagnosisCode, string DiagnosisText);
