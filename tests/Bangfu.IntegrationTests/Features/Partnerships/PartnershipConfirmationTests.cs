using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Partnerships;

/// A partnership one party proposes grants nothing until every other party's side confirms it (ADR 0012).
public sealed class PartnershipConfirmationTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly InForce = new(2024, 3, 5);

    private sealed record Chain(int A, int B, int BDepartment, int BPerson, int Expert, HttpClient AAdmin, HttpClient BAdmin);

    private async Task<Chain> TwoHospitalsAsync(HttpClient admin)
    {
        var a = await admin.CreateOrganizationAsync(region: "330102");
        var b = await admin.CreateOrganizationAsync(region: "513423");
        var dept = await admin.CreateDepartmentAsync(b.Id, "普外科");
        var person = await admin.CreatePersonAsync(b.Id, dept.Id);
        var expert = await admin.CreatePersonAsync(a.Id);
        return new Chain(a.Id, b.Id, dept.Id, person.Id, expert.Id, await app.OrgAdminAsync(admin, a.Id), await app.OrgAdminAsync(admin, b.Id));
    }

    private static SaveActivityRequest FiveSurgeries(Chain c, int partnershipId) =>
        new(partnershipId, c.B, c.BDepartment, null, c.Expert, ActivityKind.Surgery, InForce, 5, ActivityUnit.Tai, 0);

    /// Every way A reached into B's records before B said yes; `allowed` says whether each must now work.
    private static async Task WalkAsync(Chain c, int partnershipId, bool allowed, bool wholePartnershipProposed = true)
    {
        var a = c.AAdmin;
        async Task Read(string url)
        {
            var response = await a.GetAsync(url);
            if (allowed)
                Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            else
                await response.ProblemAsync(HttpStatusCode.NotFound);
        }
        await Read($"/api/people/{c.BPerson}");
        await Read($"/api/dashboards/organizations/{c.B}");
        await Read($"/api/dashboards/organizations/{c.B}/kpis");
        await Read($"/api/indicators/values?organizationId={c.B}&from=2024&to=2024");
        if (wholePartnershipProposed)
            await Read($"/api/dashboards/partnerships/{partnershipId}");
        var people = await (await a.GetAsync($"/api/people?organizationId={c.B}")).ReadAsync<Page<PersonDto>>();
        Assert.Equal(allowed ? 1 : 0, people.Total);

        var values = await a.PostValuesAsync(c.B, (Revenue, "2024", 10m));
        var submit = await a.ApprovalAsync(c.B, "2024", ApprovalAction.Submit);
        var activity = await a.PostJsonAsync("/api/activities", FiveSurgeries(c, partnershipId));
        if (allowed)
        {
            await values.ReadAsync<SaveValuesResult>();
            await submit.ReadAsync<ApprovalDto>();
            await activity.ReadAsync<ActivityDto>(HttpStatusCode.Created);
        }
        else
        {
            Assert.True(values.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"values: {(int)values.StatusCode}");
            Assert.True(submit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"approval: {(int)submit.StatusCode}");
            Assert.True(activity.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"activity: {(int)activity.StatusCode}");
            Assert.Equal("application/problem+json", activity.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_proposed_partnership_grants_nothing_until_the_other_side_confirms_it()
    {
        var admin = await app.AdminAsync();
        var c = await TwoHospitalsAsync(admin);

        var proposed = await (await c.AAdmin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(c.A, c.B))).ReadAsync<PartnershipDto>(HttpStatusCode.Created);
        Assert.Equal(ProposalState.Proposed, proposed.Proposal);
        Assert.Equal(c.A, proposed.ProposedByOrganizationId);
        Assert.Equal(PartyConsent.Pending, proposed.Parties.Single(x => x.OrganizationId == c.B).Consent);
        Assert.Equal(PartyConsent.Confirmed, proposed.Parties.Single(x => x.OrganizationId == c.A).Consent);

        await WalkAsync(c, proposed.Id, allowed: false);
        // Nothing was written behind the refusals.
        Assert.Empty(await admin.ValuesAsync(c.B, "2024", code: Revenue));
        Assert.Equal(0, (await (await admin.GetAsync($"/api/activities?partnershipId={proposed.Id}")).ReadAsync<Page<ActivityDto>>()).Total);

        // B sees what waits for it; A sees what it proposed.
        var forB = await (await c.BAdmin.GetAsync("/api/partnerships/proposals")).ReadAsync<ProposalsDto>();
        var row = Assert.Single(forB.Awaiting);
        Assert.True(row.CanDecide);
        Assert.Equal(proposed.Id, row.PartnershipId);
        var fromA = await (await c.AAdmin.GetAsync("/api/partnerships/proposals")).ReadAsync<ProposalsDto>();
        Assert.False(Assert.Single(fromA.Proposed).CanDecide);
        Assert.Empty(fromA.Awaiting);

        // A cannot confirm for B.
        await (await c.AAdmin.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{row.PartyId}/confirm", new DecidePartyRequest(row.Version)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await WalkAsync(c, proposed.Id, allowed: false);

        var confirmed = await (await c.BAdmin.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{row.PartyId}/confirm", new DecidePartyRequest(row.Version)))
            .ReadAsync<PartyDto>();
        Assert.Equal(PartyConsent.Confirmed, confirmed.Consent);
        var now = await (await c.AAdmin.GetAsync($"/api/partnerships/{proposed.Id}")).ReadAsync<PartnershipDto>();
        Assert.Equal(ProposalState.InForce, now.Proposal);

        await WalkAsync(c, proposed.Id, allowed: true);
        Assert.Empty((await (await c.BAdmin.GetAsync("/api/partnerships/proposals")).ReadAsync<ProposalsDto>()).Awaiting);
        // Answering twice is a conflict, not a second change.
        await (await c.BAdmin.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{row.PartyId}/decline", new DecidePartyRequest(confirmed.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_declined_proposal_stays_without_force_and_a_stranger_cannot_see_it()
    {
        var admin = await app.AdminAsync();
        var c = await TwoHospitalsAsync(admin);
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        var proposed = await (await c.AAdmin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(c.A, c.B))).ReadAsync<PartnershipDto>(HttpStatusCode.Created);
        var party = proposed.Parties.Single(x => x.OrganizationId == c.B);

        await (await stranger.GetAsync($"/api/partnerships/{proposed.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{party.Id}/confirm", new DecidePartyRequest(party.Version)))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await c.BAdmin.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{party.Id}/confirm", new DecidePartyRequest(null))).FieldErrorAsync("version");

        var declined = await (await c.BAdmin.PostJsonAsync($"/api/partnerships/{proposed.Id}/members/{party.Id}/decline", new DecidePartyRequest(party.Version)))
            .ReadAsync<PartyDto>();

        Assert.Equal(PartyConsent.Declined, declined.Consent);
        var after = await (await c.AAdmin.GetAsync($"/api/partnerships/{proposed.Id}")).ReadAsync<PartnershipDto>();
        Assert.Equal(ProposalState.Declined, after.Proposal);
        await WalkAsync(c, proposed.Id, allowed: false);
        // Not in anybody's list of partnerships in force.
        var list = await (await c.AAdmin.GetAsync("/api/partnerships?pageSize=200")).ReadAsync<Page<PartnershipListItem>>();
        Assert.DoesNotContain(proposed.Id, list.Items.Select(x => x.Id));
    }

    [Fact]
    public async Task A_party_added_to_a_partnership_in_force_counts_only_once_its_side_confirms()
    {
        var admin = await app.AdminAsync();
        var c = await TwoHospitalsAsync(admin);
        var other = await admin.CreateOrganizationAsync(region: "513400");
        var partnership = await admin.CreatePartnershipAsync(c.A, other.Id);
        Assert.Equal(ProposalState.InForce, partnership.Proposal);

        var added = await (await c.AAdmin.PostJsonAsync($"/api/partnerships/{partnership.Id}/members", new SavePartyRequest(c.B, PartyRole.Supported, new DateOnly(2024, 1, 1))))
            .ReadAsync<PartyDto>(HttpStatusCode.Created);
        Assert.Equal(PartyConsent.Pending, added.Consent);
        await WalkAsync(c, partnership.Id, allowed: false, wholePartnershipProposed: false);

        // The region's commission answers for B's side too.
        var commissionOrg = await admin.CreateOrganizationAsync(Registry.Unique("四川省卫健委"), "510000", Bangfu.Features.Organizations.OrganizationKind.HealthCommission,
            Bangfu.Features.Organizations.HospitalGrade.Ungraded);
        var commission = await app.UserAsync(admin, Roles.Commission, commissionOrg.Id);
        await (await commission.PostJsonAsync($"/api/partnerships/{partnership.Id}/members/{added.Id}/confirm", new DecidePartyRequest(added.Version)))
            .ReadAsync<PartyDto>();

        await WalkAsync(c, partnership.Id, allowed: true);
    }

    [Fact]
    public async Task A_system_administrators_partnership_is_in_force_at_once()
    {
        var admin = await app.AdminAsync();
        var c = await TwoHospitalsAsync(admin);

        var p = await admin.CreatePartnershipAsync(c.A, c.B);

        Assert.Equal(ProposalState.InForce, p.Proposal);
        Assert.All(p.Parties, x => Assert.Equal(PartyConsent.Confirmed, x.Consent));
        await WalkAsync(c, p.Id, allowed: true);
    }
}
