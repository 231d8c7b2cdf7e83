namespace Bangfu.Features.Partnerships;

public sealed record PartySummary(int OrganizationId, string OrganizationName, PartyRole Role);

public sealed record PartnershipListItem(int Id, PartnershipKind Kind, string Name, PartnershipStatus Status, DateOnly StartDate, DateOnly? EndDate,
    string? Programme, IReadOnlyList<PartySummary> Parties, int MemberCount, int? LatestRound);

public sealed record PartyDto(int Id, int OrganizationId, string OrganizationName, string RegionCode, PartyRole Role, DateOnly JoinedOn, DateOnly? LeftOn,
    int? DockingDepartmentId, string? DockingDepartmentName, int? ResponsiblePersonId, string? ResponsiblePersonName, string? Note, int Version,
    PartyConsent Consent = PartyConsent.Confirmed);

public sealed record AgreementDto(int Id, int Round, string Title, DateOnly SignedOn, DateOnly TermStart, DateOnly? TermEnd, string? Signatories, string? Terms,
    IReadOnlyList<DelegatedRights> DelegatedRights, IReadOnlyList<RetainedItems> RetainedItems, int Version);

public sealed record PartnershipDto(int Id, PartnershipKind Kind, string Name, PartnershipStatus Status, DateOnly StartDate, DateOnly? EndDate,
    string? Programme, string? Description, IReadOnlyList<PartyDto> Parties, IReadOnlyList<AgreementDto> Agreements, int Version, bool CanEdit,
    ProposalState Proposal = ProposalState.InForce, int? ProposedByOrganizationId = null, string? ProposedByOrganizationName = null);

/// One party row waiting for (or refused by) its side; CanDecide when the caller answers for it.
public sealed record ProposalDto(int PartnershipId, string PartnershipName, PartnershipKind Kind, DateOnly StartDate, DateOnly? EndDate,
    ProposalState Proposal, int PartyId, int OrganizationId, string OrganizationName, PartyRole Role, PartyConsent Consent,
    int? ProposedByOrganizationId, string? ProposedByOrganizationName, string? DecidedBy, DateTimeOffset? DecidedAt, int Version, bool CanDecide);

public sealed record ProposalsDto(IReadOnlyList<ProposalDto> Awaiting, IReadOnlyList<ProposalDto> Proposed);

public sealed record DecidePartyRequest(int? Version);

public sealed record PartnershipQuery(string? Q = null, PartnershipKind? Kind = null, PartnershipStatus? Status = null, string? RegionPrefix = null, int? OrganizationId = null);

public sealed record SavePartyRequest(int? OrganizationId, PartyRole? Role, DateOnly? JoinedOn, DateOnly? LeftOn = null,
    int? DockingDepartmentId = null, int? ResponsiblePersonId = null, string? Note = null, int? Version = null);

public sealed record SavePartnershipRequest(PartnershipKind? Kind, string? Name, PartnershipStatus? Status, DateOnly? StartDate, DateOnly? EndDate = null,
    string? Programme = null, string? Description = null, IReadOnlyList<SavePartyRequest>? Parties = null, int? Version = null);

public sealed record SaveAgreementRequest(int? Round, string? Title, DateOnly? SignedOn, DateOnly? TermStart, DateOnly? TermEnd = null,
    string? Signatories = null, string? Terms = null, IReadOnlyList<DelegatedRights>? DelegatedRights = null,
    IReadOnlyList<RetainedItems>? RetainedItems = null, int? Version = null);

public static class FlagLists
{
    public static IReadOnlyList<T> Split<T>(T value) where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt32(f, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(f)).ToList();

    public static T Join<T>(IEnumerable<T>? values) where T : struct, Enum =>
        (T)Enum.ToObject(typeof(T), (values ?? []).Aggregate(0, (acc, f) => acc | Convert.ToInt32(f, System.Globalization.CultureInfo.InvariantCulture)));
}
