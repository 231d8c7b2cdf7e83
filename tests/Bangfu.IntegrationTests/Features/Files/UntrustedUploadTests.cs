using System.Net;
using System.Text;
using Bangfu.Features.Files;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Files;

/// Clinical files as an attacker would send them: markup under a clinical name, entities, and names built to mislead.
public sealed class UntrustedUploadTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static string Url(int referralId, int? attachmentId = null) =>
        attachmentId is { } a ? $"/api/referrals/{referralId}/attachments/{a}" : $"/api/referrals/{referralId}/attachments";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Svg_and_html_disguised_as_clinical_files_and_xml_with_entities_are_refused_and_an_ecg_export_is_kept()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        async Task<string> RefusedAsync(string content, string fileName) =>
            Assert.Single(await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(Utf8(content), fileName))).FieldErrorAsync("file"));

        Assert.Contains("HTML/SVG", await RefusedAsync("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"fetch('/api/people')\"/>", "心电图.xml"), StringComparison.Ordinal);
        Assert.Contains("HTML/SVG", await RefusedAsync("<?xml version=\"1.0\"?>\n<ecg xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(document.cookie)</h:script></ecg>", "心电图.xml"), StringComparison.Ordinal);
        Assert.Contains("HTML/SVG", await RefusedAsync("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "报告.pdf"), StringComparison.Ordinal);
        Assert.Contains("HTML/SVG", await RefusedAsync("<html><img src=x onerror=alert(1)></html>", "片子.png"), StringComparison.Ordinal);
        Assert.Contains("DOCTYPE", await RefusedAsync("<?xml version=\"1.0\"?><!DOCTYPE ecg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><ecg>&xxe;</ecg>", "心电图.xml"), StringComparison.Ordinal);
        Assert.Empty(await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>());

        const string ecg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AnnotatedECG xmlns=\"urn:hl7-org:v3\"><id root=\"2.16.840.1\"/><component><series><digits>0 12 25 -3</digits></series></component></AnnotatedECG>";
        var kept = await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(Utf8(ecg), "心电图.xml"))).ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal("xml", kept.Kind);
        var download = await s.Sender.GetAsync(Url(r.Id, kept.Id));
        Assert.Equal("application/xml", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_name_with_path_parts_and_a_right_to_left_override_is_stored_neutralised_and_downloaded_with_nosniff()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var pdf = AttachmentData.Pdf("伪装");
        var kept = await (await s.Sender.PostAsync(Url(r.Id), AttachmentData.Upload(pdf, "..\\..\\evil\u202Etxt.exe.pdf"))).ReadAsync<AttachmentDto>(HttpStatusCode.Created);
        Assert.Equal("eviltxt.exe.pdf", kept.FileName);
        var listed = Assert.Single(await (await s.Sender.GetAsync(Url(r.Id))).ReadAsync<List<AttachmentDto>>());
        Assert.Equal("eviltxt.exe.pdf", listed.FileName);

        var download = await s.Sender.GetAsync(Url(r.Id, kept.Id));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("eviltxt.exe.pdf", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }
}
