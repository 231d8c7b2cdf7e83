using System.Net;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.TestData;

/// Builders that make the records a test needs through the API, with unique names so tests never share rows.
public static class Registry
{
    public const string UserPassword = "User#Pass2026x";

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<OrganizationDto> CreateOrganizationAsync(this HttpClient client, string? name = null, string region = "510402",
        OrganizationKind kind = OrganizationKind.GeneralHospital, HospitalGrade grade = HospitalGrade.Grade2A)
    {
        var response = await client.PostJsonAsync("/api/organizations",
            new SaveOrganizationRequest(name ?? Unique("医院"), null, kind, grade, region, null));
        return await response.ReadAsync<OrganizationDto>(HttpStatusCode.Created);
    }

    public static async Task<DepartmentDto> CreateDepartmentAsync(this HttpClient client, int organizationId, string? name = null)
    {
        var response = await client.PostJsonAsync($"/api/organizations/{organizationId}/departments", new SaveDepartmentRequest(name ?? Unique("科")));
        return await response.ReadAsync<DepartmentDto>(HttpStatusCode.Created);
    }

    public static async Task<PersonDto> CreatePersonAsync(this HttpClient client, int organizationId, int? departmentId = null,
        TitleLevel level = TitleLevel.AssociateSenior, string? name = null)
    {
        var response = await client.PostJsonAsync("/api/people",
            new SavePersonRequest(organizationId, departmentId, name ?? Unique("专家"), "副主任医师", level, "外科", "13800000000", null));
        return await response.ReadAsync<PersonDto>(HttpStatusCode.Created);
    }

    public static async Task<PartnershipDto> CreatePartnershipAsync(this HttpClient client, int givingOrgId, int receivingOrgId,
        PartnershipKind kind = PartnershipKind.CounterpartSupport, string? name = null)
    {
        var response = await client.PostJsonAsync("/api/partnerships", NewPartnership(givingOrgId, receivingOrgId, kind, name));
        return await response.ReadAsync<PartnershipDto>(HttpStatusCode.Created);
    }

    public static SavePartnershipRequest NewPartnership(int givingOrgId, int receivingOrgId, PartnershipKind kind = PartnershipKind.CounterpartSupport, string? name = null) =>
        new(kind, name ?? Unique("帮扶"), PartnershipStatus.Active, new DateOnly(2024, 1, 1), null, null, null,
        [
            new SavePartyRequest(givingOrgId, Partnership.GivingRole(kind), new DateOnly(2024, 1, 1)),
            new SavePartyRequest(receivingOrgId, Partnership.ReceivingRole(kind), new DateOnly(2024, 1, 1)),
        ]);

    /// Creates a user of the given role in the organization and returns a client signed in as that user.
    public static async Task<HttpClient> UserAsync(this BangfuApp app, HttpClient admin, string role, int? organizationId) =>
        (await app.NamedUserAsync(admin, role, organizationId)).Client;

    /// As <see cref="UserAsync"/>, and also names the user, for tests that look for it in audit entries.
    public static async Task<(HttpClient Client, string UserName)> NamedUserAsync(this BangfuApp app, HttpClient admin, string role, int? organizationId)
    {
        var userName = Unique("u");
        var response = await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, null, role, organizationId, UserPassword));
        await response.ReadAsync<UserDto>(HttpStatusCode.Created);
        return (await app.ClientForAsync(userName, UserPassword), userName);
    }

    public static Task<HttpClient> OrgAdminAsync(this BangfuApp app, HttpClient admin, int organizationId) =>
        app.UserAsync(admin, Roles.OrgAdmin, organizationId);

    /// An expert's account linked to the person, signed in.
    public static async Task<HttpClient> ExpertAsync(this BangfuApp app, HttpClient admin, int organizationId, int personId)
    {
        var userName = Unique("e");
        var created = await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, "专家", Roles.Expert, organizationId, UserPassword, personId));
        await created.ReadAsync<UserDto>(HttpStatusCode.Created);
        return await app.ClientForAsync(userName, UserPassword);
    }
}
