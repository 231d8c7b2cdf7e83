using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Organizations;

/// The registry is shared by every hospital: a coordinator proposes an organization, and only a system administrator
/// or the commission of its region puts it in.
public sealed class OrganizationProposalTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveOrganizationRequest New(string region = "513423", string? name = null) =>
        new(name ?? Registry.Unique("提议医院"), null, OrganizationKind.GeneralHospital, HospitalGrade.Grade2A, region, null);

    private async Task<(HttpClient Admin, HttpClient Coordinator, int OwnId)> CoordinatorAsync()
    {
        var admin = await app.AdminAsync();
        var own = await admin.CreateOrganizationAsync(region: "510402");
        return (admin, await app.OrgAdminAsync(admin, own.Id), own.Id);
    }

    private async Task<HttpClient> CommissionAsync(HttpClient admin, string region)
    {
        var commission = await admin.CreateOrganizationAsync(region: region, kind: OrganizationKind.HealthCommission);
        return await app.UserAsync(admin, Roles.Commission, commission.Id);
    }

    [Fact]
    public async Task A_coordinators_new_organization_is_a_proposal_outside_the_directory_that_no_partnership_can_name()
    {
        var (admin, coordinator, ownId) = await CoordinatorAsync();

        var proposed = await (await coordinator.PostJsonAsync("/api/organizations", New())).ReadAsync<OrganizationDto>(HttpStatusCode.Created);

        Assert.True(proposed.IsProposed);
        var reader = await app.UserAsync(admin, Roles.ReadOnly, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/organizations/{proposed.Id}")).StatusCode);
        foreach (var client in new[] { reader, coordinator, admin })
            Assert.Empty((await (await client.GetAsync($"/api/organizations?q={proposed.Name}")).ReadAsync<Page<OrganizationListItem>>()).Items);
        Assert.True((await (await coordinator.GetAsync($"/api/organizations/{proposed.Id}")).ReadAsync<OrganizationDto>()).IsProposed);

        var partnership = await coordinator.PostJsonAsync("/api/partnerships", Registry.NewPartnership(ownId, proposed.Id));
        Assert.NotEmpty(await partnership.FieldErrorAsync("parties[1].organizationId"));
        await (await coordinator.PutJsonAsync($"/api/organizations/{proposed.Id}", New(name: "改名") with { Version = proposed.Version }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_commission_of_its_region_accepts_a_proposal_into_the_directory_and_only_then_can_it_be_a_party()
    {
        var (admin, coordinator, ownId) = await CoordinatorAsync();
        var proposed = await (await coordinator.PostJsonAsync("/api/organizations", New("513423"))).ReadAsync<OrganizationDto>(HttpStatusCode.Created);
        var sichuan = await CommissionAsync(admin, "510000");

        var waiting = await (await sichuan.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>();
        var mine = await (await coordinator.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>();
        var accepted = await (await sichuan.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", new DecideOrganizationRequest(proposed.Version)))
            .ReadAsync<OrganizationDto>();

        Assert.True(waiting.Single(p => p.Id == proposed.Id).CanDecide);
        Assert.False(mine.Single(p => p.Id == proposed.Id).CanDecide);
        Assert.False(accepted.IsProposed);
        Assert.DoesNotContain(await (await sichuan.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>(), p => p.Id == proposed.Id);
        Assert.Equal([proposed.Id], (await (await admin.GetAsync($"/api/organizations?q={proposed.Name}")).ReadAsync<Page<OrganizationListItem>>()).Items.Select(o => o.Id));
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostJsonAsync("/api/partnerships", Registry.NewPartnership(ownId, proposed.Id))).StatusCode);
        await (await sichuan.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", new DecideOrganizationRequest(accepted.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Nobody_else_decides_a_proposal_and_its_proposer_may_only_withdraw_it()
    {
        var (admin, coordinator, _) = await CoordinatorAsync();
        var proposed = await (await coordinator.PostJsonAsync("/api/organizations", New("513423"))).ReadAsync<OrganizationDto>(HttpStatusCode.Created);
        var zhejiang = await CommissionAsync(admin, "330000");
        var otherCoordinator = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync(region: "513423")).Id);
        var decide = new DecideOrganizationRequest(proposed.Version);

        await (await zhejiang.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", decide)).ProblemAsync(HttpStatusCode.NotFound);
        await (await otherCoordinator.PostJsonAsync($"/api/organizations/{proposed.Id}/decline", decide)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await (await zhejiang.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>(), p => p.Id == proposed.Id);
        await (await coordinator.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", decide)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.NotEmpty(await (await admin.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", new DecideOrganizationRequest(null))).FieldErrorAsync("version"));

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostJsonAsync($"/api/organizations/{proposed.Id}/decline", decide)).StatusCode);
        await (await admin.PostJsonAsync($"/api/organizations/{proposed.Id}/accept", decide)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/organizations/{proposed.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_declines_a_proposal_and_accepts_another()
    {
        var (admin, coordinator, _) = await CoordinatorAsync();
        var declined = await (await coordinator.PostJsonAsync("/api/organizations", New("640100"))).ReadAsync<OrganizationDto>(HttpStatusCode.Created);
        var accepted = await (await coordinator.PostJsonAsync("/api/organizations", New("640100"))).ReadAsync<OrganizationDto>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostJsonAsync($"/api/organizations/{declined.Id}/decline", new DecideOrganizationRequest(declined.Version))).StatusCode);
        await (await admin.PostJsonAsync($"/api/organizations/{accepted.Id}/accept", new DecideOrganizationRequest(accepted.Version))).ReadAsync<OrganizationDto>();

        var mine = await (await coordinator.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>();
        Assert.DoesNotContain(mine, p => p.Id == declined.Id || p.Id == accepted.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/organizations/{declined.Id}")).StatusCode);
        Assert.False((await (await coordinator.GetAsync($"/api/organizations/{accepted.Id}")).ReadAsync<OrganizationDto>()).IsProposed);
    }

    [Fact]
    public async Task A_commission_adds_organizations_of_its_own_region_only_and_they_are_in_the_directory_at_once()
    {
        var admin = await app.AdminAsync();
        var sichuan = await CommissionAsync(admin, "510000");

        var added = await (await sichuan.PostJsonAsync("/api/organizations", New("513423"))).ReadAsync<OrganizationDto>(HttpStatusCode.Created);
        var outside = await sichuan.PostJsonAsync("/api/organizations", New("330100"));

        Assert.False(added.IsProposed);
        Assert.NotEmpty(await outside.FieldErrorAsync("regionCode"));
        Assert.Equal([added.Id], (await (await admin.GetAsync($"/api/organizations?q={added.Name}")).ReadAsync<Page<OrganizationListItem>>()).Items.Select(o => o.Id));
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Expert)]
    public async Task Readers_and_experts_neither_add_nor_propose(string role)
    {
        var admin = await app.AdminAsync();
        var client = await app.UserAsync(admin, role, (await admin.CreateOrganizationAsync()).Id);

        await (await client.PostJsonAsync("/api/organizations", New())).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await (await client.GetAsync("/api/organizations/proposals")).ReadAsync<List<OrganizationProposal>>());
    }
}
