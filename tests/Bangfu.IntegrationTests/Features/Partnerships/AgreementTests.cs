using System.Net;
using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Partnerships;

public sealed class AgreementTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveAgreementRequest Round(int round, int? version = null) =>
        new(round, $"第{round}轮山海协作协议", new DateOnly(2021 + round, 3, 1), new DateOnly(2021 + round, 4, 1), new DateOnly(2024 + round, 3, 31),
            "甲方院长；乙方院长", "共建名中医工作室", Version: version);

    private async Task<(HttpClient Client, PartnershipDto Partnership)> PartnershipAsync(PartnershipKind kind = PartnershipKind.MountainSea)
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync(region: "330102");
        var b = await client.CreateOrganizationAsync(region: "331122");
        return (client, await client.CreatePartnershipAsync(a.Id, b.Id, kind));
    }

    private static async Task<AgreementDto> AddAsync(HttpClient client, int partnershipId, SaveAgreementRequest request) =>
        await (await client.PostJsonAsync($"/api/partnerships/{partnershipId}/agreements", request)).ReadAsync<AgreementDto>(HttpStatusCode.Created);

    [Fact]
    public async Task Adds_agreements_in_rounds_and_lists_them_in_round_order()
    {
        var (client, p) = await PartnershipAsync();
        await AddAsync(client, p.Id, Round(2));
        var first = await AddAsync(client, p.Id, Round(1));

        var agreements = await (await client.GetAsync($"/api/partnerships/{p.Id}/agreements")).ReadAsync<List<AgreementDto>>();

        Assert.Equal([1, 2], agreements.Select(a => a.Round));
        var a = agreements[0];
        Assert.Equal((first.Id, "第1轮山海协作协议", new DateOnly(2022, 3, 1), new DateOnly(2022, 4, 1), (DateOnly?)new DateOnly(2025, 3, 31), "甲方院长；乙方院长", "共建名中医工作室", 0),
            (a.Id, a.Title, a.SignedOn, a.TermStart, a.TermEnd, a.Signatories, a.Terms, a.Version));
        Assert.Empty(a.DelegatedRights);
        var list = await (await client.GetAsync($"/api/partnerships?q={p.Name}")).ReadAsync<Page<PartnershipListItem>>();
        Assert.Equal(2, list.Items.Single().LatestRound);
    }

    [Fact]
    public async Task Rejects_a_duplicate_round_number()
    {
        var (client, p) = await PartnershipAsync();
        await AddAsync(client, p.Id, Round(1));

        var problem = await (await client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements", Round(1))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("第1轮协议已存在。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejects_an_update_that_takes_the_round_number_of_another_agreement()
    {
        var (client, p) = await PartnershipAsync();
        await AddAsync(client, p.Id, Round(1));
        var second = await AddAsync(client, p.Id, Round(2));

        await (await client.PutJsonAsync($"/api/partnerships/{p.Id}/agreements/{second.Id}", Round(1, version: 0))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rejects_agreement_whose_term_ends_before_it_starts()
    {
        var (client, p) = await PartnershipAsync();
        var request = Round(1) with { TermStart = new DateOnly(2024, 1, 1), TermEnd = new DateOnly(2023, 12, 31) };

        var messages = await (await client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements", request)).FieldErrorAsync("termEnd");

        Assert.Equal(["结束日期不能早于开始日期。"], messages);
    }

    [Fact]
    public async Task Rejects_agreement_without_required_fields()
    {
        var (client, p) = await PartnershipAsync();
        var problem = await (await client.PostRawJsonAsync($"/api/partnerships/{p.Id}/agreements", "{}")).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "round", "title", "signedOn", "termStart" })
            Assert.True(errors.ContainsKey(field), field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public async Task Rejects_a_round_number_out_of_range(int round)
    {
        var (client, p) = await PartnershipAsync();
        await (await client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements", Round(1) with { Round = round })).FieldErrorAsync("round");
    }

    [Fact]
    public async Task Rejects_delegated_rights_on_a_partnership_that_is_not_a_trusteeship()
    {
        var (client, p) = await PartnershipAsync(PartnershipKind.CounterpartSupport);
        var request = Round(1) with { DelegatedRights = [DelegatedRights.Management] };

        var messages = await (await client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements", request)).FieldErrorAsync("delegatedRights");

        Assert.Equal(["授权事项和“六个不变”仅适用于托管。"], messages);
    }

    [Fact]
    public async Task Rejects_retained_items_on_a_partnership_that_is_not_a_trusteeship_on_that_field()
    {
        var (client, p) = await PartnershipAsync(PartnershipKind.MountainSea);
        var request = Round(1) with { RetainedItems = [RetainedItems.Name] };

        await (await client.PostJsonAsync($"/api/partnerships/{p.Id}/agreements", request)).FieldErrorAsync("retainedItems");
    }

    [Fact]
    public async Task Records_delegated_rights_and_retained_items_of_a_trusteeship()
    {
        var (client, p) = await PartnershipAsync(PartnershipKind.Trusteeship);
        var request = Round(1) with
        {
            DelegatedRights = [DelegatedRights.Management, DelegatedRights.Personnel],
            RetainedItems = [RetainedItems.Affiliation, RetainedItems.Name, RetainedItems.AssetOwnership],
        };

        var added = await AddAsync(client, p.Id, request);

        Assert.Equal([DelegatedRights.Management, DelegatedRights.Personnel], added.DelegatedRights);
        Assert.Equal([RetainedItems.Affiliation, RetainedItems.Name, RetainedItems.AssetOwnership], added.RetainedItems);
    }

    [Fact]
    public async Task Rejects_an_unknown_delegated_right()
    {
        var (client, p) = await PartnershipAsync(PartnershipKind.Trusteeship);
        var body = """{"round":1,"title":"托管协议","signedOn":"2024-01-01","termStart":"2024-01-01","delegatedRights":["Everything"]}""";
        var problem = await (await client.PostRawJsonAsync($"/api/partnerships/{p.Id}/agreements", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("delegatedRights", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_increments_the_version_and_a_stale_version_is_an_edit_conflict()
    {
        var (client, p) = await PartnershipAsync();
        var added = await AddAsync(client, p.Id, Round(1));

        var updated = await (await client.PutJsonAsync($"/api/partnerships/{p.Id}/agreements/{added.Id}", Round(1, 0) with { Title = "第一轮协议（修订）" }))
            .ReadAsync<AgreementDto>();
        var conflict = await client.PutJsonAsync($"/api/partnerships/{p.Id}/agreements/{added.Id}", Round(1, 0));

        Assert.Equal(1, updated.Version);
        Assert.Equal("第一轮协议（修订）", updated.Title);
        await conflict.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleted_agreement_disappears_and_frees_its_round_number()
    {
        var (client, p) = await PartnershipAsync();
        var added = await AddAsync(client, p.Id, Round(1));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/partnerships/{p.Id}/agreements/{added.Id}")).StatusCode);

        Assert.Empty(await (await client.GetAsync($"/api/partnerships/{p.Id}/agreements")).ReadAsync<List<AgreementDto>>());
        Assert.Empty((await (await client.GetAsync($"/api/partnerships/{p.Id}")).ReadAsync<PartnershipDto>()).Agreements);
        var again = await AddAsync(client, p.Id, Round(1));
        Assert.NotEqual(added.Id, again.Id);
        var history = await (await client.GetAsync($"/api/partnerships/{p.Id}/history")).ReadAsync<List<HistoryEntry>>();
        Assert.Contains(history, h => h.EntityType == "Agreement" && h.Action == "Deleted" && h.UserName == "admin");
    }

    [Fact]
    public async Task Unknown_agreement_answers_404()
    {
        var (client, p) = await PartnershipAsync();
        var (_, other) = await PartnershipAsync();
        var foreign = await AddAsync(client, other.Id, Round(1));

        await (await client.PutJsonAsync($"/api/partnerships/{p.Id}/agreements/99999", Round(1, 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/partnerships/{p.Id}/agreements/99999")).ProblemAsync(HttpStatusCode.NotFound);
        // An agreement is addressed only under its own partnership.
        await (await client.PutJsonAsync($"/api/partnerships/{p.Id}/agreements/{foreign.Id}", Round(1, 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/partnerships/{p.Id}/agreements/{foreign.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/partnerships/99999/agreements", Round(1))).ProblemAsync(HttpStatusCode.NotFound);
    }
}
