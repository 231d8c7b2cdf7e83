using System.Net;
using System.Net.Http.Json;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.Features.Audit;
using Bangfu.Features.Consultations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Bangfu.IntegrationTests.Features.Audit;

/// Issue 10 item 12: security events land in the trail with the real user and address, and administrators read the
/// 操作日志 and 登录日志 through filters, paged and exported; nobody else reads them.
public sealed class AuditLogTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static string Today => DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(string UserName, string Id)> NewUserAsync(HttpClient admin, string role = Roles.OrgAdmin)
    {
        var org = await admin.CreateOrganizationAsync();
        var userName = Registry.Unique("a");
        var user = await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, role, org.Id, Registry.UserPassword)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        return (userName, user.Id);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }

    private static async Task<Page<AuditRow>> PageAsync(HttpClient admin, string url) => await (await admin.GetAsync(url)).ReadAsync<Page<AuditRow>>();

    [Fact]
    public async Task Sign_ins_are_logged_with_the_attempted_name_the_address_and_the_result_and_never_the_password()
    {
        var admin = await app.AdminAsync();
        var (userName, _) = await NewUserAsync(admin);
        await using var proxied = app.WithWebHostBuilder(b => b.UseSetting("Bangfu:Https:BehindProxy", "true"));
        var client = proxied.CreateClient();
        await (await LoginAsync(client, userName, "Wrong#Pass2026", "203.0.113.41")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, userName, Registry.UserPassword, "198.51.100.42")).StatusCode);
        var ghost = Registry.Unique("ghost");
        await (await LoginAsync(client, ghost, "Secret#Guess2026", "203.0.113.41")).ProblemAsync(HttpStatusCode.Unauthorized);

        var mine = await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}");
        Assert.Equal(2, mine.Total);
        var ok = Assert.Single(mine.Items, r => r.Action == SecurityEvents.SignIn);
        Assert.Equal("198.51.100.42", ok.Address);
        var failed = Assert.Single(mine.Items, r => r.Action == SecurityEvents.SignInFailed);
        Assert.Equal("203.0.113.41", failed.Address);
        Assert.Equal(userName, failed.UserName);
        Assert.Equal(userName, failed.EntityId);
        Assert.True(failed.Id < ok.Id);

        // Unknown names are logged as typed; no password is anywhere in the trail.
        var unknown = Assert.Single((await PageAsync(admin, $"/api/audit/sign-ins?userName={ghost}")).Items);
        Assert.Equal(SecurityEvents.SignInFailed, unknown.Action);
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Changes!.Contains("Wrong#Pass2026") || a.Changes!.Contains("Secret#Guess2026")));

        // Filters: result, address, dates.
        Assert.Equal([SecurityEvents.SignInFailed], (await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}&result=failure")).Items.Select(r => r.Action));
        Assert.Equal([SecurityEvents.SignIn], (await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}&result=success")).Items.Select(r => r.Action));
        var fromThere = await PageAsync(admin, "/api/audit/sign-ins?address=203.0.113.41");
        Assert.Equal(2, fromThere.Total);
        Assert.All(fromThere.Items, r => Assert.Equal("203.0.113.41", r.Address));
        Assert.Equal(2, (await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}&from={Today}&to={Today}")).Total);
        Assert.Equal(0, (await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}&to=2020-01-01")).Total);
        Assert.Single(await (await admin.GetAsync("/api/audit/sign-ins?result=maybe")).FieldErrorAsync("result"));
        Assert.Single(await (await admin.GetAsync("/api/audit/sign-ins?from=yesterday")).FieldErrorAsync("from"));
    }

    [Fact]
    public async Task A_write_through_the_api_names_the_administrator_who_made_it_never_system()
    {
        var admin = await app.AdminAsync();
        var (userName, id) = await NewUserAsync(admin);
        var org = (await admin.GetFromJsonAsync<List<UserDto>>("/api/users"))!.Single(u => u.Id == id).OrganizationId;
        var renamed = await admin.PutJsonAsync($"/api/users/{id}", new SaveUserRequest(userName, "新名字", Roles.OrgAdmin, org, null));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AppUser) && a.EntityId == id).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("admin", r.UserName));
        // Identity writes every field of the account on each update; the first one after the rename shows it, old and new.
        var update = rows.Where(r => r.Action == "Updated" && AuditHistory.Values(r.Changes).GetValueOrDefault("DisplayName") == "新名字").MinBy(r => r.Id)!;
        Assert.Null(AuditHistory.Values(update.Before)["DisplayName"]);
        Assert.False(string.IsNullOrEmpty(update.Address));
    }

    [Fact]
    public async Task Logout_password_role_and_account_changes_reveals_and_ledger_exports_are_security_events()
    {
        var admin = await app.AdminAsync();
        var (userName, id) = await NewUserAsync(admin);
        var user = (await admin.GetFromJsonAsync<List<UserDto>>("/api/users"))!.Single(u => u.Id == id);

        // The user's own: a password change and a logout.
        var client = await app.ClientForAsync(userName, Registry.UserPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/auth/password", new ChangePasswordRequest(Registry.UserPassword, "New#Pass2026y"))).StatusCode);
        client = await app.ClientForAsync(userName, "New#Pass2026y");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        // The administrator's: a role change with a new password, disable, enable.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/users/{id}", new SaveUserRequest(userName, null, Roles.ReadOnly, user.OrganizationId, "Reset#Pass2026z"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{id}/enable", null)).StatusCode);

        var own = (await PageAsync(admin, $"/api/audit/operations?userName={userName}&action={SecurityEvents.PasswordChanged}")).Items;
        Assert.Equal(userName, Assert.Single(own).EntityId);
        var signOut = Assert.Single((await PageAsync(admin, $"/api/audit/sign-ins?userName={userName}")).Items, r => r.Action == SecurityEvents.SignOut);
        Assert.Equal(userName, signOut.EntityId);

        var byAdmin = (await PageAsync(admin, $"/api/audit/operations?userName=admin&entityType={SecurityEvents.EntityType}&text={userName}&pageSize=50")).Items;
        var role = Assert.Single(byAdmin, r => r.Action == SecurityEvents.RoleChanged && r.Before is not null);
        Assert.Equal(Roles.OrgAdmin, AuditHistory.Values(role.Before)["role"]);
        Assert.Equal(Roles.ReadOnly, AuditHistory.Values(role.Changes)["role"]);
        Assert.Equal(userName, role.EntityId);
        Assert.Single(byAdmin, r => r.Action == SecurityEvents.PasswordReset);
        Assert.Single(byAdmin, r => r.Action == SecurityEvents.Disabled);
        Assert.Single(byAdmin, r => r.Action == SecurityEvents.Enabled);
        Assert.All(byAdmin, r => Assert.Equal(AuditCategory.Security, r.Category));

        // A reveal of an identity number and a ledger export, by the users who made them.
        var p = await app.ConsultationPartiesAsync();
        var (requester, requesterName) = await app.NamedUserAsync(p.Admin, Roles.OrgAdmin, p.Inviting.Id);
        var c = await (await requester.PostJsonAsync("/api/consultations", ConsultationData.NewRequest(p.Invited.Id, p.Partnership.Id))).ReadAsync<ConsultationDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"/api/consultations/{c.Id}/patient/id-number")).StatusCode);
        var ledger = await requester.GetAsync($"/api/reports/ledger?organizationId={p.Inviting.Id}&from=2024-01-01&to=2024-12-31&ledgers=activity,dispatch");
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);

        var theirs = (await PageAsync(admin, $"/api/audit/operations?userName={requesterName}&pageSize=100")).Items;
        var reveal = Assert.Single(theirs, r => r.Action == SecurityEvents.RevealedId);
        Assert.Equal(("Consultation", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (reveal.EntityType, reveal.EntityId));
        var export = Assert.Single(theirs, r => r.Action == SecurityEvents.LedgerExported);
        var what = AuditHistory.Values(export.Changes);
        Assert.Equal("Dispatch,Activity", what["ledgers"]);
        Assert.Equal(p.Inviting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), what["organizationId"]);
        Assert.Equal(("2024-01-01", "2024-12-31"), (what["from"], what["to"]));
    }

    [Fact]
    public async Task The_operation_log_filters_by_user_record_type_action_dates_and_text_and_pages_on_the_server()
    {
        var admin = await app.AdminAsync();
        var name = Registry.Unique("日志医院");
        var org = await admin.CreateOrganizationAsync(name);
        await admin.CreateOrganizationAsync(Registry.Unique("别的医院"));

        var found = await PageAsync(admin, $"/api/audit/operations?userName=admin&entityType=Organization&action=Created&text={Uri.EscapeDataString(name)}&from={Today}&to={Today}");
        var row = Assert.Single(found.Items);
        Assert.Equal(1, found.Total);
        Assert.Equal(org.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.EntityId);
        Assert.Contains(name, row.Changes, StringComparison.Ordinal);
        Assert.Equal(0, (await PageAsync(admin, $"/api/audit/operations?text={Uri.EscapeDataString(name)}&from=2020-01-01&to=2020-12-31")).Total);
        Assert.Equal(0, (await PageAsync(admin, $"/api/audit/operations?text={Uri.EscapeDataString(name)}&action=Removed")).Total);

        var first = await PageAsync(admin, "/api/audit/operations?entityType=Organization&pageSize=1");
        var second = await PageAsync(admin, "/api/audit/operations?entityType=Organization&pageSize=1&page=2");
        Assert.True(first.Total >= 2);
        Assert.Single(first.Items);
        Assert.True(first.Items[0].Id > second.Items[0].Id);
        // Sign-ins are in the other log.
        Assert.Equal(0, (await PageAsync(admin, $"/api/audit/operations?action={SecurityEvents.SignIn}")).Total);
        Assert.Single(await (await admin.GetAsync("/api/audit/operations?pageSize=1000")).FieldErrorAsync("pageSize"));
    }

    [Fact]
    public async Task Both_logs_export_the_filtered_rows_to_a_workbook()
    {
        var admin = await app.AdminAsync();
        var (userName, _) = await NewUserAsync(admin);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password = "Wrong#Pass2026" })).ProblemAsync(HttpStatusCode.Unauthorized);

        var response = await admin.GetAsync($"/api/audit/sign-ins/export?userName={userName}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["登录日志"], MiniExcel.GetSheetNames(xlsx));
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(userName, row["操作人员"]);
        Assert.Equal("登录失败（用户名或密码错误）", row["操作类型"]);

        var operations = await admin.GetAsync($"/api/audit/operations/export?entityType={SecurityEvents.EntityType}&text={userName}");
        using var ops = new MemoryStream(await operations.Content.ReadAsByteArrayAsync());
        Assert.Equal(["操作日志"], MiniExcel.GetSheetNames(ops));
        Assert.Contains(ops.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => (string?)r["操作类型"] == "角色变更" && (string?)r["对象编号"] == userName);
        // The export itself is an event.
        Assert.Equal(2, (await PageAsync(admin, $"/api/audit/operations?action={SecurityEvents.AuditExported}")).Total);
    }

    [Theory]
    [InlineData(Roles.OrgAdmin)]
    [InlineData(Roles.Commission)]
    [InlineData(Roles.Expert)]
    [InlineData(Roles.ReadOnly)]
    public async Task Nobody_but_a_system_administrator_reads_the_logs(string role)
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var client = await app.UserAsync(admin, role, org.Id);
        foreach (var url in new[] { "/api/audit/operations", "/api/audit/sign-ins", "/api/audit/operations/export", "/api/audit/sign-ins/export" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/audit/sign-ins")).StatusCode);
        // The service refuses too, whichever door calls it.
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<AuditService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SignInsAsync(new AccessScope("x", role, org.Id, null), new SignInLogQuery(), CancellationToken.None));
    }
}
