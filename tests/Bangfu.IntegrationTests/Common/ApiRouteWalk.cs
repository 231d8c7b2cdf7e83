using System.Text.RegularExpressions;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Consultations;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Referrals;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// One API route and method of the running app. <see cref="BodyType"/> is the type its JSON body binds to, when it
/// takes one (null for uploads and for routes without a body).
public sealed record ApiRoute(string Method, string Route, bool Upload, Type? BodyType)
{
    /// "POST /api/referrals/{id}": the route as the sweeps name it, without the route constraints.
    public string Key => $"{Method} {Route.Replace(":int", "", StringComparison.Ordinal)}";
}

/// What the route sweeps share: every /api route the running app has (new ones included), and the demo records their
/// parameters are filled with.
public static partial class ApiRouteWalk
{
    /// Every /api route and method but sign-in and sign-out (which ends the walker's own sessions, SessionTests), in a
    /// stable order.
    public static List<ApiRoute> Routes(BangfuApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.RoutePattern.RawText is not ("/api/auth/login" or "/api/auth/logout"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiRoute(m, e.RoutePattern.RawText!,
                e.Metadata.GetMetadata<LargeBodyMetadata>() is not null,
                e.Metadata.GetMetadata<LargeBodyMetadata>() is null ? e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null) : null)))
            .Distinct()
            .OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// The route with its parameters replaced by the ids of <see cref="RecordIdsAsync"/>; null (and a failure naming the
    /// route) when a parameter points at a record not named there. <paramref name="replace"/> puts a value of the
    /// caller's in one parameter instead.
    public static string? Fill(string route, Dictionary<string, string> ids, List<string> failures, (string Name, string Value)? replace = null)
    {
        var missing = false;
        var path = RouteParameter().Replace(route, m =>
        {
            var before = route[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            var name = m.Groups["name"].Value;
            if (replace is { } r && r.Name == name)
                return r.Value;
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

    /// The ids each route parameter is filled with: records of the demo partnerships (the trusteeship and its supported
    /// hospital, the host, first of all). Adds what the demo lacks: attachments, a tele-teaching series with a session,
    /// courseware, and an organization administrator of the host (the user the users/{id} routes point at).
    public static async Task<Dictionary<string, string>> RecordIdsAsync(BangfuApp app, HttpClient admin)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
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
        // Evidence of the first dispatch (the one the dispatches/{id} routes point at), under the dispatch's partnership.
        var evidenceDispatch = await db.Dispatches.OrderBy(d => d.Id).Select(d => new { d.Id, d.PartnershipId }).FirstAsync();
        var photo = await app.Services.GetRequiredService<FileStore>().AddAsync(db, new AccessScope("admin", Roles.SystemAdmin, null, null), FilePurpose.Evidence,
            "合影.pdf", new MemoryStream("%PDF-1.4\n% photo\n%%EOF\n"u8.ToArray()), "file", CancellationToken.None);
        var evidence = new Bangfu.Features.Evidence.EvidenceFile
        {
            PartnershipId = evidenceDispatch.PartnershipId,
            RecordKind = Bangfu.Features.Evidence.EvidenceRecordKind.Dispatch,
            RecordId = evidenceDispatch.Id,
            StoredFile = photo,
        };
        db.EvidenceFiles.Add(evidence);
        // An import of the trusteeship, previewed and not committed.
        var sheet = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(sheet, new[] { new Dictionary<string, object> { ["日期"] = "2018-03-01", ["类别"] = "手术", ["数量"] = 1 } });
        sheet.Position = 0;
        var ledger = await app.Services.GetRequiredService<FileStore>().AddAsync(db, new AccessScope("admin", Roles.SystemAdmin, null, null), FilePurpose.Import,
            "台账.xlsx", sheet, "file", CancellationToken.None);
        var import = new Bangfu.Features.Import.ImportBatch
        {
            PartnershipId = trusteeship,
            StoredFile = ledger,
            FileName = ledger.FileName,
            Sha256 = ledger.Sha256,
            CreatedBy = "admin",
            CreatedAt = new DateTimeOffset(2018, 3, 2, 8, 0, 0, TimeSpan.Zero),
        };
        db.ImportBatches.Add(import);
        await db.SaveChangesAsync();
        var activity = await db.Activities.Select(a => a.Id).FirstAsync();
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
            ["dispatches/id"] = S(evidenceDispatch.Id),
            ["evidence/kind"] = "dispatches",
            ["{kind}/recordId"] = S(evidenceDispatch.Id),
            ["{recordId:long}/evidenceId"] = S(evidence.Id),
            ["activities/id"] = S(activity),
            ["imports/id"] = S(import.Id),
            ["imports/kind"] = "activities",
            ["review/id"] = S(activity),
            ["plausibility-rules/id"] = S(await db.PlausibilityRules.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync()),
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
}
