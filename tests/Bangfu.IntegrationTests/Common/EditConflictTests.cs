using System.Net;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Common;

/// Optimistic concurrency must hold when the two edits really overlap, not only when one follows the other.
public sealed class EditConflictTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Of_simultaneous_updates_from_the_same_version_exactly_one_wins_and_the_others_conflict()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            client.PutJsonAsync($"/api/partnerships/{p.Id}",
                new SavePartnershipRequest(p.Kind, $"第{i}人所改", p.Status, p.StartDate, Version: 0))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var after = await (await client.GetAsync($"/api/partnerships/{p.Id}")).ReadAsync<PartnershipDto>();
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public async Task Of_simultaneous_agreements_with_the_same_round_exactly_one_is_created_and_the_others_conflict()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id, PartnershipKind.MountainSea);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements",
                new SaveAgreementRequest(1, $"第一轮协议（{i}）", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1)))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await (await client.GetAsync($"/api/partnerships/{p.Id}/agreements")).ReadAsync<List<AgreementDto>>());
    }

    [Fact]
    public async Task Of_simultaneous_departments_with_the_same_name_exactly_one_is_created_and_the_others_conflict()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(_ =>
            client.PostJsonAsync($"/api/organizations/{org.Id}/departments", new Bangfu.Features.Organizations.SaveDepartmentRequest("急诊科"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await response.ProblemAsync(HttpStatusCode.Conflict);
    }
}
