using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Organizations;

public sealed class OrganizationAccessTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveOrganizationRequest Rename(OrganizationDto org, string name) =>
        new(name, org.ShortName, org.Kind, org.Grade, org.RegionCode, org.Address, Version: org.Version);

    [Fact]
    public async Task Organization_admin_updates_its_own_organization_and_its_departments()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var orgAdmin = await app.OrgAdminAsync(admin, a.Id);

        var updated = await (await orgAdmin.PutJsonAsync($"/api/organizations/{a.Id}", Rename(a, a.Name + "（新）"))).ReadAsync<OrganizationDto>();
        var dept = await orgAdmin.CreateDepartmentAsync(a.Id);

        Assert.Equal(a.Name + "（新）", updated.Name);
        Assert.Equal(HttpStatusCode.NoContent, (await orgAdmin.DeleteAsync($"/api/organizations/{a.Id}/departments/{dept.Id}")).StatusCode);
    }

    [Fact]
    public async Task Organization_admin_cannot_update_or_delete_another_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        await (await aAdmin.PutJsonAsync($"/api/organizations/{b.Id}", Rename(b, "被改名"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aAdmin.DeleteAsync($"/api/organizations/{b.Id}")).ProblemAsync(HttpStatusCode.Forbidden);

        var still = await (await admin.GetAsync($"/api/organizations/{b.Id}")).ReadAsync<OrganizationDto>();
        Assert.Equal(b.Name, still.Name);
    }

    [Fact]
    public async Task Organization_admin_cannot_change_departments_of_another_organization()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var dept = await admin.CreateDepartmentAsync(b.Id);
        var aAdmin = await app.OrgAdminAsync(admin, a.Id);

        await (await aAdmin.PostJsonAsync($"/api/organizations/{b.Id}/departments", new SaveDepartmentRequest("外科"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aAdmin.PutJsonAsync($"/api/organizations/{b.Id}/departments/{dept.Id}", new SaveDepartmentRequest("外科", 0))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aAdmin.DeleteAsync($"/api/organizations/{b.Id}/departments/{dept.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_signed_in_user_reads_the_directory()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var reader = await app.UserAsync(admin, Roles.ReadOnly, a.Id);

        await (await reader.GetAsync($"/api/organizations/{b.Id}")).ReadAsync<OrganizationDto>();
        var list = await (await reader.GetAsync($"/api/organizations?q={b.Name}")).ReadAsync<Page<OrganizationListItem>>();
        Assert.Equal([b.Id], list.Items.Select(o => o.Id));
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Expert)]
    public async Task Users_who_only_read_cannot_create_or_change_organizations(string role)
    {
        var admin = await app.AdminAsync();
        var own = await admin.CreateOrganizationAsync();
        var client = await app.UserAsync(admin, role, own.Id);

        await (await client.PostJsonAsync("/api/organizations", Rename(own, Registry.Unique("新")) with { Version = null }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"/api/organizations/{own.Id}", Rename(own, "改名"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/organizations/{own.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync($"/api/organizations/{own.Id}/departments", new SaveDepartmentRequest("内科"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_commission_changes_no_organization_not_even_its_own()
    {
        var admin = await app.AdminAsync();
        var own = await admin.CreateOrganizationAsync(kind: OrganizationKind.HealthCommission);
        var commission = await app.UserAsync(admin, Roles.Commission, own.Id);

        await (await commission.PutJsonAsync($"/api/organizations/{own.Id}", Rename(own, "改名"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.DeleteAsync($"/api/organizations/{own.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await commission.PostJsonAsync($"/api/organizations/{own.Id}/departments", new SaveDepartmentRequest("内科"))).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
