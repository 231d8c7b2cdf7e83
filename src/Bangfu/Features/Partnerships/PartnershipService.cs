using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Partnerships;

public sealed class PartnershipService(AppDbContextFactory dbf)
{
    public static readonly string[] Sortable = ["name", "startDate", "kind", "status"];

    public async Task<Page<PartnershipListItem>> ListAsync(AccessScope scope, PartnershipQuery query, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, Sortable);
        if (query.RegionPrefix is { } rp && (rp.Length > 6 || !rp.All(char.IsAsciiDigit)))
            v.Add("regionPrefix", "Error.RegionPrefix");
        v.ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = db.Visible(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
            q = q.Where(p => p.Name.Contains(query.Q) || p.Parties.Any(x => x.Organization!.Name.Contains(query.Q)));
        if (query.Kind is { } kind)
            q = q.Where(p => p.Kind == kind);
        if (query.Status is { } status)
            q = q.Where(p => p.Status == status);
        if (!string.IsNullOrEmpty(query.RegionPrefix))
            q = q.Where(p => p.Parties.Any(x => x.Organization!.RegionCode.StartsWith(query.RegionPrefix)));
        if (query.OrganizationId is { } org)
            q = q.Where(p => p.Parties.Any(x => x.OrganizationId == org));
        var total = await q.CountAsync(ct);
        q = page.Sort?.ToLowerInvariant() switch
        {
            "startdate" => q.SortBy(p => p.StartDate, page.Desc).ThenBy(p => p.Id),
            "kind" => q.SortBy(p => p.Kind, page.Desc).ThenBy(p => p.Id),
            "status" => q.SortBy(p => p.Status, page.Desc).ThenBy(p => p.Id),
            _ => q.SortBy(p => p.Name, page.Desc).ThenBy(p => p.Id),
        };
        var rows = await q.TakePage(page).Select(p => new
        {
            p.Id,
            p.Kind,
            p.Name,
            p.Status,
            p.StartDate,
            p.EndDate,
            p.Programme,
            MemberCount = p.Parties.Count(x => x.DeletedAt == null),
            LatestRound = p.Agreements.Where(a => a.DeletedAt == null).Max(a => (int?)a.Round),
        })
            .ToListAsync(ct);
        // Alliances have hundreds of members: the list shows the giving side and the first three others,
        // chosen in SQL for the whole page at once.
        var ids = rows.Select(r => r.Id).ToList();
        var parties = (await db.PartnershipParties.AsNoTracking()
                .Where(x => ids.Contains(x.PartnershipId))
                .Where(x => x.Role == PartyRole.Supporting || x.Role == PartyRole.Lead
                    || db.PartnershipParties.Count(y => y.PartnershipId == x.PartnershipId && y.Id < x.Id
                        && y.Role != PartyRole.Supporting && y.Role != PartyRole.Lead) < 3)
                .OrderBy(x => x.Role == PartyRole.Supporting || x.Role == PartyRole.Lead ? 0 : 1).ThenBy(x => x.Id)
                .Select(x => new { x.PartnershipId, Party = new PartySummary(x.OrganizationId, x.Organization!.Name, x.Role) })
                .ToListAsync(ct))
            .ToLookup(x => x.PartnershipId, x => x.Party);
        var items = rows.Select(r => new PartnershipListItem(r.Id, r.Kind, r.Name, r.Status, r.StartDate, r.EndDate, r.Programme,
            parties[r.Id].ToList(), r.MemberCount, r.LatestRound)).ToList();
        return new Page<PartnershipListItem>(items, total);
    }

