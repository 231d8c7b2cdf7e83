using System.Net;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Accounts;

public sealed class UserTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Admin_creates_a_user_who_then_appears_in_the_list()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");

        var created = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, "张三", Roles.OrgAdmin, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);

        Assert.Equal(new UserDto(created.Id, userName, "张三", Roles.OrgAdmin, org.Id, org.Name, false), created);
        var list = await (await admin.GetAsync("/api/users")).ReadAsync<List<UserDto>>();
        Assert.Contains(list, u => u.Id == created.Id && u.Role == Roles.OrgAdmin);
    }

    [Fact]
    public async Task Refuses_a_too_simple_password_with_a_field_error_on_password()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();

        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, Roles.OrgAdmin, org.Id, "abc12345"));

        var messages = await response.FieldErrorAsync("password");
        Assert.Contains("密码至少10位。", messages);
    }

    [Fact]
    public async Task Refuses_a_user_without_password()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, Roles.OrgAdmin, org.Id, null));
        await response.FieldErrorAsync("password");
    }

    [Fact]
    public async Task Refuses_an_unknown_role()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, "Janitor", org.Id, Registry.UserPassword));
        await response.FieldErrorAsync("role");
    }

    [Fact]
    public async Task Refuses_a_non_administrator_without_organization()
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, Roles.Expert, null, Registry.UserPassword));
        await response.FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Refuses_a_user_of_an_unknown_organization()
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, Roles.Expert, 99999, Registry.UserPassword));
        await response.FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Refuses_to_move_a_user_to_an_unknown_organization()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.Expert, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);

        var response = await admin.PutJsonAsync($"/api/users/{user.Id}", new SaveUserRequest(userName, null, Roles.Expert, 99999, null));

        await response.FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Refuses_a_duplicate_user_name()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");
        await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.Expert, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);

        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.Expert, org.Id, Registry.UserPassword));

        await response.FieldErrorAsync("userName");
    }

    [Fact]
    public async Task Admin_changes_role_and_password_of_a_user()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.Expert, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);

        var updated = await (await admin.PutJsonAsync($"/api/users/{user.Id}", new SaveUserRequest(userName, "李四", Roles.ReadOnly, org.Id, "New#Pass2026y")))
            .ReadAsync<UserDto>();

        Assert.Equal(Roles.ReadOnly, updated.Role);
        Assert.Equal("李四", updated.DisplayName);
        var client = await app.ClientForAsync(userName, "New#Pass2026y");
        Assert.Equal(Roles.ReadOnly, (await (await client.GetAsync("/api/auth/me")).ReadAsync<MeResponse>()).Role);
    }

    [Fact]
    public async Task Update_refuses_a_too_simple_password()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.Expert, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);

        var response = await admin.PutJsonAsync($"/api/users/{user.Id}", new SaveUserRequest(userName, null, Roles.Expert, org.Id, "password"));

        await response.FieldErrorAsync("password");
    }

    [Fact]
    public async Task Update_and_unlock_of_an_unknown_user_answer_404_problem()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        await (await admin.PutJsonAsync("/api/users/no-such-id", new SaveUserRequest("x", null, Roles.Expert, org.Id, null)))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync("/api/users/no-such-id/unlock", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.OrgAdmin)]
    [InlineData(Roles.Commission)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.ReadOnly)]
    public async Task Non_administrators_get_403_problem_on_every_user_endpoint(string role)
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var client = await app.UserAsync(admin, role, org.Id);
        var someone = (await (await admin.GetAsync("/api/users")).ReadAsync<List<UserDto>>()).First();

        await (await client.GetAsync("/api/users")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/api/users", new SaveUserRequest(Registry.Unique("u"), null, Roles.SystemAdmin, null, Registry.UserPassword)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync($"/api/users/{someone.Id}", new SaveUserRequest("x", null, Roles.SystemAdmin, null, null)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync($"/api/users/{someone.Id}/unlock", null)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
