using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Partnerships;

/// A partnership is private to its parties (and the commission of their region): to anyone else it does not exist.
public sealed class PartnershipAccessTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SavePartnershipRequest Header(PartnershipDto p, string name) =>
        new(p.Kind, name, p.Status, p.StartDate, p.EndDate, p.Programme, p.Description, null, p.Version);

    private static SaveAgreementRequest Agreement(int round, int? version = null) =>
        new(round, $"第{round}轮协议", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1), Version: version);

    [Fact]
    public async Task Outsider_organization_admin_gets_404_on_every_route_of_a_partnership_it_is_not_part_of()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var bc = await admin.CreatePartnershipAsync(b.Id, c.Id);
        var party = bc.Parties.Single(x => x.OrganizationId == c.Id);
        var agreement = await (await admin.PostJsonAsync($"/api/partnerships/{bc.Id}/agreements", Agreement(1))).ReadAsync<AgreementDto>(HttpStatusCode.Created);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);
        var url = $"/api/partnerships/{bc.Id}";

        await (await aAdmin.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PutJsonAsync(url, Header(bc, "抢改"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.GetAsync(url + "/history")).ProblemAsync(HttpStatusCode.NotFound);

        await (await aAdmin.GetAsync(url + "/members")).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PostJsonAsync(url + "/members", new SavePartyRequest(a.Id, PartyRole.Supported, null))).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PutJsonAsync($"{url}/members/{party.Id}",
            new SavePartyRequest(c.Id, PartyRole.Supported, party.JoinedOn, Note: "抢改", Version: party.Version))).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.DeleteAsync($"{url}/members/{party.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        await (await aAdmin.GetAsync(url + "/agreements")).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PostJsonAsync(url + "/agreements", Agreement(2))).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PutJsonAsync($"{url}/agreements/{agreement.Id}", Agreement(1, 0) with { Title = "抢改" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.DeleteAsync($"{url}/agreements/{agreement.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        // Nothing changed behind the 404s.
        var after = await (await admin.GetAsync(url)).ReadAsync<PartnershipDto>();
        Assert.Equal(bc.Name, after.Name);
        Assert.Equal(0, after.Version);
        Assert.Equal(2, after.Parties.Count);
        Assert.Equal([(agreement.Id, agreement.Title)], after.Agreements.Select(x => (x.Id, x.Title)));
        Assert.Null(after.Parties.Single(x => x.Id == party.Id).Note);
    }

    [Fact]
    public async Task Outsider_organization_admin_does_not_see_the_partnership_in_the_list()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var bc = await admin.CreatePartnershipAsync(b.Id, c.Id);
        var ac = await admin.CreatePartnershipAsync(a.Id, c.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var all = await (await aAdmin.GetAsync("/api/partnerships?pageSize=200")).ReadAsync<Page<PartnershipListItem>>();
        var byName = await (await aAdmin.GetAsync($"/api/partnerships?q={bc.Name}")).ReadAsync<Page<PartnershipListItem>>();
        var byParty = await (await aAdmin.GetAsync($"/api/partnerships?organizationId={b.Id}")).ReadAsync<Page<PartnershipListItem>>();

        Assert.Equal([ac.Id], all.Items.Select(x => x.Id));
        Assert.Equal(1, all.Total);
        Assert.Equal(0, byName.Total);
        Assert.Equal(0, byParty.Total);
    }

    [Fact]
    public async Task Party_organization_admin_reads_and_changes_its_partnership()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var ac = await admin.CreatePartnershipAsync(a.Id, c.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var seen = await (await aAdmin.GetAsync($"/api/partnerships/{ac.Id}")).ReadAsync<PartnershipDto>();
        var updated = await (await aAdmin.PutJsonAsync($"/api/partnerships/{ac.Id}", Header(ac, "我方改名"))).ReadAsync<PartnershipDto>();
        var agreement = await (await aAdmin.PostJsonAsync($"/api/partnerships/{ac.Id}/agreements", Agreement(1))).ReadAsync<AgreementDto>(HttpStatusCode.Created);

        Assert.True(seen.CanEdit);
        Assert.Equal("我方改名", updated.Name);
        Assert.Equal(1, agreement.Round);
    }

    [Fact]
    public async Task Organization_admin_creates_a_partnership_only_if_its_organization_is_a_party()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var refused = await aAdmin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(b.Id, c.Id));
        var messages = await refused.FieldErrorAsync("parties");
        var created = await aAdmin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(a.Id, c.Id));

        Assert.Equal(["须包括本机构作为参与方。"], messages);
        await created.ReadAsync<PartnershipDto>(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Expert)]
    public async Task Users_who_only_read_see_their_partnerships_but_cannot_write(string role)
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var ac = await admin.CreatePartnershipAsync(a.Id, c.Id);
        var party = ac.Parties[1];
        var agreement = await (await admin.PostJsonAsync($"/api/partnerships/{ac.Id}/agreements", Agreement(1))).ReadAsync<AgreementDto>(HttpStatusCode.Created);
        var client = await app.UserAsync(admin, role, a.Id);
        var url = $"/api/partnerships/{ac.Id}";

        var seen = await (await client.GetAsync(url)).ReadAsync<PartnershipDto>();
        Assert.False(seen.CanEdit);
        await (await client.GetAsync(url + "/members")).ReadAsync<List<PartyDto>>();
        await (await client.GetAsync(url + "/agreements")).ReadAsync<List<AgreementDto>>();
        await (await client.GetAsync(url + "/history")).ReadAsync<List<HistoryEntry>>();

        await (await client.PostJsonAsync("/api/partnerships", Registry.NewPartnership(a.Id, c.Id))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync(url, Header(ac, "改"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync(url + "/members", new SavePartyRequest(c.Id, PartyRole.Supported, null))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"{url}/members/{party.Id}", new SavePartyRequest(c.Id, PartyRole.Supported, null, Version: 0))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"{url}/members/{party.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync(url + "/agreements", Agreement(2))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"{url}/agreements/{agreement.Id}", Agreement(1, 0))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"{url}/agreements/{agreement.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Forbidden_write_is_a_problem_in_English_when_asked()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var ac = await admin.CreatePartnershipAsync(a.Id, c.Id);
        var client = await app.UserAsync(admin, Roles.ReadOnly, a.Id);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await (await client.DeleteAsync($"/api/partnerships/{ac.Id}")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("You are not allowed to change this record.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commission_sees_partnerships_with_a_party_in_its_region_only_and_cannot_write()
    {
        var admin = await app.AdminAsync();
        var commissionOrg = await admin.CreateOrganizationAsync(Registry.Unique("四川省卫健委"), "510000", OrganizationKind.HealthCommission, HospitalGrade.Ungraded);
        var chengdu = await admin.CreateOrganizationAsync(region: "510107");
        var ganzi = await admin.CreateOrganizationAsync(region: "513300");
        var hangzhou = await admin.CreateOrganizationAsync(region: "330102");
        var lishui = await admin.CreateOrganizationAsync(region: "331100");
        var inSichuan = await admin.CreatePartnershipAsync(chengdu.Id, ganzi.Id);
        var acrossBorder = await admin.CreatePartnershipAsync(hangzhou.Id, ganzi.Id);
        var inZhejiang = await admin.CreatePartnershipAsync(hangzhou.Id, lishui.Id, PartnershipKind.MountainSea);
        var commission = await app.UserAsync(admin, Roles.Commission, commissionOrg.Id);

        var me = await (await commission.GetAsync("/api/auth/me")).ReadAsync<Bangfu.Features.Accounts.MeResponse>();
        Assert.Equal("51", me.RegionPrefix);
        await (await commission.GetAsync($"/api/partnerships/{inSichuan.Id}")).ReadAsync<PartnershipDto>();
        await (await commission.GetAsync($"/api/partnerships/{acrossBorder.Id}")).ReadAsync<PartnershipDto>();
        await (await commission.GetAsync($"/api/partnerships/{inZhejiang.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await commission.GetAsync($"/api/partnerships/{inZhejiang.Id}/members")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await commission.GetAsync("/api/partnerships?pageSize=200")).ReadAsync<Page<PartnershipListItem>>();
        // Other tests of this class make partnerships in Sichuan too: only these three are known here.
        Assert.Contains(inSichuan.Id, list.Items.Select(x => x.Id));
        Assert.Contains(acrossBorder.Id, list.Items.Select(x => x.Id));
        Assert.DoesNotContain(inZhejiang.Id, list.Items.Select(x => x.Id));
        var byRegion = await (await commission.GetAsync($"/api/partnerships?organizationId={hangzhou.Id}")).ReadAsync<Page<PartnershipListItem>>();
        Assert.Equal([acrossBorder.Id], byRegion.Items.Select(x => x.Id));

        await (await commission.PostJsonAsync("/api/partnerships", Registry.NewPartnership(chengdu.Id, ganzi.Id))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.PutJsonAsync($"/api/partnerships/{inSichuan.Id}", Header(inSichuan, "改"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.DeleteAsync($"/api/partnerships/{inSichuan.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.PostJsonAsync($"/api/partnerships/{inSichuan.Id}/agreements", Agreement(1))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_sees_and_changes_every_partnership()
    {
        var admin = await app.AdminAsync();
        var b = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var bc = await admin.CreatePartnershipAsync(b.Id, c.Id);

        var updated = await (await admin.PutJsonAsync($"/api/partnerships/{bc.Id}", Header(bc, "管理员改"))).ReadAsync<PartnershipDto>();

        Assert.Equal("管理员改", updated.Name);
        Assert.True(updated.CanEdit);
    }
}