    public async Task<PartnershipDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var p = await db.VisibleWithProposals(scope).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Kind, x.Name, x.Status, x.StartDate, x.EndDate, x.Programme, x.Description, x.Version, x.Proposal, x.ProposedByOrganizationId })
            .FirstOrDefaultAsync(ct);
        if (p is null)
            return null;
        var parties = await PartiesQuery(db, id).ToListAsync(ct);
        var agreements = await AgreementsAsync(db, id, ct);
        var canEdit = scope.IsAdmin || (scope.IsOrgAdmin && parties.Any(x => x.OrganizationId == scope.OrganizationId && x.Consent == PartyConsent.Confirmed));
        var proposer = p.ProposedByOrganizationId is { } by
            ? await db.Organizations.Where(o => o.Id == by).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : null;
        return new PartnershipDto(p.Id, p.Kind, p.Name, p.Status, p.StartDate, p.EndDate, p.Programme, p.Description, parties, agreements, p.Version, canEdit,
            p.Proposal, p.ProposedByOrganizationId, proposer);
    }

    public async Task<PartnershipDto> CreateAsync(AccessScope scope, SavePartnershipRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        var v = CheckHeader(request);
        var parties = request.Parties ?? [];
        if (request.Kind is { } kind && Enum.IsDefined(kind))
        {
            // A party left null names nobody: refused by its place in the list, the others checked as usual.
            for (var i = 0; i < parties.Count; i++)
            {
                if (parties[i] is null)
                    v.Add($"parties[{i}]", "Error.Required");
                else
                    await CheckPartyAsync(db, v, $"parties[{i}]", kind, parties[i], ct);
            }
            var given = parties.Where(x => x is not null).ToList();
            CheckComposition(v, kind, given.Select(x => x.Role));
            if (given.Select(x => x.OrganizationId).Where(o => o is not null).GroupBy(o => o).Any(g => g.Count() > 1))
                v.Add("parties", "Error.DuplicateParty");
            if (!scope.IsAdmin && !given.Any(x => x.OrganizationId == scope.OrganizationId))
                v.Add("parties", "Error.MustIncludeOwnOrganization");
        }
        v.ThrowIfAny();
        var partnership = new Partnership { Name = request.Name!.Trim() };
        ApplyHeader(partnership, request);
        foreach (var party in parties)
        {
            var entity = new PartnershipParty();
            ApplyParty(entity, party, partnership.StartDate);
            Propose(scope, entity);
            partnership.Parties.Add(entity);
        }
        if (partnership.Parties.Any(x => x.Consent == PartyConsent.Pending))
        {
            partnership.Proposal = ProposalState.Proposed;
            partnership.ProposedByOrganizationId = scope.OrganizationId;
        }
        db.Partnerships.Add(partnership);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, partnership.Id, ct))!;
    }

    public async Task<PartnershipDto?> UpdateAsync(AccessScope scope, int id, SavePartnershipRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        if (partnership is null)
            return null;
        CheckHeader(request).ThrowIfAny();
        VersionCheck.Ensure(partnership, request.Version);
        if (request.Kind != partnership.Kind)
        {
            var allowed = Partnership.RolesFor(request.Kind!.Value);
            if (partnership.Parties.Any(x => x.DeletedAt == null && !allowed.Contains(x.Role)))
                throw new DomainRuleException("Rule.KindChangeRoles");
        }
        ApplyHeader(partnership, request);
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        if (partnership is null)
            return false;
        if (version is not null)
            VersionCheck.Ensure(partnership, version);
        partnership.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<PartyDto>?> ListMembersAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.VisibleWithProposals(scope).AnyAsync(p => p.Id == id, ct))
            return null;
        return await PartiesQuery(db, id).ToListAsync(ct);
    }

    public async Task<PartyDto?> AddMemberAsync(AccessScope scope, int id, SavePartyRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        // The parties are read under the partnership's lock, so that one organization cannot be added twice at once.
        await using var rule = await db.TakeAsync(GuardedRule.PartnershipParties, id, ct);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        if (partnership is null)
            return null;
        var v = new Validation();
        await CheckPartyAsync(db, v, "", partnership.Kind, request, ct);
        v.ThrowIfAny();
        if (Standing(partnership).Any(x => x.OrganizationId == request.OrganizationId && x.LeftOn == null))
            throw new DomainRuleException("Rule.AlreadyMember");
        var party = new PartnershipParty { PartnershipId = id };
        ApplyParty(party, request, partnership.StartDate);
        Propose(scope, party);
        db.PartnershipParties.Add(party);
        await db.SaveChangesAsync(ct);
        await rule.CommitAsync(ct);
        return await PartiesQuery(db, id, party.Id).FirstAsync(ct);
    }

    public async Task<PartyDto?> UpdateMemberAsync(AccessScope scope, int id, int partyId, SavePartyRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        var party = partnership?.Parties.FirstOrDefault(x => x.Id == partyId && x.DeletedAt == null);
        if (partnership is null || party is null)
            return null;
        var v = new Validation();
        await CheckPartyAsync(db, v, "", partnership.Kind, request, ct);
        v.ThrowIfAny();
        VersionCheck.Ensure(party, request.Version);
        if (Standing(partnership).Any(x => x.Id != partyId && x.OrganizationId == request.OrganizationId && x.LeftOn == null))
            throw new DomainRuleException("Rule.AlreadyMember");
        var roles = Standing(partnership).Where(x => x.Id != partyId && x.LeftOn == null).Select(x => (PartyRole?)x.Role).ToList();
        if (request.LeftOn is null)
            roles.Add(request.Role);
        EnsureComposition(partnership.Kind, roles);
        // Pointing a confirmed row at another organization would name it without its consent.
        var renamed = party.OrganizationId != request.OrganizationId;
        ApplyParty(party, request, partnership.StartDate);
        if (renamed)
            Propose(scope, party);
        await db.SaveChangesAsync(ct);
        return await PartiesQuery(db, id, party.Id).FirstAsync(ct);
    }

    public async Task<bool> RemoveMemberAsync(AccessScope scope, int id, int partyId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        var party = partnership?.Parties.FirstOrDefault(x => x.Id == partyId && x.DeletedAt == null);
        if (partnership is null || party is null)
            return false;
        EnsureComposition(partnership.Kind, Standing(partnership).Where(x => x.Id != partyId && x.LeftOn == null).Select(x => (PartyRole?)x.Role));
        party.DeletedAt = db.Clock.GetUtcNow();
        Settle(partnership);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<AgreementDto>?> ListAgreementsAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == id, ct))
            return null;
        return await AgreementsAsync(db, id, ct);
    }

    public async Task<AgreementDto?> AddAgreementAsync(AccessScope scope, int id, SaveAgreementRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        if (partnership is null)
            return null;
        CheckAgreement(partnership.Kind, request).ThrowIfAny();
        if (await db.Agreements.AnyAsync(a => a.PartnershipId == id && a.Round == request.Round, ct))
            throw new DomainRuleException("Rule.DuplicateRound", request.Round!.Value);
        var agreement = new Agreement { PartnershipId = id, Title = request.Title!.Trim() };
        ApplyAgreement(agreement, request);
        db.Agreements.Add(agreement);
        await SaveAgreementAsync(db, scope, agreement, ct);
        return (await AgreementsAsync(db, id, ct)).First(a => a.Id == agreement.Id);
    }

    public async Task<AgreementDto?> UpdateAgreementAsync(AccessScope scope, int id, int agreementId, SaveAgreementRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        var agreement = partnership is null ? null : await db.Agreements.FirstOrDefaultAsync(a => a.Id == agreementId && a.PartnershipId == id, ct);
        if (partnership is null || agreement is null)
            return null;
        CheckAgreement(partnership.Kind, request).ThrowIfAny();
        VersionCheck.Ensure(agreement, request.Version);
        if (await db.Agreements.AnyAsync(a => a.PartnershipId == id && a.Round == request.Round && a.Id != agreementId, ct))
            throw new DomainRuleException("Rule.DuplicateRound", request.Round!.Value);
        ApplyAgreement(agreement, request);
        await SaveAgreementAsync(db, scope, agreement, ct);
        return (await AgreementsAsync(db, id, ct)).First(a => a.Id == agreement.Id);
    }

    /// Two simultaneous saves of one round both pass the check before them; the unique index stops the later one,
    /// which must then hear the same 409 as if it had come second.
    private async Task SaveAgreementAsync(AppDbContext db, AccessScope scope, Agreement agreement, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var check = dbf.CreateFor(scope);
            if (await check.Agreements.AnyAsync(a => a.PartnershipId == agreement.PartnershipId && a.Round == agreement.Round && a.Id != agreement.Id, ct))
                throw new DomainRuleException("Rule.DuplicateRound", agreement.Round);
            throw;
        }
    }

    public async Task<bool> DeleteAgreementAsync(AccessScope scope, int id, int agreementId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await LoadForChangeAsync(db, scope, id, ct);
        var agreement = partnership is null ? null : await db.Agreements.FirstOrDefaultAsync(a => a.Id == agreementId && a.PartnershipId == id, ct);
        if (agreement is null)
            return false;
        agreement.DeletedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// What waits for the caller's answer (parties it answers for) and what its organization proposed to others.
    public async Task<ProposalsDto> ProposalsAsync(AccessScope scope, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var rows = db.PartnershipParties.IgnoreQueryFilters([PartnershipFilters.InForce]).AsNoTracking()
            .Where(x => x.Partnership!.DeletedAt == null);
        IQueryable<PartnershipParty> awaiting;
        if (scope.IsAdmin)
            awaiting = rows.Where(x => x.Consent == PartyConsent.Pending);
        else if (scope.ReadsRegion)
            awaiting = rows.Where(x => x.Consent == PartyConsent.Pending && x.Organization!.RegionCode.StartsWith(scope.RegionPrefix!));
        else if (scope.IsOrgAdmin && scope.OrganizationId is { } org)
            awaiting = rows.Where(x => x.Consent == PartyConsent.Pending && x.OrganizationId == org);
        else
            awaiting = rows.Where(x => false);
        var proposed = scope.OrganizationId is { } own
            ? rows.Where(x => x.Consent != PartyConsent.Confirmed && x.ProposedByOrganizationId == own)
            : rows.Where(x => false);
        return new ProposalsDto(await ProposalRowsAsync(db, scope, awaiting, ct), await ProposalRowsAsync(db, scope, proposed, ct));
    }

    private const int MaxProposals = 200;

    private static async Task<IReadOnlyList<ProposalDto>> ProposalRowsAsync(AppDbContext db, AccessScope scope, IQueryable<PartnershipParty> rows, CancellationToken ct)
    {
        var list = await rows.OrderByDescending(x => x.Id).Take(MaxProposals)
            .Select(x => new
            {
                x.Id,
                x.PartnershipId,
                x.Partnership!.Name,
                x.Partnership.Kind,
                x.Partnership.StartDate,
                x.Partnership.EndDate,
                x.Partnership.Proposal,
                x.OrganizationId,
                OrganizationName = x.Organization!.Name,
                x.Organization.RegionCode,
                x.Role,
                x.Consent,
                x.ProposedByOrganizationId,
                ProposedBy = db.Organizations.Where(o => o.Id == x.ProposedByOrganizationId).Select(o => o.Name).FirstOrDefault(),
                x.DecidedBy,
                x.DecidedAt,
                x.Version,
            })
            .ToListAsync(ct);
        return list.Select(x => new ProposalDto(x.PartnershipId, x.Name, x.Kind, x.StartDate, x.EndDate, x.Proposal, x.Id, x.OrganizationId, x.OrganizationName,
            x.Role, x.Consent, x.ProposedByOrganizationId, x.ProposedBy, x.DecidedBy, x.DecidedAt, x.Version,
            x.Consent == PartyConsent.Pending && PartnershipScope.CanDecideFor(scope, x.OrganizationId, x.RegionCode))).ToList();
    }

    /// Confirms or declines a party named by another: null when the caller cannot see the partnership (404), 403 when
    /// it does not answer for that party, 409 when the party no longer waits.
    public async Task<PartyDto?> DecideAsync(AccessScope scope, int id, int partyId, DecidePartyRequest request, bool confirm, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnership = await db.VisibleWithProposals(scope).Include(p => p.Parties).ThenInclude(x => x.Organization)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        var party = partnership?.Parties.FirstOrDefault(x => x.Id == partyId && x.DeletedAt == null);
        if (partnership is null || party is null)
            return null;
        if (!PartnershipScope.CanDecideFor(scope, party.OrganizationId, party.Organization!.RegionCode))
            throw new AccessDeniedException();
        if (request.Version is null)
            new Validation().Add("version", "Error.Required").ThrowIfAny();
        if (party.Consent != PartyConsent.Pending)
            throw new DomainRuleException("Ptn.NotPending");
        VersionCheck.Ensure(party, request.Version);
        party.Consent = confirm ? PartyConsent.Confirmed : PartyConsent.Declined;
        party.DecidedBy = scope.UserName;
        party.DecidedAt = db.Clock.GetUtcNow();
        if (!confirm && partnership.Proposal == ProposalState.Proposed)
            partnership.Proposal = ProposalState.Declined;
        Settle(partnership);
        await db.SaveChangesAsync(ct);
        return await PartiesQuery(db, id, party.Id).FirstAsync(ct);
    }

    public async Task<IReadOnlyList<HistoryEntry>?> HistoryAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        // A deleted partnership keeps its history, readable by those who could read the partnership.
        if (!await db.Visible(scope).IgnoreQueryFilters().AnyAsync(p => p.Id == id, ct))
            return null;
        var key = AuditHistory.Key(id);
        var partyIds = await db.PartnershipParties.IgnoreQueryFilters().Where(x => x.PartnershipId == id)
            .Select(x => x.Id).ToListAsync(ct);
        var agreementIds = await db.Agreements.IgnoreQueryFilters().Where(x => x.PartnershipId == id)
            .Select(x => x.Id).ToListAsync(ct);
        var partyKeys = partyIds.Select(AuditHistory.Key).ToList();
        var agreementKeys = agreementIds.Select(AuditHistory.Key).ToList();
        return await AuditHistory.ReadAsync(db, a => (a.EntityType == nameof(Partnership) && a.EntityId == key)
            || (a.EntityType == nameof(PartnershipParty) && partyKeys.Contains(a.EntityId))
            || (a.EntityType == nameof(Agreement) && agreementKeys.Contains(a.EntityId)), ct);
    }

    /// Loads a partnership the caller may change: null when it cannot even see it (404), 403 when it can see but not change it.
    private static async Task<Partnership?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var partnership = await db.VisibleWithProposals(scope).Include(p => p.Parties).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null)
            return null;
        if (!PartnershipScope.CanChange(scope, partnership))
            throw new AccessDeniedException();
        return partnership;
    }

    // The party filter goes before the projection: EF cannot translate a filter on the record it builds.
    private static IQueryable<PartyDto> PartiesQuery(AppDbContext db, int partnershipId, int? partyId = null) =>
        db.PartnershipParties.IgnoreQueryFilters([PartnershipFilters.InForce]).AsNoTracking()
            .Where(x => x.PartnershipId == partnershipId && (partyId == null || x.Id == partyId))
            .OrderBy(x => x.Role == PartyRole.Supporting || x.Role == PartyRole.Lead ? 0 : 1).ThenBy(x => x.JoinedOn).ThenBy(x => x.Id)
            .Select(x => new PartyDto(x.Id, x.OrganizationId, x.Organization!.Name, x.Organization.RegionCode, x.Role, x.JoinedOn, x.LeftOn,
                x.DockingDepartmentId, x.DockingDepartment != null ? x.DockingDepartment.Name : null,
                x.ResponsiblePersonId, x.ResponsiblePerson != null ? x.ResponsiblePerson.Name : null, x.Note, x.Version, x.Consent));

    /// The parties that stand or may still stand: a declined row names nobody.
    private static IEnumerable<PartnershipParty> Standing(Partnership partnership) =>
        partnership.Parties.Where(x => x.DeletedAt == null && x.Consent != PartyConsent.Declined);

    /// A party named by an organization's administrator waits for its own side, unless it is that organization;
    /// a system administrator's word stands for every side.
    private static void Propose(AccessScope scope, PartnershipParty party)
    {
        var confirmed = scope.IsAdmin || party.OrganizationId == scope.OrganizationId;
        party.Consent = confirmed ? PartyConsent.Confirmed : PartyConsent.Pending;
        party.ProposedByOrganizationId = confirmed ? null : scope.OrganizationId;
        party.DecidedBy = null;
        party.DecidedAt = null;
    }

    /// A proposal comes into force when no named party is still waiting.
    private static void Settle(Partnership partnership)
    {
        if (partnership.Proposal == ProposalState.Proposed && !partnership.Parties.Any(x => x.DeletedAt == null && x.Consent == PartyConsent.Pending))
            partnership.Proposal = ProposalState.InForce;
    }

    private static async Task<IReadOnlyList<AgreementDto>> AgreementsAsync(AppDbContext db, int partnershipId, CancellationToken ct)
    {
        var rows = await db.Agreements.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Round).ToListAsync(ct);
        return rows.Select(a => new AgreementDto(a.Id, a.Round, a.Title, a.SignedOn, a.TermStart, a.TermEnd, a.Signatories, a.Terms,
            FlagLists.Split(a.DelegatedRights), FlagLists.Split(a.RetainedItems), a.Version)).ToList();
    }

    private static Validation CheckHeader(SavePartnershipRequest r)
    {
        var v = new Validation()
            .Defined("kind", r.Kind)
            .Required("name", r.Name, 120)
            .Optional("programme", r.Programme, 60)
            .Optional("description", r.Description, 4000);
        if (r.Status is { } s && !Enum.IsDefined(s))
            v.Add("status", "Error.UnknownValue");
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        return v;
    }

    private static void CheckComposition(Validation v, PartnershipKind kind, IEnumerable<PartyRole?> roles)
    {
        var list = roles.ToList();
        if (!list.Contains(Partnership.GivingRole(kind)))
            v.Add("parties", Partnership.IsOneToOne(kind) ? "Error.NeedsSupportingParty" : "Error.NeedsLeadParty");
        if (!list.Contains(Partnership.ReceivingRole(kind)))
            v.Add("parties", Partnership.IsOneToOne(kind) ? "Error.NeedsSupportedParty" : "Error.NeedsMemberParty");
    }

    private static void EnsureComposition(PartnershipKind kind, IEnumerable<PartyRole?> remaining)
    {
        var list = remaining.ToList();
        if (!list.Contains(Partnership.GivingRole(kind)))
            throw new DomainRuleException(Partnership.IsOneToOne(kind) ? "Error.NeedsSupportingParty" : "Error.NeedsLeadParty");
        if (!list.Contains(Partnership.ReceivingRole(kind)))
            throw new DomainRuleException(Partnership.IsOneToOne(kind) ? "Error.NeedsSupportedParty" : "Error.NeedsMemberParty");
    }

    private static async Task CheckPartyAsync(AppDbContext db, Validation v, string prefix, PartnershipKind kind, SavePartyRequest r, CancellationToken ct)
    {
        string F(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
        if (r.OrganizationId is null)
            v.Add(F("organizationId"), "Error.Required");
        else if (!await db.Organizations.AnyAsync(o => o.Id == r.OrganizationId, ct))
            v.Add(F("organizationId"), "Error.UnknownOrganization");
        if (r.Role is null)
            v.Add(F("role"), "Error.Required");
        else if (!Enum.IsDefined(r.Role.Value) || !Partnership.RolesFor(kind).Contains(r.Role.Value))
            v.Add(F("role"), "Error.RoleNotForKind");
        v.DateOrder(F("leftOn"), r.JoinedOn, r.LeftOn);
        v.Optional(F("note"), r.Note, 500);
        if (r.DockingDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.OrganizationId, ct))
            v.Add(F("dockingDepartmentId"), "Error.UnknownDepartment");
        if (r.ResponsiblePersonId is { } person && !await db.People.AnyAsync(p => p.Id == person && p.OrganizationId == r.OrganizationId, ct))
            v.Add(F("responsiblePersonId"), "Error.UnknownPerson");
    }

    private static Validation CheckAgreement(PartnershipKind kind, SaveAgreementRequest r)
    {
        var v = new Validation()
            .Positive("round", r.Round)
            .Required("title", r.Title, 200)
            .Optional("signatories", r.Signatories, 500)
            .Optional("terms", r.Terms, 20000);
        if (r.Round > 99)
            v.Add("round", "Error.Range", 1, 99);
        if (r.SignedOn is null)
            v.Add("signedOn", "Error.Required");
        if (r.TermStart is null)
            v.Add("termStart", "Error.Required");
        v.DateOrder("termEnd", r.TermStart, r.TermEnd);
        if (kind != PartnershipKind.Trusteeship && (r.DelegatedRights?.Count ?? 0) > 0)
            v.Add("delegatedRights", "Error.TrusteeshipOnly");
        if (kind != PartnershipKind.Trusteeship && (r.RetainedItems?.Count ?? 0) > 0)
            v.Add("retainedItems", "Error.TrusteeshipOnly");
        if (r.DelegatedRights?.Any(x => !Enum.IsDefined(x) || x == DelegatedRights.None) == true)
            v.Add("delegatedRights", "Error.UnknownValue");
        if (r.RetainedItems?.Any(x => !Enum.IsDefined(x) || x == RetainedItems.None) == true)
            v.Add("retainedItems", "Error.UnknownValue");
        return v;
    }

    private static void ApplyHeader(Partnership p, SavePartnershipRequest r)
    {
        p.Kind = r.Kind!.Value;
        p.Name = r.Name!.Trim();
        p.Status = r.Status ?? PartnershipStatus.Active;
        p.StartDate = r.StartDate!.Value;
        p.EndDate = r.EndDate;
        p.Programme = r.Programme;
        p.Description = r.Description;
    }

    private static void ApplyParty(PartnershipParty p, SavePartyRequest r, DateOnly defaultJoined)
    {
        p.OrganizationId = r.OrganizationId!.Value;
        p.Role = r.Role!.Value;
        p.JoinedOn = r.JoinedOn ?? defaultJoined;
        p.LeftOn = r.LeftOn;
        p.DockingDepartmentId = r.DockingDepartmentId;
        p.ResponsiblePersonId = r.ResponsiblePersonId;
        p.Note = r.Note;
    }

    private static void ApplyAgreement(Agreement a, SaveAgreementRequest r)
    {
        a.Round = r.Round!.Value;
        a.Title = r.Title!.Trim();
        a.SignedOn = r.SignedOn!.Value;
        a.TermStart = r.TermStart!.Value;
        a.TermEnd = r.TermEnd;
        a.Signatories = r.Signatories;
        a.Terms = r.Terms;
        a.DelegatedRights = FlagLists.Join(r.DelegatedRights);
        a.RetainedItems = FlagLists.Join(r.RetainedItems);
    }
}
