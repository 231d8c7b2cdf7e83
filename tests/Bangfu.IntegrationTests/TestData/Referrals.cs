using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Patients;
using Bangfu.Features.Referrals;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.TestData;

/// Two hospitals that refer patients to each other, a third that has nothing to do with it, and a transport centre
/// of the receiving hospital with one ambulance; every client is a clinician (organization administrator).
public sealed record ReferralSetUp(
    int SenderId, int ReceiverId, int ThirdId, HttpClient Sender, HttpClient Receiver, HttpClient Third,
    int SenderPhysicianId, int ReceiverPhysicianId, int CentreId, int VehicleId, int CrewId)
{
    public SaveReferralRequest Up(string diagnosisCode = "P22", ReferralPriority priority = ReferralPriority.Urgent, string? idNumber = null) =>
        new(ReferralDirection.Up, SenderId, null, ReceiverId, null, null,
            new PatientInput("张小宝", PatientSex.Male, null, 0, idNumber), diagnosisCode, "新生儿呼吸窘迫", "孕32周早产，生后进行性呼吸困难，已予CPAP。",
            "需NICU呼吸支持", SenderPhysicianId, priority, "患儿父亲");

    public SaveReferralRequest Down(string diagnosisCode = "I63") =>
        new(ReferralDirection.Down, SenderId, null, ReceiverId, null, null,
            new PatientInput("李四", PatientSex.Female, 1950, null, null), diagnosisCode, "脑梗死恢复期", "溶栓后病情稳定。",
            "转回基层康复", SenderPhysicianId, ReferralPriority.Routine, null, "静脉溶栓、抗血小板", "继续抗血小板、降脂", "肢体功能康复训练");
}

public static class ReferralData
{
    /// A valid resident identity number built with the GB 11643 check digit (nobody's real number).
    public static string ValidId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    public static async Task<ReferralSetUp> SetUpReferralsAsync(this BangfuApp app, HttpClient admin)
    {
        var sender = await admin.CreateOrganizationAsync(Registry.Unique("县医院"), "140525", grade: HospitalGrade.Grade2A);
        var receiver = await admin.CreateOrganizationAsync(Registry.Unique("省儿童医院"), "140100", grade: HospitalGrade.Grade3A);
        var third = await admin.CreateOrganizationAsync(Registry.Unique("他院"), "140200");
        var senderDoc = await admin.CreatePersonAsync(sender.Id, name: Registry.Unique("王医生"));
        var receiverDoc = await admin.CreatePersonAsync(receiver.Id, name: Registry.Unique("赵医生"));
        var crew = await admin.CreatePersonAsync(receiver.Id, name: Registry.Unique("马医生"));
        var s = await app.OrgAdminAsync(admin, sender.Id);
        var r = await app.OrgAdminAsync(admin, receiver.Id);
        var t = await app.OrgAdminAsync(admin, third.Id);
        var centre = await (await r.PostJsonAsync("/api/transport/centres", new SaveCentreRequest(receiver.Id, "危重新生儿院前急救中心", "0351-0000000")))
            .ReadAsync<CentreDto>(HttpStatusCode.Created);
        var vehicle = await (await r.PostJsonAsync($"/api/transport/centres/{centre.Id}/vehicles",
            new SaveVehicleRequest(Registry.Unique("晋A"), "新生儿转运救护车", "转运暖箱、呼吸机、监护仪"))).ReadAsync<VehicleDto>(HttpStatusCode.Created);
        return new ReferralSetUp(sender.Id, receiver.Id, third.Id, s, r, t, senderDoc.Id, receiverDoc.Id, centre.Id, vehicle.Id, crew.Id);
    }

    public static async Task<ReferralDto> CreateReferralAsync(this HttpClient client, SaveReferralRequest request) =>
        await (await client.PostJsonAsync("/api/referrals", request)).ReadAsync<ReferralDto>(HttpStatusCode.Created);

    public static async Task<ReferralDto> ActAsync(this HttpClient client, int id, string action, string? reason = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync($"/api/referrals/{id}/{action}", new ReferralActionRequest(null, reason))).ReadAsync<ReferralDto>(expected);

    /// A referral the receiver has accepted.
    public static async Task<ReferralDto> AcceptedAsync(this ReferralSetUp s, SaveReferralRequest? request = null)
    {
        var r = await s.Sender.CreateReferralAsync(request ?? s.Up());
        await s.Sender.ActAsync(r.Id, "submit");
        return await s.Receiver.ActAsync(r.Id, "accept");
    }

    public static async Task<TransportRunDto> RequestTransportAsync(this ReferralSetUp s, int referralId) =>
        await (await s.Sender.PostJsonAsync($"/api/referrals/{referralId}/transport",
            new RequestTransportRequest(s.CentreId, "县医院新生儿科", "省儿童医院NICU", "呼吸急促，SpO2 88%，CPAP支持", "转运暖箱、呼吸机")))
            .ReadAsync<TransportRunDto>(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> AssignAsync(this ReferralSetUp s, int runId, DateTimeOffset start, DateTimeOffset end, int? vehicleId = null) =>
        s.Receiver.PostJsonAsync($"/api/transport/runs/{runId}/assign", new AssignRunRequest(vehicleId ?? s.VehicleId, [s.CrewId], start, end));

    public static Task<HttpResponseMessage> LogAsync(this ReferralSetUp s, int runId, string step, DateTimeOffset? at = null) =>
        s.Receiver.PostJsonAsync($"/api/transport/runs/{runId}/{step}", new LogTransportRequest(at));
}
