using System.Net;
using System.Net.Http.Json;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.Features.Accounts;

public sealed class HealthAndLoginTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Health_answers_200_without_signing_in()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_api()
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = BangfuApp.AdminPassword });
        var token = await response.ReadAsync<BangfuApp.TokenResponse>();
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(3600, token.ExpiresIn);

        client.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        var me = await client.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Api_without_credentials_answers_401_problem()
    {
        var response = await app.CreateClient().GetAsync("/api/organizations");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
