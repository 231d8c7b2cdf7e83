using System.Net;
using Bangfu.Features.Consultations;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.TestData;

/// Two hospitals in one partnership: the county hospital invites, the city hospital is invited and has a qualified
/// consultant with an expert account; each side has an administrator.
public sealed record ConsultationParties(
    HttpClient Admin,
    OrganizationDto Inviting,
    OrganizationDto Invited,
    PartnershipDto Partnership,
    HttpClient Requester,
    HttpClient InvitedAdmin,
    PersonDto Consultant,
    HttpClient ConsultantClient);

public static class ConsultationData
{
    public const string IdNumber = "510104199001011230";

    public static async Task<ConsultationParties> ConsultationPartiesAsync(this BangfuApp app, string invitingRegion = "513423", string invitedRegion = "513401")
    {
        var admin = await app.AdminAsync();
        var invited = await admin.CreateOrganizationAsync(Registry.Unique("市中心医院"), invitedRegion, grade: HospitalGrade.Grade3A);
        var inviting = await admin.CreateOrganizationAsync(Registry.Unique("县医院"), invitingRegion);
        var partnership = await admin.CreatePartnershipAsync(invited.Id, inviting.Id, PartnershipKind.Trusteeship);
        var consultant = await admin.CreateConsultantAsync(invited.Id, "110000000000001", new DateOnly(2010, 7, 1));
        return new ConsultationParties(admin, inviting, invited, partnership,
            await app.OrgAdminAsync(admin, inviting.Id),
            await app.OrgAdminAsync(admin, invited.Id),
            consultant,
            await app.ExpertAsync(admin, invited.Id, consultant.Id));
    }

    public static async Task<PersonDto> CreateConsultantAsync(this HttpClient admin, int organizationId, string? licence, DateOnly? practiceSince)
    {
        var response = await admin.PostJsonAsync("/api/people", new SavePersonRequest(organizationId, null, Registry.Unique("专家"), "主任医师",
            TitleLevel.Senior, "心内科", null, null, null, licence, practiceSince));
        return await response.ReadAsync<PersonDto>(HttpStatusCode.Created);
    }

    public static SaveConsultationRequest NewRequest(int invitedId, int? partnershipId, decimal? fee = 200m, string? idNumber = IdNumber,
        ConsultationType type = ConsultationType.Mdt, int? version = null) => new(
        type, invitedId, null, "心血管内科", partnershipId, null, null, TitleLevel.Senior, ConsultationUrgency.Routine,
        DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2), ConsultationMode.Video,
        "明确胸痛原因，制定下一步治疗方案", "患者男，36岁，反复胸痛3天，心电图示ST段改变。",
        new PatientInput("王某某", PatientSex.Male, 1990, null, idNumber),
        new ConsentInput(ConsentGiver.Relative, "王某", "父亲", DateTimeOffset.UtcNow.AddHours(-1), true, fee is > 0, fee),
        version);

    public static async Task<ConsultationDto> CreateConsultationAsync(this ConsultationParties p, decimal? fee = 200m, ConsultationType type = ConsultationType.Mdt)
    {
        var response = await p.Requester.PostJsonAsync("/api/consultations", NewRequest(p.Invited.Id, p.Partnership.Id, fee, type: type));
        return await response.ReadAsync<ConsultationDto>(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, ConsultationDto c, string action, ConsultationActionRequest? body = null) =>
        client.PostJsonAsync($"/api/consultations/{c.Id}/{action}", body ?? new ConsultationActionRequest(c.Version));

    public static async Task<ConsultationDto> DoAsync(this HttpClient client, ConsultationDto c, string action, ConsultationActionRequest? body = null) =>
        await (await client.ActAsync(c, action, body)).ReadAsync<ConsultationDto>();

    public static ConsultationActionRequest Slot(ConsultationDto c, int consultantId) =>
        new(c.Version, Start: DateTimeOffset.UtcNow.AddHours(2), End: DateTimeOffset.UtcNow.AddHours(3), ConsultantId: consultantId);

    /// Drives a new consultation to <paramref name="target"/> along the main path.
    public static async Task<ConsultationDto> ConsultationInAsync(this ConsultationParties p, ConsultationState target, decimal? fee = 200m,
        ConsultationType type = ConsultationType.Mdt)
    {
        var c = await p.CreateConsultationAsync(fee, type);
        var path = new (ConsultationState State, Func<ConsultationDto, Task<ConsultationDto>> Step)[]
        {
            (ConsultationState.Submitted, x => p.Requester.DoAsync(x, "submit")),
            (ConsultationState.Accepted, x => p.InvitedAdmin.DoAsync(x, "accept")),
            (ConsultationState.Scheduled, x => p.InvitedAdmin.DoAsync(x, "schedule", Slot(x, p.Consultant.Id))),
            (ConsultationState.InSession, x => p.ConsultantClient.DoAsync(x, "session/start")),
            (ConsultationState.SessionEnded, x => p.ConsultantClient.DoAsync(x, "session/end")),
            (ConsultationState.OpinionSigned, x => p.ConsultantClient.DoAsync(x, "opinion", new ConsultationActionRequest(x.Version, Opinion: "考虑急性冠脉综合征，建议转上级医院行冠脉造影。"))),
            (ConsultationState.Filed, x => p.Requester.DoAsync(x, "file")),
        };
        foreach (var (state, step) in path)
        {
            if (c.State == target)
                break;
            c = await step(c);
            Assert.Equal(state, c.State);
        }
        Assert.Equal(target, c.State);
        return c;
    }
}
