using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Consultations;
using Bangfu.Features.Demo;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Referrals;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// Walks every API route the running app has — new ones included, without editing this test beyond naming which record
/// a new route parameter points at — as the administrator of a hospital that takes part in no demo partnership, aimed
/// at the demo partnerships' records. Every read of a record by id is a 404, no answer carries a private name, and no
/// write changes anything (the audit trail, which every write adds to, stays as it was).
public sealed partial class OutsiderSweepTests(BangfuApp app) : IClassFixture<BangfuApp>
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
        var ids = await RecordIdsAsync(admin);
        var secrets = await SecretsAsync();
        var auditBefore = await AuditCountAsync();

        var failures = new List<string>();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.StartsWith("/api/auth/login", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!, Upload: e.Metadata.GetMetadata<LargeBodyMetadata>() is not null)))
            .Distinct()
            .OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");
        foreach (var (method, route, upload) in routes)
        {
            var path = Fill(route, ids, failures);
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
            var key = $"{method} {route.Replace(":int", "", StringComparison.Ordinal)}";
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
    /// indicator definitions and validation rules are managed by system administrators only, and the registry of hospitals (read by all)
    /// is changed only by the hospital's own administrators.
    private static bool IsGlobalAdminRoute(string key) =>
        Regex.IsMatch(key, @"^(PUT|DELETE) /api/indicators/(definitions|rules)/|^(PUT|POST) /api/users/|^(PUT|DELETE|POST) /api/organizations/\{id\}");

    private static string Body(Dictionary<string, string> ids) =>
        $$"""{"partnershipId":{{ids["partnerships/id"]}},"organizationId":{{ids["organizations/id"]}},"hostOrganizationId":{{ids["organizations/id"]}},"personId":{{ids["people/id"]}},"version":0}""";

    private static string? Fill(string route, Dictionary<string, string> ids, List<string> failures)
    {
        var missing = false;
        var path = RouteParameter().Replace(route, m =>
        {
            var before = route[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            var name = m.Groups["name"].Value;
            // The most specific name first: "referrals/attachments/attachmentId" before "attachments/attachmentId".
            var resource = route.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];
            if (ids.TryGetValue($"{resource}/{segment}/{name}", out var id) || ids.TryGetValue($"{segment}/{name}", out id) || ids.TryGetValue($"*/{name}", out id))
                return id;
            missing = true;
            return "";
        });
        if (missing)
            failures.Add($"{route}: name the demo record its parameters point at in {nameof(RecordIdsAsync)}");
        return missing ? null : path;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private AppDbContext Db() => app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();

    private async Task<int> AuditCountAsync()
    {
        await using var db = Db();
        return await db.AuditEntries.CountAsync();
    }

    /// The ids each route parameter is filled with: records of the demo partnerships, which the outsider is not part of.
    private async Task<Dictionary<string, string>> RecordIdsAsync(HttpClient admin)
    {
        await using var db = Db();
        var trusteeship = await db.Partnerships.Where(p => p.Kind == PartnershipKind.Trusteeship).Select(p => p.Id).SingleAsync();
        var host = await db.PartnershipParties.Where(p => p.PartnershipId == trusteeship && p.Role == PartyRole.Supported).Select(p => p.OrganizationId).SingleAsync();
        var hostUser = await app.NamedUserAsync(admin, Roles.OrgAdmin, host);
        var consultation = await db.Consultations.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var file = await app.Services.GetRequiredService<FileStore>().AddAsync(db, new AccessScope("admin", Roles.SystemAdmin, null, null), FilePurpose.Clinical,
            "心电图.pdf", new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", CancellationToken.None);
        var attachment = new ConsultationAttachment { ConsultationId = consultation, StoredFile = file };
        db.ConsultationAttachments.Add(attachment);
        var referral = await db.Referrals.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var referralAttachment = new ReferralAttachment { ReferralId = referral, StoredFile = file, Category = AttachmentCategory.Ecg };
        db.ReferralAttachments.Add(referralAttachment);
        // The demo has no tele-teaching yet: a series of the trusteeship with one session and one piece of courseware.
        var series = new TeachingSeries
        {
            PartnershipId = trusteeship,
            Title = "机密系列",
            HubOrganizationId = host,
            RecurrenceRule = "FREQ=WEEKLY;BYDAY=TU",
            StartTime = new TimeOnly(14, 0),
            DurationMinutes = 60,
            StartDate = new DateOnly(2018, 3, 1),
            EndDate = new DateOnly(2018, 3, 31),
        };
        var session = new TeachingSession { Series = series, Date = new DateOnly(2018, 3, 6), Topic = "机密讲题" };
        db.TeachingSessions.Add(session);
        var slides = await app.Services.GetRequiredService<FileStore>().AddAsync(db, new AccessScope("admin", Roles.SystemAdmin, null, null), FilePurpose.Courseware,
            "课件.pdf", new MemoryStream("%PDF-1.4\n% slides\n%%EOF\n"u8.ToArray()), "file", CancellationToken.None);
        var courseware = new CoursewareItem { PartnershipId = trusteeship, Title = "机密课件", StoredFile = slides };
        db.CoursewareItems.Add(courseware);
        await db.SaveChangesAsync();
        string S(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
        return new Dictionary<string, string>
        {
            ["partnerships/id"] = S(trusteeship),
            ["*/partnershipId"] = S(trusteeship),
            ["organizations/id"] = S(host),
            ["regions/code"] = await db.Organizations.Where(o => o.Id == host).Select(o => o.RegionCode).SingleAsync(),
            ["users/id"] = await db.Users.Where(u => u.UserName == hostUser.UserName).Select(u => u.Id).SingleAsync(),
            ["departments/departmentId"] = S(await db.Departments.Where(d => d.OrganizationId == host).Select(d => d.Id).FirstAsync()),
            ["people/id"] = S(await db.People.Where(p => p.OrganizationId == host).Select(p => p.Id).FirstAsync()),
            ["members/partyId"] = S(await db.PartnershipParties.Where(p => p.PartnershipId == trusteeship).Select(p => p.Id).FirstAsync()),
            ["agreements/agreementId"] = S(await db.Agreements.Where(a => a.PartnershipId == trusteeship).Select(a => a.Id).FirstAsync()),
            ["closed-months/month"] = "2018-01",
            ["dispatches/id"] = S(await db.Dispatches.Select(d => d.Id).FirstAsync()),
            ["activities/id"] = S(await db.Activities.Select(a => a.Id).FirstAsync()),
            ["expert-days/id"] = S(await db.ExpertDays.Select(d => d.Id).FirstAsync()),
            ["assignments/assignmentId"] = S(await db.ExpertDayAssignments.Select(a => a.Id).FirstAsync()),
            ["techniques/id"] = S(await db.Techniques.Select(t => t.Id).FirstAsync()),
            ["trainees/id"] = S(await db.Trainees.Select(t => t.Id).FirstAsync()),
            ["courses/id"] = S(await db.TrainingCourses.Select(c => c.Id).FirstAsync()),
            ["meetings/id"] = S(await db.Meetings.Select(m => m.Id).FirstAsync()),
            ["action-items/itemId"] = S(await db.ActionItems.Select(a => a.Id).FirstAsync()),
            ["definitions/id"] = S(await db.IndicatorDefinitions.Select(d => d.Id).FirstAsync()),
            ["consultations/id"] = S(consultation),
            ["consultations/attachments/attachmentId"] = S(attachment.Id),
            ["referrals/attachments/attachmentId"] = S(referralAttachment.Id),
            ["series/id"] = S(series.Id),
            ["sessions/id"] = S(session.Id),
            ["courseware/id"] = S(courseware.Id),
            ["referrals/id"] = S(referral),
            ["centres/id"] = S(await db.TransportCentres.Select(c => c.Id).FirstAsync()),
            ["vehicles/id"] = S(await db.Vehicles.Select(v => v.Id).FirstAsync()),
            ["runs/id"] = S(await db.TransportRuns.Select(r => r.Id).FirstAsync()),
            ["rules/id"] = S(await db.IndicatorValidationRules.Select(r => r.Id).FirstAsync()),
            ["plans/id"] = S(await db.Plans.Select(p => p.Id).FirstAsync()),
            ["goals/goalId"] = S(await db.PlanGoals.Select(g => g.Id).FirstAsync()),
            ["tasks/taskId"] = S(await db.PlanTasks.Select(t => t.Id).FirstAsync()),
        };
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
