using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Evidence;
using Bangfu.Features.Meetings;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Bangfu.IntegrationTests.Features.Evidence;

public sealed class EvidenceTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private sealed record Records(LedgerSetup Setup, int DispatchId, long ActivityId, int MeetingId, int AgreementId, int TechniqueId, int TraineeId);

    private static MultipartFormDataContent Upload(byte[] content, string fileName, EvidenceCategory category)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(category.ToString()), "category");
        return form;
    }

    private static byte[] Jpeg(string text) => [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.UTF8.GetBytes(text)];

    /// A partnership with one record of each kind, dated in May 2026 (the trainee and the dispatch span the month).
    private async Task<Records> RecordsAsync(HttpClient admin)
    {
        var s = await WorkLedger.SetUpAsync(admin);
        var dispatch = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 20)));
        var activity = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2026, 5, 6), 2, ActivityUnit.Tai));
        var trainee = await admin.CreatePersonAsync(s.SupportedId);
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        var meeting = new Meeting { PartnershipId = s.PartnershipId, Title = "第一次联席会议", HeldOn = new DateOnly(2026, 5, 8) };
        var agreement = new Agreement { PartnershipId = s.PartnershipId, Round = 1, Title = "对口支援协议", SignedOn = new DateOnly(2026, 5, 1), TermStart = new DateOnly(2026, 5, 1) };
        var technique = new Technique { PartnershipId = s.PartnershipId, HostOrganizationId = s.SupportedId, Name = "经皮冠脉介入", FirstPerformedOn = new DateOnly(2026, 5, 12) };
        var trn = new Trainee { PartnershipId = s.PartnershipId, PersonId = trainee.Id, HostOrganizationId = s.SupportingId, StartDate = new DateOnly(2026, 5, 1), EndDate = new DateOnly(2026, 7, 31) };
        db.AddRange(meeting, agreement, technique, trn);
        await db.SaveChangesAsync();
        return new Records(s, dispatch.Id, activity.Id, meeting.Id, agreement.Id, technique.Id, trn.Id);
    }

    private static IEnumerable<(string Segment, long Id)> Each(Records r) =>
        [("dispatches", r.DispatchId), ("activities", r.ActivityId), ("meetings", r.MeetingId), ("agreements", r.AgreementId),
            ("techniques", r.TechniqueId), ("trainees", r.TraineeId)];

    [Fact]
    public async Task Evidence_attaches_to_each_record_kind_and_lists_per_record_and_per_partnership()
    {
        var admin = await app.AdminAsync();
        var r = await RecordsAsync(admin);
        var coordinator = await app.OrgAdminAsync(admin, r.Setup.SupportedId);
        foreach (var (segment, id) in Each(r))
        {
            var added = await (await coordinator.PostAsync($"/api/evidence/{segment}/{id}", Upload(Jpeg(segment), $"{segment}.jpg", EvidenceCategory.Photo)))
                .ReadAsync<EvidenceDto>(HttpStatusCode.Created);
            Assert.Equal(("jpeg", EvidenceCategory.Photo, id), (added.Kind, added.Category, added.RecordId));
            var list = await (await coordinator.GetAsync($"/api/evidence/{segment}/{id}")).ReadAsync<List<EvidenceDto>>();
            Assert.Equal([added.Id], list.Select(e => e.Id));
            var download = await coordinator.GetAsync($"/api/evidence/{segment}/{id}/{added.Id}");
            Assert.Equal(Jpeg(segment), await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var all = await (await coordinator.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence")).ReadAsync<PartnershipEvidenceDto>();
        Assert.Equal(6, all.Items.Count);
        Assert.All(all.Counts, c => Assert.Equal(1, c.Files));
        Assert.Contains(all.Items, i => i.RecordKind == EvidenceRecordKind.Meeting && i.RecordName == "第一次联席会议" && i.RecordDate == new DateOnly(2026, 5, 8));
        var meetings = await (await coordinator.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence?ledger=meetings")).ReadAsync<PartnershipEvidenceDto>();
        Assert.Equal([EvidenceRecordKind.Meeting], meetings.Items.Select(i => i.RecordKind));
    }

    [Fact]
    public async Task Another_partnerships_record_and_another_organizations_coordinator_get_404_and_a_disguised_file_is_refused()
    {
        var admin = await app.AdminAsync();
        var r = await RecordsAsync(admin);
        var other = await RecordsAsync(admin);
        var coordinator = await app.OrgAdminAsync(admin, r.Setup.SupportedId);
        var outsider = await app.OrgAdminAsync(admin, other.Setup.SupportedId);
        var added = await (await coordinator.PostAsync($"/api/evidence/dispatches/{r.DispatchId}", Upload(Jpeg("x"), "签到.jpg", EvidenceCategory.SignInSheet)))
            .ReadAsync<EvidenceDto>(HttpStatusCode.Created);
        // The coordinator of another partnership's organization sees none of it.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/evidence/dispatches/{r.DispatchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/evidence/dispatches/{r.DispatchId}/{added.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/evidence/dispatches/{r.DispatchId}/{added.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/evidence/dispatches/{r.DispatchId}", Upload(Jpeg("y"), "y.jpg", EvidenceCategory.Photo))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence/archive")).StatusCode);
        // A file is reachable only under its own record: another partnership's dispatch id does not open it.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/evidence/dispatches/{other.DispatchId}/{added.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/evidence/dispatches/{other.DispatchId}")).StatusCode);
        // An executable named as a photo, and a PDF named .jpg, are refused on the file field.
        await (await coordinator.PostAsync($"/api/evidence/dispatches/{r.DispatchId}", Upload(AttachmentData.Executable(), "合影.jpg", EvidenceCategory.Photo))).FieldErrorAsync("file");
        await (await coordinator.PostAsync($"/api/evidence/dispatches/{r.DispatchId}", Upload(AttachmentData.Pdf(), "合影.jpg", EvidenceCategory.Photo))).FieldErrorAsync("file");
        var list = await (await coordinator.GetAsync($"/api/evidence/dispatches/{r.DispatchId}")).ReadAsync<List<EvidenceDto>>();
        Assert.Equal([added.Id], list.Select(e => e.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/evidence/dispatches/{r.DispatchId}/{added.Id}")).StatusCode);
        Assert.Empty(await (await coordinator.GetAsync($"/api/evidence/dispatches/{r.DispatchId}")).ReadAsync<List<EvidenceDto>>());
    }

    [Fact]
    public async Task The_ledger_export_counts_each_rows_attachments()
    {
        var admin = await app.AdminAsync();
        var r = await RecordsAsync(admin);
        for (var i = 0; i < 2; i++)
            await (await admin.PostAsync($"/api/evidence/dispatches/{r.DispatchId}", Upload(Jpeg($"d{i}"), $"d{i}.jpg", EvidenceCategory.Photo))).ReadAsync<EvidenceDto>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/evidence/techniques/{r.TechniqueId}", Upload(AttachmentData.Pdf("t"), "t.pdf", EvidenceCategory.Other))).ReadAsync<EvidenceDto>(HttpStatusCode.Created);
        var response = await admin.GetAsync($"/api/reports/ledger?partnershipId={r.Setup.PartnershipId}&from=2026-05-01&to=2026-05-31&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        List<IDictionary<string, object?>> Sheet(string name)
        {
            xlsx.Position = 0;
            return xlsx.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
        }
        double N(object? v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, N(Sheet("派驻人员台账")[0]["附件数"]));
        Assert.Equal(0, N(Sheet("工作量台账")[0]["附件数"]));
        Assert.Equal(1, N(Sheet("新技术新项目台账")[0]["附件数"]));
        Assert.Equal(0, N(Sheet("进修人员台账")[0]["附件数"]));
    }

    [Fact]
    public async Task The_partnerships_zip_has_a_folder_per_ledger_with_the_files_byte_identical_and_follows_the_period()
    {
        var admin = await app.AdminAsync();
        var r = await RecordsAsync(admin);
        var contents = new Dictionary<string, byte[]>();
        foreach (var (segment, id) in Each(r))
        {
            contents[segment] = Jpeg("evidence of " + segment);
            await (await admin.PostAsync($"/api/evidence/{segment}/{id}", Upload(contents[segment], "照片.jpg", EvidenceCategory.Photo))).ReadAsync<EvidenceDto>(HttpStatusCode.Created);
        }
        // Two files of the same name on one meeting stay two entries.
        await (await admin.PostAsync($"/api/evidence/meetings/{r.MeetingId}", Upload(AttachmentData.Pdf("纪要"), "照片.jpg".Replace(".jpg", ".pdf", StringComparison.Ordinal), EvidenceCategory.Minutes))).ReadAsync<EvidenceDto>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/evidence/meetings/{r.MeetingId}", Upload(AttachmentData.Pdf("纪要2"), "照片.pdf", EvidenceCategory.Minutes))).ReadAsync<EvidenceDto>(HttpStatusCode.Created);

        var response = await admin.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence/archive?from=2026-05-01&to=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(8, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["会议台账", "协议台账", "工作量台账", "新技术新项目台账", "调派台账", "进修人员台账"], names.Select(n => n.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("会议台账/2026-05-08_第一次联席会议_照片.jpg", names);
        Assert.Contains("会议台账/2026-05-08_第一次联席会议_照片.pdf", names);
        Assert.Contains("会议台账/2026-05-08_第一次联席会议_照片 (2).pdf", names);
        Assert.Contains("新技术新项目台账/2026-05-12_经皮冠脉介入_照片.jpg", names);
        foreach (var (folder, segment) in new[] { ("调派台账", "dispatches"), ("工作量台账", "activities"), ("协议台账", "agreements"), ("进修人员台账", "trainees") })
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith(folder + "/", StringComparison.Ordinal));
            using var read = entry.Open();
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(contents[segment], copy.ToArray());
        }

        // June holds only the trainee (May–July); the list follows the same period.
        var june = await admin.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence/archive?from=2026-06-01&to=2026-06-30");
        using var juneZip = new ZipArchive(new MemoryStream(await june.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(["进修人员台账"], juneZip.Entries.Select(e => e.FullName.Split('/')[0]));
        var list = await (await admin.GetAsync($"/api/partnerships/{r.Setup.PartnershipId}/evidence?from=2026-06-01&to=2026-06-30")).ReadAsync<PartnershipEvidenceDto>();
        Assert.Equal([EvidenceRecordKind.Trainee], list.Items.Select(i => i.RecordKind));
        Assert.Equal(1, list.Counts.Sum(c => c.Files));
    }
}
