using System.Net;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Organizations;

public sealed class DepartmentTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static async Task<OrganizationDto> GetAsync(HttpClient client, int id) =>
        await (await client.GetAsync($"/api/organizations/{id}")).ReadAsync<OrganizationDto>();

    [Fact]
    public async Task Adds_a_department_that_the_organization_then_lists()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();

        var dept = await client.CreateDepartmentAsync(org.Id, "心内科");

        Assert.Equal([new DepartmentDto(dept.Id, "心内科", 0)], (await GetAsync(client, org.Id)).Departments);
    }

    [Fact]
    public async Task Renames_a_department_and_increments_its_version()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id, "骨科");

        var renamed = await (await client.PutJsonAsync($"/api/organizations/{org.Id}/departments/{dept.Id}", new SaveDepartmentRequest("骨外科", 0)))
            .ReadAsync<DepartmentDto>();

        Assert.Equal(new DepartmentDto(dept.Id, "骨外科", 1), renamed);
    }

    [Fact]
    public async Task Rejects_rename_with_a_stale_version()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id);
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}/departments/{dept.Id}", new SaveDepartmentRequest("甲", 0))).ReadAsync<DepartmentDto>();

        await (await client.PutJsonAsync($"/api/organizations/{org.Id}/departments/{dept.Id}", new SaveDepartmentRequest("乙", 0)))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rejects_a_second_department_of_the_same_name()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await client.CreateDepartmentAsync(org.Id, "儿科");

        var problem = await (await client.PostJsonAsync($"/api/organizations/{org.Id}/departments", new SaveDepartmentRequest("儿科")))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("科室“儿科”已存在。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejects_a_department_without_name()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PostJsonAsync($"/api/organizations/{org.Id}/departments", new SaveDepartmentRequest(" "))).FieldErrorAsync("name");
    }

    [Fact]
    public async Task Deleted_department_disappears_and_its_name_can_be_used_again()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id, "眼科");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/organizations/{org.Id}/departments/{dept.Id}")).StatusCode);

        Assert.Empty((await GetAsync(client, org.Id)).Departments);
        var again = await client.CreateDepartmentAsync(org.Id, "眼科");
        Assert.NotEqual(dept.Id, again.Id);
    }

    [Fact]
    public async Task Refuses_to_delete_a_department_that_still_has_people()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id);
        await client.CreatePersonAsync(org.Id, dept.Id);

        await (await client.DeleteAsync($"/api/organizations/{org.Id}/departments/{dept.Id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_organization_or_department_answers_404()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var other = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(other.Id);

        await (await client.PostJsonAsync("/api/organizations/99999/departments", new SaveDepartmentRequest("内科"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}/departments/99999", new SaveDepartmentRequest("内科", 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/organizations/{org.Id}/departments/99999")).ProblemAsync(HttpStatusCode.NotFound);
        // A department is addressed only under its own organization.
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}/departments/{dept.Id}", new SaveDepartmentRequest("内科", 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/organizations/{org.Id}/departments/{dept.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
