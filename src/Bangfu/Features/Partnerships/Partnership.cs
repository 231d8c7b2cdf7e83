using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.People;

namespace Bangfu.Features.Partnerships;

public enum PartnershipKind
{
    CounterpartSupport,
    SpecialtyAlliance,
    MountainSea,
    CloseConsortium,
    Trusteeship,
}

public enum PartnershipStatus
{
    Planned,
    Active,
    Suspended,
    Ended,
}

/// 帮扶方 / 受援方 for one-to-one kinds; 牵头单位 / 成员单位 for alliances and consortia.
public enum PartyRole
{
    Supporting,
    Supported,
    Lead,
    Member,
}

/// Whether a partnership binds its parties yet. The zero value is the old behaviour: rows from before proposals
/// existed are in force.
public enum ProposalState
{
    InForce = 0,
    Proposed = 1,
    Declined = 2,
}

/// A party's answer to being named. Zero (confirmed) is what every party was before proposals existed.
public enum PartyConsent
{
    Confirmed = 0,
    Pending = 1,
    Declined = 2,
}

[Flags]
public enum DelegatedRights
{
    None = 0,
    Management = 1,
    Distribution = 2,
    Personnel = 4,
    Operation = 8,
}

/// The "六个不变" of a trusteeship: what stays with the managed hospital.
[Flags]
public enum RetainedItems
{
    None = 0,
    Affiliation = 1,
    Name = 2,
    FunctionalPositioning = 4,
    AssetOwnership = 8,
    StaffStatus = 16,
    FinancialInvestment = 32,
}

public sealed class Partnership : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public PartnershipKind Kind { get; set; }
    public required string Name { get; set; }
    public PartnershipStatus Status { get; set; } = PartnershipStatus.Active;
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    /// The programme it belongs to, e.g. 东西部协作, 组团式帮扶, 城乡对口支援.
    public string? Programme { get; set; }
    public string? Description { get; set; }

    /// A partnership one party's administrator creates is only proposed: it grants nothing until every party named
    /// confirms (ADR 0002). In force at once when a system administrator creates it, and for older rows.
    public ProposalState Proposal { get; set; }
    public int? ProposedByOrganizationId { get; set; }
    public List<PartnershipParty> Parties { get; set; } = [];
    public List<Agreement> Agreements { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public static bool IsOneToOne(PartnershipKind kind) =>
        kind is PartnershipKind.CounterpartSupport or PartnershipKind.MountainSea or PartnershipKind.Trusteeship;

    /// The roles that a party of this kind of partnership may take.
    public static IReadOnlyList<PartyRole> RolesFor(PartnershipKind kind) =>
        IsOneToOne(kind) ? [PartyRole.Supporting, PartyRole.Supported] : [PartyRole.Lead, PartyRole.Member];

    public static PartyRole ReceivingRole(PartnershipKind kind) => IsOneToOne(kind) ? PartyRole.Supported : PartyRole.Member;

    public static PartyRole GivingRole(PartnershipKind kind) => IsOneToOne(kind) ? PartyRole.Supporting : PartyRole.Lead;
}

public sealed class PartnershipParty : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public PartyRole Role { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }

    /// 对接科室及负责人: who on this side answers for the partnership.
    public int? DockingDepartmentId { get; set; }
    public Department? DockingDepartment { get; set; }
    public int? ResponsiblePersonId { get; set; }
    public Person? ResponsiblePerson { get; set; }
    public string? Note { get; set; }

    /// A party named by another party's administrator counts for nothing (reads, writes, hosting) until its own side
    /// (its administrator, its region's commission or a system administrator) confirms.
    public PartyConsent Consent { get; set; }
    public int? ProposedByOrganizationId { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class Agreement : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }

    /// 第N轮: agreements of a partnership are numbered from 1; a round number is used once.
    public int Round { get; set; }
    public required string Title { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    public string? Signatories { get; set; }
    public string? Terms { get; set; }
    public DelegatedRights DelegatedRights { get; set; }
    public RetainedItems RetainedItems { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}
