using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bangfu.Common;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Bangfu.Testing;

namespace Bangfu.IntegrationTests.Features.TeleTeaching;

public sealed class CoursewareTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, int partnershipId, string fileName, byte[] content, string? title = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (title is not null)
            form.Add(new StringContent(title), "title");
        return client.PostAsync($"/api/teleteaching/partnerships/{partnershipId}/courseware", form);
    }

    /// 300 MB of zeros deflated to about 300 KB, reused by every entry of a bomb.
    private static readonly Lazy<TestZip.Part> Zeros = new(() => TestZip.Filled("zeros", 300L * 1024 * 1024));

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    [Fact]
    public async Task Courseware_is_uploaded_listed_downloaded_and_deleted_by_the_parties_only()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var hub = await app.OrgAdminAsync(admin, s.HubId);
        var item = await (await UploadAsync(hub, s.PartnershipId, "新生儿复苏指南.pdf", Pdf, "新生儿复苏指南（2021）")).ReadAsync<CoursewareDto>(HttpStatusCode.Created);
        Assert.Equal(CoursewareKind.Document, item.Kind);
        Assert.Equal("新生儿复苏指南（2021）", item.Title);
        Assert.Equal(Pdf.Length, item.Length);

        var spoke = await app.UserAsync(admin, Roles.ReadOnly, s.SpokeAId);
        var list = await (await spoke.GetAsync($"/api/teleteaching/partnerships/{s.PartnershipId}/courseware")).ReadAsync<IReadOnlyList<CoursewareDto>>();
        Assert.Equal(item.Id, Assert.Single(list).Id);
        var download = await spoke.GetAsync($"/api/teleteaching/courseware/{item.Id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        await (await UploadAsync(spoke, s.PartnershipId, "x.pdf", Pdf)).ProblemAsync(HttpStatusCode.Forbidden);

        var other = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/partnerships/{s.PartnershipId}/courseware")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/courseware/{item.Id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/teleteaching/courseware/{item.Id}?version={item.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(other, s.PartnershipId, "x.pdf", Pdf)).StatusCode);

        await (await hub.DeleteAsync($"/api/teleteaching/courseware/{item.Id}?version={item.Version + 1}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await hub.DeleteAsync($"/api/teleteaching/courseware/{item.Id}?version={item.Version}")).StatusCode);
        Assert.Empty(await (await spoke.GetAsync($"/api/teleteaching/partnerships/{s.PartnershipId}/courseware")).ReadAsync<IReadOnlyList<CoursewareDto>>());
        Assert.Equal(HttpStatusCode.NotFound, (await spoke.GetAsync($"/api/teleteaching/courseware/{item.Id}/content")).StatusCode);
    }

    [Fact]
    public async Task A_renamed_executable_an_empty_file_and_an_unknown_kind_are_refused()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];
        await (await UploadAsync(admin, s.PartnershipId, "课件.pptx", exe)).FieldErrorAsync("file");
        await (await UploadAsync(admin, s.PartnershipId, "课件.pdf", [])).FieldErrorAsync("file");
        await (await UploadAsync(admin, s.PartnershipId, "课件.txt", Encoding.UTF8.GetBytes("hello"))).FieldErrorAsync("file");
        Assert.Empty(await (await admin.GetAsync($"/api/teleteaching/partnerships/{s.PartnershipId}/courseware")).ReadAsync<IReadOnlyList<CoursewareDto>>());
    }

    [Fact]
    public async Task A_zip_bomb_a_package_of_many_entries_and_a_zip_that_is_no_office_file_are_refused_and_a_real_package_is_kept()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);

        // Ten entries of 300 MB: 3 GB declared in 3 MB; the first already packs a thousand to one.
        var bomb = TestZip.Bomb(Zeros.Value, 10);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var refused = await (await UploadAsync(admin, s.PartnershipId, "课件.xlsx", bomb)).FieldErrorAsync("file");
        Assert.Contains("sheet1.xml”压缩比超过 200 倍", Assert.Single(refused), StringComparison.Ordinal);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{watch.ElapsedMilliseconds} ms");
        Assert.True(GC.GetTotalAllocatedBytes(precise: false) - allocated < 256L * 1024 * 1024, "more than 256 MB allocated");

        var many = await (await UploadAsync(admin, s.PartnershipId, "课件.pptx", TestZip.ManyEntries(6000, "ppt/presentation.xml"))).FieldErrorAsync("file");
        Assert.Contains("5000", Assert.Single(many), StringComparison.Ordinal);
        var notWord = await (await UploadAsync(admin, s.PartnershipId, "讲义.docx", TestZip.Build(TestZip.PackageParts("xl/workbook.xml")))).FieldErrorAsync("file");
        Assert.Contains(".docx", Assert.Single(notWord), StringComparison.Ordinal);
        Assert.Empty(await (await admin.GetAsync($"/api/teleteaching/partnerships/{s.PartnershipId}/courseware")).ReadAsync<IReadOnlyList<CoursewareDto>>());

        var docx = TestZip.Build(TestZip.PackageParts("word/document.xml"));
        var kept = await (await UploadAsync(admin, s.PartnershipId, "讲义.docx", docx)).ReadAsync<CoursewareDto>(HttpStatusCode.Created);
        Assert.Equal(CoursewareKind.Document, kept.Kind);
        Assert.Equal("讲义", kept.Title);
    }
}
