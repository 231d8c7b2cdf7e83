using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bangfu.Features.Consultations;
using Bangfu.Features.Files;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bangfu.IntegrationTests.Features.Consultations;

public sealed class ConsultationRuleTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task A_consultant_must_be_registered_experienced_and_of_the_invited_organization()
    {
        var p = await app.ConsultationPartiesAsync();
        var unregistered = await p.Admin.CreateConsultantAsync(p.Invited.Id, null, new DateOnly(2010, 1, 1));
        var junior = await p.Admin.CreateConsultantAsync(p.Invited.Id, "110000000000003", DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date.AddYears(-2)));
        var noDate = await p.Admin.CreateConsultantAsync(p.Invited.Id, "110000000000004", null);
        var ofInviting = await p.Admin.CreateConsultantAsync(p.Inviting.Id, "110000000000005", new DateOnly(2010, 1, 1));
        var c = await p.ConsultationInAsync(ConsultationState.Accepted);
        foreach (var (person, text) in new[] { (unregistered, "执业证书"), (junior, "3 年"), (noDate, "3 年"), (ofInviting, "受邀机构") })
        {
            var refused = await p.InvitedAdmin.ActAsync(c, "schedule", ConsultationData.Slot(c, person.Id));
            var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains(text, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var scheduled = await p.InvitedAdmin.DoAsync(c, "schedule", ConsultationData.Slot(c, p.Consultant.Id));
        Assert.Equal(p.Consultant.Id, scheduled.ConsultantId);
    }

    [Fact]
    public async Task Configuration_sets_the_years_of_practice_and_the_clinical_file_size()
    {
        await using var configured = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Bangfu:Consultations:MinYearsOfIndependentPractice", "20");
            b.UseSetting("Bangfu:Files:MaxClinicalBytes", "1024");
        });
        var admin = configured.CreateClient();
        var login = await admin.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = BangfuApp.AdminPassword });
        var token = await login.ReadAsync<BangfuApp.TokenResponse>();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        async Task<HttpClient> SignInAsync(string role, int org)
        {
            var name = Registry.Unique("u");
            (await admin.PostJsonAsync("/api/users", new Bangfu.Features.Accounts.SaveUserRequest(name, null, role, org, Registry.UserPassword))).EnsureSuccessStatusCode();
            var client = configured.CreateClient();
            var t = await (await client.PostAsJsonAsync("/api/auth/login", new { userName = name, password = Registry.UserPassword })).ReadAsync<BangfuApp.TokenResponse>();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", t.AccessToken);
            return client;
        }

        var invited = await admin.CreateOrganizationAsync();
        var inviting = await admin.CreateOrganizationAsync();
        var consultant = await admin.CreateConsultantAsync(invited.Id, "110000000000006", new DateOnly(2010, 1, 1)); // 16 years: enough for 3, not for 20
        var requester = await SignInAsync(Bangfu.Common.Roles.OrgAdmin, inviting.Id);
        var invitedAdmin = await SignInAsync(Bangfu.Common.Roles.OrgAdmin, invited.Id);
        var c = await (await requester.PostJsonAsync("/api/consultations", ConsultationData.NewRequest(invited.Id, null))).ReadAsync<ConsultationDto>(HttpStatusCode.Created);

        var small = await requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(Encoding.UTF8.GetBytes("%PDF-1.4\n" + new string('x', 1000)), "小.pdf"));
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        var big = await requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(Encoding.UTF8.GetBytes("%PDF-1.4\n" + new string('x', 2000)), "大.pdf"));
        await big.FieldErrorAsync("file");

        c = await requester.DoAsync(c, "submit");
        c = await invitedAdmin.DoAsync(c, "accept");
        var refused = await invitedAdmin.ActAsync(c, "schedule", ConsultationData.Slot(c, consultant.Id));
        Assert.Contains("20 年", (await refused.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The same consultant qualifies under the default rule.
        var p = await app.ConsultationPartiesAsync();
        var sixteenYears = await p.Admin.CreateConsultantAsync(p.Invited.Id, "110000000000007", new DateOnly(2010, 1, 1));
        var d = await p.ConsultationInAsync(ConsultationState.Accepted);
        Assert.Equal(ConsultationState.Scheduled, (await p.InvitedAdmin.DoAsync(d, "schedule", ConsultationData.Slot(d, sixteenYears.Id))).State);
    }

    [Fact]
    public async Task Attachments_are_checked_kept_while_the_request_is_with_the_inviting_side_and_removable_then()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.CreateConsultationAsync();
        var exe = new byte[600];
        "MZ"u8.CopyTo(exe);
        await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(exe, "心电图.pdf"))).FieldErrorAsync("file");
        await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload([], "空.pdf"))).FieldErrorAsync("file");
        var pdf = AttachmentData.Pdf("十二导联");
        var kept = await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(pdf, "十二导联.pdf")))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal(("十二导联.pdf", "pdf", AttachmentCategory.Ecg, "入院心电图"), (kept.FileName, kept.Kind, kept.Category, kept.Note));
        var extra = await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(AttachmentData.Pdf("多余"), "多余.pdf", AttachmentCategory.Other)))
            .ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await p.Requester.DeleteAsync($"/api/consultations/{c.Id}/attachments/{extra.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Requester.GetAsync($"/api/consultations/{c.Id}/attachments/{extra.Id}")).StatusCode);

        var list = await (await p.Requester.GetAsync($"/api/consultations/{c.Id}/attachments")).ReadAsync<List<AttachmentDto>>();
        Assert.Equal([kept.Id], list.Select(a => a.Id));
        c = await p.Requester.DoAsync(c, "submit");
        var download = await p.InvitedAdmin.GetAsync($"/api/consultations/{c.Id}/attachments/{kept.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        // Once submitted, the material is frozen until the invited side returns it.
        await (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(pdf, "再传.pdf"))).ProblemAsync(HttpStatusCode.Conflict);
        await (await p.Requester.DeleteAsync($"/api/consultations/{c.Id}/attachments/{kept.Id}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await p.InvitedAdmin.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(pdf, "受邀方.pdf"))).ProblemAsync(HttpStatusCode.Forbidden);
        c = await p.InvitedAdmin.DoAsync(c, "return", new ConsultationActionRequest(c.Version, Reason: "请补充影像"));
        Assert.Equal(HttpStatusCode.Created, (await p.Requester.PostAsync($"/api/consultations/{c.Id}/attachments", AttachmentData.Upload(pdf, "补充.pdf", AttachmentCategory.Imaging))).StatusCode);
    }
}
