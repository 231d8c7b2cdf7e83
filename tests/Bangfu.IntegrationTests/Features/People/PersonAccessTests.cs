using System.Net;
using Bangfu.Common;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.People;

/// People are private to their organization; its partners and the commission of its region read them too.
public sealed class PersonAccessTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SavePersonRequest Request(int organizationId, string name, int? version = null) =>
        new(organizationId, null, name, "主治医师", TitleLevel.Intermediate, null, null, null, version);

    [Fact]
    public async Task Organization_admin_gets_404_for_people_of_an_unrelated_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var bPerson = await admin.CreatePersonAsync(b.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        await (await aAdmin.GetAsync($"/api/people/{bPerson.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.PutJsonAsync($"/api/people/{bPerson.Id}", Request(b.Id, "改", 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.DeleteAsync($"/api/people/{bPerson.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        var still = await (await admin.GetAsync($"/api/people/{bPerson.Id}")).ReadAsync<PersonDto>();
        Assert.Equal(bPerson.Name, still.Name);
    }

    [Fact]
    public async Task Organization_admin_does_not_see_people_of_an_unrelated_organization_in_the_list()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var aPerson = await admin.CreatePersonAsync(a.Id);
        await admin.CreatePersonAsync(b.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var all = await (await aAdmin.GetAsync("/api/people?pageSize=200")).ReadAsync<Page<PersonDto>>();
        var filtered = await (await aAdmin.GetAsync($"/api/people?organizationId={b.Id}")).ReadAsync<Page<PersonDto>>();

        Assert.Equal([aPerson.Id], all.Items.Select(p => p.Id));
        Assert.Equal(1, all.Total);
        Assert.Equal(0, filtered.Total);
    }

    [Fact]
    public async Task Organization_admin_sees_people_of_an_organization_it_shares_a_partnership_with()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var cPerson = await admin.CreatePersonAsync(c.Id);
        await admin.CreatePartnershipAsync(a.Id, c.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        await (await aAdmin.GetAsync($"/api/people/{cPerson.Id}")).ReadAsync<PersonDto>();
        var list = await (await aAdmin.GetAsync($"/api/people?organizationId={c.Id}")).ReadAsync<Page<PersonDto>>();
        Assert.Equal([cPerson.Id], list.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Organization_admin_reads_but_cannot_change_people_of_a_partner()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var cPerson = await admin.CreatePersonAsync(c.Id);
        await admin.CreatePartnershipAsync(a.Id, c.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        await (await aAdmin.PutJsonAsync($"/api/people/{cPerson.Id}", Request(c.Id, "改", 0))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aAdmin.DeleteAsync($"/api/people/{cPerson.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Organization_admin_no_longer_sees_people_of_a_former_partner_once_the_partnership_is_deleted()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var c = await admin.CreateOrganizationAsync();
        var cPerson = await admin.CreatePersonAsync(c.Id);
        var partnership = await admin.CreatePartnershipAsync(a.Id, c.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/partnerships/{partnership.Id}")).StatusCode);

        await (await aAdmin.GetAsync($"/api/people/{cPerson.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Organization_admin_cannot_create_a_person_in_another_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var messages = await (await aAdmin.PostJsonAsync("/api/people", Request(b.Id, "冒名"))).FieldErrorAsync("organizationId");

        Assert.Equal(["只能为本机构登记。"], messages);
    }

    [Fact]
    public async Task Organization_admin_cannot_move_its_own_person_to_another_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);
        var mine = await aAdmin.CreatePersonAsync(a.Id);

        await (await aAdmin.PutJsonAsync($"/api/people/{mine.Id}", Request(b.Id, mine.Name, 0))).FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Organization_admin_manages_people_of_its_own_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        var mine = await aAdmin.CreatePersonAsync(a.Id);
        var updated = await (await aAdmin.PutJsonAsync($"/api/people/{mine.Id}", Request(a.Id, "新名", 0))).ReadAsync<PersonDto>();

        Assert.Equal("新名", updated.Name);
        Assert.Equal(HttpStatusCode.NoContent, (await aAdmin.DeleteAsync($"/api/people/{mine.Id}")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Expert)]
    public async Task Users_who_only_read_see_their_colleagues_but_cannot_write(string role)
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var colleague = await admin.CreatePersonAsync(a.Id);
        var client = await app.UserAsync(admin, role, a.Id);

        await (await client.GetAsync($"/api/people/{colleague.Id}")).ReadAsync<PersonDto>();
        await (await client.PostJsonAsync("/api/people", Request(a.Id, "新人"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"/api/people/{colleague.Id}", Request(a.Id, "改", 0))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/people/{colleague.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Commission_reads_people_of_its_region_only_and_cannot_write()
    {
        var admin = await app.AdminAsync();
        var commissionOrg = await admin.CreateOrganizationAsync(Registry.Unique("卫健委"), "520000", Bangfu.Features.Organizations.OrganizationKind.HealthCommission);
        var inside = await admin.CreateOrganizationAsync(region: "520102");
        var outside = await admin.CreateOrganizationAsync(region: "530102");
        var insider = await admin.CreatePersonAsync(inside.Id);
        var outsider = await admin.CreatePersonAsync(outside.Id);
        var commission = await app.UserAsync(admin, Roles.Commission, commissionOrg.Id);

        await (await commission.GetAsync($"/api/people/{insider.Id}")).ReadAsync<PersonDto>();
        await (await commission.GetAsync($"/api/people/{outsider.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await commission.PostJsonAsync("/api/people", Request(commissionOrg.Id, "新人"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.PutJsonAsync($"/api/people/{insider.Id}", Request(inside.Id, "改", 0))).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
