using System.Net;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Accounts;

public sealed class SimultaneousUserTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Of_simultaneous_creations_of_one_user_name_exactly_one_succeeds_and_the_others_get_a_field_error()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var name = Registry.Unique("same");
        var request = new SaveUserRequest(name, null, Roles.OrgAdmin, org.Id, Registry.UserPassword);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostJsonAsync("/api/users", request)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.FieldErrorAsync("userName");
        var users = await (await admin.GetAsync("/api/users")).ReadAsync<IReadOnlyList<UserDto>>();
        var created = Assert.Single(users, u => u.UserName == name);
        Assert.Equal(Roles.OrgAdmin, created.Role);
    }
}
