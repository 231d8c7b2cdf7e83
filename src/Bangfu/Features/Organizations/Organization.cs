using Bangfu.Common;

namespace Bangfu.Features.Organizations;

public enum OrganizationKind
{
    GeneralHospital,
    TcmHospital,
    MaternalChildHealth,
    ChildrensHospital,
    SpecialtyHospital,
    PrimaryCare,
    HealthCommission,
    Association,
    Government,
    Other,
}

public enum HospitalGrade
{
    Grade3A,
    Grade3B,
    Grade3,
    Grade2A,
    Grade2B,
    Grade2,
    Grade1,
    Ungraded,
}

public sealed class Organization : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public OrganizationKind Kind { get; set; }
    public HospitalGrade Grade { get; set; } = HospitalGrade.Ungraded;

    /// GB/T 2260 administrative division code, six digits.
    public required string RegionCode { get; set; }
    public string? Address { get; set; }
    public bool IsRuralRevitalizationKeyCounty { get; set; }
    public bool IsThreeRegionsThreePrefectures { get; set; }

    /// A coordinator's proposal for the shared registry: out of the directory and never a party, a host or a user's
    /// organization until a system administrator or the commission of its region accepts it.
    public bool IsProposed { get; set; }
    public string? ProposedBy { get; set; }
    public int? ProposedByOrganizationId { get; set; }
    public List<Department> Departments { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class Department : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}
