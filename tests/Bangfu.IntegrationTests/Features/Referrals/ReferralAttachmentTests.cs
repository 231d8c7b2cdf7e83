using System.Net;
using System.Net.Http.Json;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.Features.Referrals;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class ReferralAttachmentTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static string Url(int referralId, int? attachmentId = null) =>
        attachmentId is { } a ? $"/api/referrals/{referralId}/attachments/{a}" : $"/api/referrals/{referralId}/attachments";

    private static async Task<AttachmentDto> AttachAsync(HttpClient client, int referralId, byte[] content, string fileName, AttachmentCategory category) =>
        await (await client.PostAsync(Url(referralId), AttachmentData.Upload(content, fileName, category, "转诊前检查")))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);

    private async Task<int> StoredFileCountAsync()
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        return await db.StoredFiles.CountAsync();
    }

    [Fact]
    public async Task The_sender_attaches_a_pdf_and_a_png_and_both_sides_list_and_download_them()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var pdf = AttachmentData.Pdf("血气分析");
        var png = AttachmentData.Png();
        var report = await AttachAsync(s.Sender, r.Id, pdf, "血气分析.pdf", AttachmentCategory.Other);
        var film = await AttachAsync(s.Sender, r.Id, png, "胸片.png", AttachmentCategory.Imaging);
        Assert.Equal(("血气分析.pdf", "pdf", pdf.Length, AttachmentCategory.Other, "转诊前检查"), (report.FileName, report.Kind, report.Length, report.Category, report.Note));
        Assert.Equal(("胸片.png", "png", png.Length, AttachmentCategory.Imaging), (film.FileName, film.Kind, film.Length, film.Category));

        var list = await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>();
        Assert.Equal([report.Id, film.Id], list.Select(a => a.Id));
        // The referral's own answer carries them too, as a consultation's does.
        var dto = await (await s.Sender.GetAsync($"/api/referrals/{r.Id}")).ReadAsync<ReferralDto>();
        Assert.Equal([report.Id, film.Id], dto.Attachments.Select(a => a.Id));
        Assert.True(dto.CanEdit);

        var download = await s.Sender.GetAsync(Url(r.Id, film.Id));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);

        await s.Sender.ActAsync(r.Id, "submit");
        var received = await (await s.Receiver.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>();
        Assert.Equal([report.Id, film.Id], received.Select(a => a.Id));
        var fromReceiver = await s.Receiver.GetAsync(Url(r.Id, report.Id));
        Assert.Equal(HttpStatusCode.OK, fromReceiver.StatusCode);
        Assert.Equal(pdf, await fromReceiver.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", fromReceiver.Content.Headers.ContentType?.MediaType);
        var seen = await (await s.Receiver.GetAsync($"/api/referrals/{r.Id}")).ReadAsync<ReferralDto>();
        Assert.Equal(2, seen.Attachments.Count);
        Assert.False(seen.CanEdit);

        // An attachment is reachable only under its own referral.
        var other = await s.Sender.CreateReferralAsync(s.Up());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Sender.GetAsync(Url(other.Id, report.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Sender.DeleteAsync(Url(other.Id, report.Id))).StatusCode);
    }

    [Fact]
    public async Task A_renamed_executable_an_empty_and_an_oversized_file_are_refused_on_the_file_field_and_nothing_is_kept()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var before = await StoredFileCountAsync();
        var executable = await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Executable(), "心电图.pdf"))).FieldErrorAsync("file");
        Assert.Contains("可执行文件", Assert.Single(executable), StringComparison.Ordinal);
        var empty = await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload([], "空.pdf"))).FieldErrorAsync("file");
        Assert.Contains("空", Assert.Single(empty), StringComparison.Ordinal);
        await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Pdf(), "资料.exe"))).FieldErrorAsync("file");

        // The clinical limit, set low for this host: one byte over is refused.
        var (_, userName) = await app.NamedUserAsync(admin, Roles.OrgAdmin, s.SenderId);
        await using var small = app.WithWebHostBuilder(b => b.UseSetting("Bangfu:Files:MaxClinicalBytes", "1024"));
        var sender = small.CreateClient();
        var token = await (await sender.PostAsJsonAsync("/api/auth/login", new { userName, password = Registry.UserPassword })).ReadAsync<BangfuApp.TokenResponse>();
        sender.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        var oversized = new byte[1025];
        "%PDF-1.4\n"u8.CopyTo(oversized);
        var tooLarge = await (await sender.PostAsync(Url(r.Id), AttachmentData.Upload(oversized, "大.pdf"))).FieldErrorAsync("file");
        Assert.Contains("上限", Assert.Single(tooLarge), StringComparison.Ordinal);

        Assert.Empty(await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>());
        Assert.Equal(before, await StoredFileCountAsync());
        var files = Path.Combine(app.Services.GetRequiredService<BangfuOptions>().DataDir, "files");
        Assert.DoesNotContain(Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories) : [],
            f => Path.GetFileName(f).StartsWith(".upload-", StringComparison.Ordinal));
        // Exactly at the limit is kept.
        var atLimit = oversized[..1024];
        Assert.Equal(HttpStatusCode.Created, (await sender.PostAsync(Url(r.Id), AttachmentData.Upload(atLimit, "刚好.pdf"))).StatusCode);
    }

    [Fact]
    public async Task Only_the_sending_sides_clinicians_change_attachments_and_only_while_the_referral_is_a_draft()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var kept = await AttachAsync(s.Sender, r.Id, AttachmentData.Pdf("病历摘要"), "病历摘要.pdf", AttachmentCategory.Other);
        var extra = await AttachAsync(s.Sender, r.Id, AttachmentData.Pdf("多余"), "多余.pdf", AttachmentCategory.Pathology);

        // A read-only user of the sender reads but does not change.
        var reader = await app.UserAsync(admin, Roles.ReadOnly, s.SenderId);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Url(r.Id, kept.Id))).StatusCode);
        await (await reader.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Pdf(), "只读.pdf"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.DeleteAsync(Url(r.Id, extra.Id))).ProblemAsync(HttpStatusCode.Forbidden);

        // Removed while a draft: gone from the list and no longer downloadable.
        Assert.Equal(HttpStatusCode.NoContent, (await s.Sender.DeleteAsync(Url(r.Id, extra.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Sender.GetAsync(Url(r.Id, extra.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Sender.DeleteAsync(Url(r.Id, extra.Id))).StatusCode);
        Assert.Equal([kept.Id], (await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>()).Select(a => a.Id));

        // Once submitted the material is frozen: a 409 naming the state, in Chinese and in English.
        await s.Sender.ActAsync(r.Id, "submit");
        var late = await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Pdf(), "补充.pdf"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("已提交", late["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await s.Sender.DeleteAsync(Url(r.Id, kept.Id))).ProblemAsync(HttpStatusCode.Conflict);
        using var english = new HttpRequestMessage(HttpMethod.Post, Url(r.Id)) { Content = AttachmentData.Upload(AttachmentData.Pdf(), "补充.pdf") };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var lateEnglish = await (await s.Sender.SendAsync(english)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("submitted", lateEnglish["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // The receiving side only reads, whatever the state.
        await (await s.Receiver.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Pdf(), "接收方.pdf"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Receiver.DeleteAsync(Url(r.Id, kept.Id))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal([kept.Id], (await (await s.Receiver.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>()).Select(a => a.Id));
    }

    [Fact]
    public async Task Whoever_cannot_read_the_referral_gets_404_on_its_attachments()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var attachment = await AttachAsync(s.Sender, r.Id, AttachmentData.Pdf(), "心电图.pdf", AttachmentCategory.Ecg);
        // A transport centre of an independent emergency centre carries the patient but is not a party to the referral.
        var emergency = await admin.CreateOrganizationAsync(Registry.Unique("急救中心"), "140100");
        var emergencyStaff = await app.OrgAdminAsync(admin, emergency.Id);
        var centre = await (await emergencyStaff.PostJsonAsync("/api/transport/centres", new SaveCentreRequest(emergency.Id, "120急救分站", "120")))
            .ReadAsync<CentreDto>(HttpStatusCode.Created);
        await (await s.Sender.PostJsonAsync($"/api/referrals/{r.Id}/transport", new RequestTransportRequest(centre.Id, "县医院", "省儿童医院", "呼吸急促", null)))
            .ReadAsync<TransportRunDto>(HttpStatusCode.Created);
        await s.Sender.ActAsync(r.Id, "submit");
        var requests = await (await emergencyStaff.GetAsync("/api/transport/requests")).ReadAsync<List<TransportRequestItem>>();
        Assert.Contains(requests, i => i.Run.ReferralId == r.Id);

        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "140000", kind: OrganizationKind.HealthCommission)).Id);
        foreach (var outsider in new[] { s.Third, commission, admin, emergencyStaff })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/referrals/{r.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Url(r.Id))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Url(r.Id, attachment.Id))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(Url(r.Id), AttachmentData.Upload(AttachmentData.Pdf(), "x.pdf"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync(Url(r.Id, attachment.Id))).StatusCode);
        }
        Assert.Equal([attachment.Id], (await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>()).Select(a => a.Id));
        // The receiver's own transport centre is the receiving hospital: its staff read the referral, and so the material.
        Assert.Equal(HttpStatusCode.OK, (await s.Receiver.GetAsync(Url(r.Id, attachment.Id))).StatusCode);
    }
}
