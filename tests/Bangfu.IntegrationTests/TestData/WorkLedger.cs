using System.Net;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.TestData;

/// A supporting and a supported hospital in a counterpart partnership, with an expert of the supporting side.
public sealed record LedgerSetup(int SupportingId, int SupportedId, int PartnershipId, int ExpertId, int HostDepartmentId);

public static class WorkLedger
{
    public static async Task<LedgerSetup> SetUpAsync(HttpClient admin, PartnershipKind kind = PartnershipKind.CounterpartSupport,
        TitleLevel expertLevel = TitleLevel.AssociateSenior)
    {
        var supporting = await admin.CreateOrganizationAsync(region: "510402");
        var supported = await admin.CreateOrganizationAsync(region: "513423");
        var dept = await admin.CreateDepartmentAsync(supported.Id, "重症医学科");
        var partnership = await admin.CreatePartnershipAsync(supporting.Id, supported.Id, kind);
        var expert = await admin.CreatePersonAsync(supporting.Id, level: expertLevel);
        return new LedgerSetup(supporting.Id, supported.Id, partnership.Id, expert.Id, dept.Id);
    }

    public static SaveDispatchRequest Dispatch(this LedgerSetup s, DateOnly start, DateOnly end, DispatchMode mode = DispatchMode.Stationed,
        int? expertId = null, int? batch = 1) =>
        new(s.PartnershipId, expertId ?? s.ExpertId, s.SupportedId, s.HostDepartmentId, batch, mode, DispatchRole.Expert, start, end);

    public static async Task<DispatchDto> CreateDispatchAsync(this HttpClient client, SaveDispatchRequest request)
    {
        var response = await client.PostJsonAsync("/api/dispatches", request);
        return await response.ReadAsync<DispatchDto>(HttpStatusCode.Created);
    }

    public static SaveActivityRequest Activity(this LedgerSetup s, ActivityKind kind, DateOnly date, int quantity, ActivityUnit unit,
        int attendees = 0, int? dispatchId = null, bool monthlyTotal = false) =>
        new(s.PartnershipId, s.SupportedId, s.HostDepartmentId, dispatchId, s.ExpertId, kind, date, quantity, unit, attendees,
            IsMonthlyTotal: monthlyTotal);

    public static async Task<ActivityDto> CreateActivityAsync(this HttpClient client, SaveActivityRequest request)
    {
        var response = await client.PostJsonAsync("/api/activities", request);
        return await response.ReadAsync<ActivityDto>(HttpStatusCode.Created);
    }
}
