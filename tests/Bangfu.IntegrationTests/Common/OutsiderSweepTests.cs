using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bangfu.Data;
using Bangfu.Features.Demo;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// Walks every API route the running app has — new ones included, without editing this test beyond naming which record
/// a new route parameter points at — as the administrator of a hospital that takes part in no demo partnership, aimed
/// at the demo partnerships' records. Every read of a record by id is a 404, no answer carries a private name, and no
/// write changes anything (the audit trail, which every write adds to, stays as it was).
public sealed class OutsiderSweepTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    /// Reference data every signed-in user reads (the catalogue of definitions, the registry of hospitals), and routes
    /// about the caller itself.
    private static readonly HashSet<string> PublicRoutes =
    [
        "GET /api/auth/me", "GET /api/activities/kinds", "GET /api/indicators/definitions", "GET /api/organizations", "GET /api/organizations/{id}",
    ];

    [Fact]
    public async Task A_hospital_outside_a_partnership_reads_nothing_of_it_and_changes_nothing_through_any_route()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        var admin = await app.AdminAsync();
        var outsiderOrg = await admin.CreateOrganizationAsync(region: "650102");
        var outsider = await app.OrgAdminAsync(admin, outsiderOrg.Id);
        var ids = await ApiRouteWalk.RecordIdsAsync(app, admin);
        var secrets = await SecretsAsync();
        var auditBefore = await AuditCountAsync();

        var failures = new List<string>();
        var routes = ApiRouteWalk.Routes(app);
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");
        foreach (var r in routes)
        {
            var (method, route, upload, key) = (r.Method, r.Route, r.Upload, r.Key);
            var path = ApiRouteWalk.Fill(route, ids, failures);
            if (path is null)
                continue;
            var url = path + $"?partnershipId={ids["partnerships/id"]}&organizationId={ids["organizations/id"]}&regionCode={ids["regions/code"]}" +
                      "&from=2017-01-01&to=2019-12-31&year=2018&period=2018&format=json";
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (upload)
                request.Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "资料.pdf" } };
            else if (method is "POST" or "PUT")
                request.Content = new StringContent(Body(ids), Encoding.UTF8, "application/json");
            using var response = await outsider.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var hasId = route.Contains('{', StringComparison.Ordinal);
            if ((int)response.StatusCode >= 500)
                failures.Add($"{key}: {(int)response.StatusCode}");
            else if (hasId && !PublicRoutes.Contains(key) && !IsGlobalAdminRoute(key) && response.StatusCode != HttpStatusCode.NotFound)
                failures.Add($"{key}: {(int)response.StatusCode}, expected 404");
            else if (method != "GET" && response.IsSuccessStatusCode)
                failures.Add($"{key}: {(int)response.StatusCode}, a write succeeded");
            if (secrets.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal)) is { } leaked)
                failures.Add($"{key}: the answer names \"{leaked}\"");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(auditBefore, await AuditCountAsync());
    }

    /// Routes where the outsider is refused by its role rather than by what it can see, so a 403: user accounts,
    /// indicator definitions, validation rules and plausibility rules are managed by system administrators only, and the registry of hospitals (read by all)
    /// is changed only by the hospital's own administrators.
    private static bool IsGlobalAdminRoute(string key) =>
        Regex.IsMatch(key, @"^(PUT|DELETE) /api/indicators/(definitions|rules)/|^PUT /api/activities/plausibility-rules/|^(PUT|POST) /api/users/|^(PUT|DELETE|POST) /api/organizations/\{id\}");

    private static string Body(Dictionary<string, string> ids) =>
        $$"""{"partnershipId":{{ids["partnerships/id"]}},"organizationId":{{ids["organizations/id"]}},"hostOrganizationId":{{ids["organizations/id"]}},"personId":{{ids["people/id"]}},"version":0}""";

    private AppDbContext Db() => app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();

    private async Task<int> AuditCountAsync()
    {
        await using var db = Db();
        return await db.AuditEntries.CountAsync();
    }

    /// Names that only the parties of the demo partnerships may read.
    private async Task<HashSet<string>> SecretsAsync()
    {
        await using var db = Db();
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        secrets.UnionWith(await db.People.Select(p => p.Name).ToListAsync());
        secrets.UnionWith(await db.Partnerships.Select(p => p.Name).ToListAsync());
        secrets.UnionWith(await db.Techniques.Select(t => t.Name).ToListAsync());
        secrets.UnionWith(await db.Meetings.Select(m => m.Title).ToListAsync());
        secrets.UnionWith(await db.TrainingCourses.Select(c => c.Name).ToListAsync());
        secrets.UnionWith(await db.Consultations.Select(c => c.Patient.Name).ToListAsync());
        secrets.UnionWith(await db.Consultations.Select(c => c.Patient.IdNumberMasked!).Where(m => m != null).ToListAsync());
        secrets.UnionWith(await db.Referrals.Select(r => r.Patient.Name).ToListAsync());
        secrets.UnionWith(["机密讲题", "机密系列", "机密课件"]);
        secrets.RemoveWhere(s => s.Length < 2);
        Assert.True(secrets.Count > 20, $"only {secrets.Count} private names in the demo");
        return secrets;
    }
}
