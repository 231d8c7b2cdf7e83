using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Accounts;

/// Issue 10 items 5 and 6: every way a session should end ends every session of the user at once (bearer tokens and
/// cookies), and signing in is limited, slowed and tells nothing about which names exist.
public sealed class SessionTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private async Task<(string UserName, string Id)> NewUserAsync(string role = Roles.OrgAdmin)
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("s");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, role, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        return (userName, user.Id);
    }

    private static async Task AssertEndedAsync(HttpClient client) =>
        await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string? address = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        if (address is not null)
            request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Logout_ends_this_token_and_every_other_session_of_the_user()
    {
        var (userName, _) = await NewUserAsync();
        var phone = await app.ClientForAsync(userName, Registry.UserPassword);
        var laptop = await app.ClientForAsync(userName, Registry.UserPassword);
        var browser = await app.CookieClientAsync(userName, Registry.UserPassword);

        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync("/api/auth/logout", null)).StatusCode);

        await AssertEndedAsync(phone);
        await AssertEndedAsync(laptop);
        await AssertEndedAsync(browser);
        // An old token cannot write either.
        var write = await laptop.PostJsonAsync("/api/organizations", new { name = "退出后医院", kind = "GeneralHospital", regionCode = "510402" });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        await app.ClientForAsync(userName, Registry.UserPassword);
    }

    [Fact]
    public async Task Changing_ones_password_needs_the_old_one_and_ends_every_session()
    {
        var (userName, _) = await NewUserAsync();
        var client = await app.ClientForAsync(userName, Registry.UserPassword);
        var browser = await app.CookieClientAsync(userName, Registry.UserPassword);

        var wrong = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest("Wrong#Pass2026", "New#Pass2026y"));
        Assert.Equal(["当前密码不正确。"], await wrong.FieldErrorAsync("currentPassword"));
        var same = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, Registry.UserPassword));
        await same.FieldErrorAsync("newPassword");
        var common = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, "Password123!"));
        Assert.Contains("该密码过于常见（在常见密码列表中），请换一个。", await common.FieldErrorAsync("newPassword"));
        var hidden = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, "New#Pass\u200B2026y"));
        Assert.Contains("密码不能包含控制字符或不可见字符。", await hidden.FieldErrorAsync("newPassword"));
        await (await client.GetAsync("/api/auth/me")).ReadAsync<MeResponse>();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, "New#Pass2026y"))).StatusCode);

        await AssertEndedAsync(client);
        await AssertEndedAsync(browser);
        await (await LoginAsync(app.CreateClient(), userName, Registry.UserPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        await app.ClientForAsync(userName, "New#Pass2026y");
    }

    [Fact]
    public async Task A_role_change_or_an_administrators_reset_ends_the_users_sessions()
    {
        var admin = await app.AdminAsync();
        var (userName, id) = await NewUserAsync();
        var before = await app.ClientForAsync(userName, Registry.UserPassword);
        var me = await (await before.GetAsync("/api/auth/me")).ReadAsync<MeResponse>();

        var demoted = await admin.PutJsonAsync($"/api/users/{id}", new SaveUserRequest(userName, null, Roles.ReadOnly, me.OrganizationId, null));
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        await AssertEndedAsync(before);

        var again = await app.ClientForAsync(userName, Registry.UserPassword);
        Assert.Equal(Roles.ReadOnly, (await (await again.GetAsync("/api/auth/me")).ReadAsync<MeResponse>()).Role);
        var reset = await admin.PutJsonAsync($"/api/users/{id}", new SaveUserRequest(userName, null, Roles.ReadOnly, me.OrganizationId, "New#Pass2026y"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        await AssertEndedAsync(again);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_sessions_and_cannot_sign_in_until_enabled()
    {
        var admin = await app.AdminAsync();
        var (userName, id) = await NewUserAsync();
        var client = await app.ClientForAsync(userName, Registry.UserPassword);

        var disabled = await (await admin.PostAsync($"/api/users/{id}/disable", null)).ReadAsync<UserDto>();
        Assert.True(disabled.IsDisabled);
        await AssertEndedAsync(client);
        var refused = await (await LoginAsync(app.CreateClient(), userName, Registry.UserPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("此账号已停用，请联系系统管理员。", refused["detail"]!.GetValue<string>());
        // With a wrong password the answer is the usual one: being disabled is told only to who knows the password.
        var guess = await (await LoginAsync(app.CreateClient(), userName, "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误。", guess["detail"]!.GetValue<string>());

        Assert.False((await (await admin.PostAsync($"/api/users/{id}/enable", null)).ReadAsync<UserDto>()).IsDisabled);
        await app.ClientForAsync(userName, Registry.UserPassword);

        var me = (await (await admin.GetAsync("/api/users")).ReadAsync<List<UserDto>>()).Single(u => u.UserName == "admin");
        await (await admin.PostAsync($"/api/users/{me.Id}/disable", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync("/api/users/nobody/disable", null)).ProblemAsync(HttpStatusCode.NotFound);
        var notAdmin = await app.ClientForAsync(userName, Registry.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.PostAsync($"/api/users/{id}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task A_stranger_is_slowed_per_address_and_cannot_lock_the_owner_out()
    {
        var (userName, _) = await NewUserAsync();
        await using var proxied = app.WithWebHostBuilder(b => b.UseSetting("Bangfu:Https:BehindProxy", "true"));
        var stranger = proxied.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await LoginAsync(stranger, userName, "Wrong#Pass2026", "203.0.113.9")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await LoginAsync(stranger, userName, "Wrong#Pass2026", "203.0.113.9")).ProblemAsync(HttpStatusCode.Unauthorized);

        // The fifth try from that address, even with the right password, must wait: 429 with Retry-After.
        var slowed = await LoginAsync(stranger, userName, Registry.UserPassword, "203.0.113.9");
        var problem = await slowed.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("秒后再试", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The owner, elsewhere, signs in at once.
        var owner = await LoginAsync(proxied.CreateClient(), userName, Registry.UserPassword, "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        // Unknown names are slowed the same way: nothing tells a real name from a made-up one.
        var ghost = Registry.Unique("ghost");
        for (var i = 0; i < 4; i++)
            await (await LoginAsync(stranger, ghost, "Wrong#Pass2026", "203.0.113.9")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await LoginAsync(stranger, ghost, "Wrong#Pass2026", "203.0.113.9")).ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_address_may_try_only_so_many_sign_ins_a_minute()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Bangfu:Accounts:SignInPerAddressPerMinute", "3"));
        var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await LoginAsync(client, Registry.Unique("n"), "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);

        var limitedAnswer = await LoginAsync(client, "admin", BangfuApp.AdminPassword);
        var problem = await limitedAnswer.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("请求过于频繁", problem["title"]!.GetValue<string>());
        Assert.True(limitedAnswer.Headers.RetryAfter is not null);
        // The login page's form counts against the same kind of limit.
        for (var i = 0; i < 3; i++)
            await CookieSignIn.PostLoginFormAsync(limited.CreateClient(), "admin", "Wrong#Pass2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CookieSignIn.PostLoginFormAsync(limited.CreateClient())).StatusCode);
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _real = new();
        public int Verifications;
        public string HashPassword(AppUser user, string password) => _real.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_name_costs_one_password_hash_like_a_known_one()
    {
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        var client = counted.CreateClient();
        await (await LoginAsync(client, "admin", "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);
        var known = hasher.Verifications;
        var unknown = await (await LoginAsync(client, Registry.Unique("nobody"), "Wrong#Pass2026")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(1, known);
        Assert.Equal(2, hasher.Verifications);
        Assert.Equal("用户名或密码错误。", unknown["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_password_is_changed_without_signing_in_then_signs_in()
    {
        var (userName, id) = await NewUserAsync();
        await using var expiring = app.WithWebHostBuilder(b => b.UseSetting("Bangfu:Accounts:PasswordMaxAgeDays", "90"));
        await using (var scope = expiring.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordChangedAt, DateTimeOffset.UtcNow.AddDays(-91)));
        }
        var client = expiring.CreateClient();
        var expired = await (await LoginAsync(client, userName, Registry.UserPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("密码已过期，请先修改密码再登录。", expired["detail"]!.GetValue<string>());

        var anonymousWrong = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest("Wrong#Pass2026", "New#Pass2026y", userName));
        await anonymousWrong.FieldErrorAsync("currentPassword");
        var changed = await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, "New#Pass2026y", userName));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, userName, "New#Pass2026y")).StatusCode);
        // Off by default: the same old password date signs in on the ordinary configuration.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient(), userName, "New#Pass2026y")).StatusCode);
    }
}
