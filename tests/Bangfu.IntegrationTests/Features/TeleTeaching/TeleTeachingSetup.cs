using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bangfu.Features.Partnerships;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.TeleTeaching;

/// A specialty alliance of a hub (the lead) and two spoke members, with a lecturer at the hub and people at the spokes.
public sealed record AllianceSetup(int PartnershipId, int HubId, int SpokeAId, int SpokeBId, int LecturerId, string SpokeAName);

public static class TeleTeachingSetup
{
    public static async Task<AllianceSetup> AllianceAsync(HttpClient admin)
    {
        var hub = await admin.CreateOrganizationAsync(Registry.Unique("省儿童医院"), region: "140105");
        var a = await admin.CreateOrganizationAsync(Registry.Unique("县妇幼"), region: "140702");
        var b = await admin.CreateOrganizationAsync(Registry.Unique("县医院"), region: "140721");
        var since = new DateOnly(2020, 1, 1);
        var response = await admin.PostJsonAsync("/api/partnerships", new SavePartnershipRequest(PartnershipKind.SpecialtyAlliance, Registry.Unique("专科联盟"),
            PartnershipStatus.Active, since, Parties:
            [
                new SavePartyRequest(hub.Id, PartyRole.Lead, since),
                new SavePartyRequest(a.Id, PartyRole.Member, since),
                new SavePartyRequest(b.Id, PartyRole.Member, since),
            ]));
        var partnership = await response.ReadAsync<PartnershipDto>(HttpStatusCode.Created);
        var lecturer = await admin.CreatePersonAsync(hub.Id);
        return new AllianceSetup(partnership.Id, hub.Id, a.Id, b.Id, lecturer.Id, a.Name);
    }

    public static SaveTeachingSeriesRequest Series(this AllianceSetup s, string rule, DateOnly from, DateOnly until, int? certificatePercent = null) =>
        new(s.PartnershipId, "新生儿窒息复苏远程教学", "新生儿科", s.HubId, [s.SpokeAId, s.SpokeBId], rule, new TimeOnly(14, 0), 60, from, until,
            CertificatePercent: certificatePercent);

    public static async Task<TeachingSeriesDto> CreateSeriesAsync(this HttpClient client, SaveTeachingSeriesRequest request) =>
        await (await client.PostJsonAsync("/api/teleteaching/series", request)).ReadAsync<TeachingSeriesDto>(HttpStatusCode.Created);

    public static async Task<IReadOnlyList<TeachingSessionDto>> SessionsAsync(this HttpClient client, int seriesId) =>
        await (await client.GetAsync($"/api/teleteaching/series/{seriesId}/sessions")).ReadAsync<IReadOnlyList<TeachingSessionDto>>();

    public static async Task<TeachingSessionDto> HoldAsync(this HttpClient client, TeachingSessionDto session, string topic = "新生儿窒息复苏", int? lecturerId = null) =>
        await (await client.PutJsonAsync($"/api/teleteaching/sessions/{session.Id}",
            new SaveTeachingSessionRequest(topic, lecturerId, "男婴，胎龄 36 周，出生 Apgar 评分 1 分钟 4 分", TeachingSessionStatus.Held, session.Version)))
            .ReadAsync<TeachingSessionDto>();

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, int sessionId, byte[] file, string? reason = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "participants.csv");
        if (reason is not null)
            form.Add(new StringContent(reason), "reason");
        return client.PostAsync($"/api/teleteaching/sessions/{sessionId}/attendance/import", form);
    }

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
