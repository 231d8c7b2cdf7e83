using System.Net;
using Bangfu.Features.Indicators;
using Bangfu.IntegrationTests.Infrastructure;

namespace Bangfu.IntegrationTests.TestData;

public static class Indicators
{
    public static Task<HttpResponseMessage> PostValuesAsync(this HttpClient client, int organizationId, params (string Code, string Period, decimal Value)[] values) =>
        client.PostJsonAsync("/api/indicators/values", new SaveValuesRequest(organizationId, values.Select(v => new ValueEntry(v.Code, v.Period, v.Value)).ToList()));

    public static async Task<SaveValuesResult> SaveValuesAsync(this HttpClient client, int organizationId, params (string Code, string Period, decimal Value)[] values) =>
        await (await client.PostValuesAsync(organizationId, values)).ReadAsync<SaveValuesResult>();

    public static async Task<IReadOnlyList<IndicatorValueDto>> ValuesAsync(this HttpClient client, int organizationId, string from, string? to = null, string? code = null) =>
        await (await client.GetAsync($"/api/indicators/values?organizationId={organizationId}&from={from}&to={to ?? from}{(code is null ? "" : "&code=" + code)}"))
            .ReadAsync<IReadOnlyList<IndicatorValueDto>>();

    public static async Task<ComparisonDto> CompareAsync(this HttpClient client, int organizationId, string period, string baseline) =>
        await (await client.GetAsync($"/api/indicators/compare?organizationId={organizationId}&period={period}&baseline={baseline}")).ReadAsync<ComparisonDto>();

    public static Task<HttpResponseMessage> ApprovalAsync(this HttpClient client, int organizationId, string period, ApprovalAction action) =>
        client.PostJsonAsync("/api/indicators/approval", new ApprovalRequest(organizationId, period, action));

    public static async Task<ApprovalDto> TransitionAsync(this HttpClient client, int organizationId, string period, ApprovalAction action) =>
        await (await client.ApprovalAsync(organizationId, period, action)).ReadAsync<ApprovalDto>(HttpStatusCode.OK);
}
