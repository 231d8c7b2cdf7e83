using System.Net;
using System.Net.Http.Json;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Accounts;

public sealed class LoginTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private async Task<(string UserName, string Id)> NewUserAsync()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("u");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, Roles.OrgAdmin, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        return (userName, user.Id);
    }

    private Task<HttpResponseMessage> LoginAsync(string userName, string password, string? language = null)
    {
        var client = app.CreateClient();
        if (language is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client.PostAsJsonAsync("/api/auth/login", new { userName, password });
    }

    [Fact]
    public async Task Wrong_password_answers_401_problem_in_Chinese()
    {
        var (userName, _) = await NewUserAsync();
        var problem = await (await LoginAsync(userName, "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_password_answers_in_English_when_asked()
    {
        var (userName, _) = await NewUserAsync();
        var problem = await (await LoginAsync(userName, "Wrong#Pass2026", "en")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Wrong user name or password.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_user_answers_the_same_401_as_a_wrong_password()
    {
        var problem = await (await LoginAsync(Registry.Unique("nobody"), Registry.UserPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_three_failures_the_next_attempt_waits_even_with_the_right_password()
    {
        var (userName, _) = await NewUserAsync();
        for (var i = 0; i < 4; i++)
            await (await LoginAsync(userName, "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);

        var problem = await (await LoginAsync(userName, Registry.UserPassword)).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Matches("^尝试次数过多，请 [0-9]+ 秒后再试。$", problem["detail"]!.GetValue<string>());
        var english = await (await LoginAsync(userName, Registry.UserPassword, "en")).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again in", english["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlocked_account_signs_in_again()
    {
        var (userName, id) = await NewUserAsync();
        for (var i = 0; i < 5; i++)
            await LoginAsync(userName, "Wrong#Pass2026");
        var admin = await app.AdminAsync();
        var listed = (await (await admin.GetAsync("/api/users")).ReadAsync<List<UserDto>>()).Single(u => u.Id == id);
        Assert.True(listed.IsLockedOut);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{id}/unlock", null)).StatusCode);

        await (await LoginAsync(userName, Registry.UserPassword)).ReadAsync<BangfuApp.TokenResponse>();
    }

    [Fact]
    public async Task Rejects_login_without_user_name_or_password()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { });
        await response.FieldErrorAsync("userName");
        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { });
        await again.FieldErrorAsync("password");
    }

    [Fact]
    public async Task Me_names_the_signed_in_user_its_role_and_organization()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync(region: "510402");
        var (client, userName) = await app.NamedUserAsync(admin, Roles.Expert, org.Id);

        var me = await (await client.GetAsync("/api/auth/me")).ReadAsync<MeResponse>();

        Assert.Equal(new MeResponse(userName, Roles.Expert, org.Id, "510402"), me);
    }

    [Fact]
    public async Task Me_without_credentials_answers_401_problem()
    {
        await (await app.CreateClient().GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
