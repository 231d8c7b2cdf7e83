using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Partnerships;

public sealed class PartnershipListTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static async Task<Page<PartnershipListItem>> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/partnerships?{query}")).ReadAsync<Page<PartnershipListItem>>();

    private static async Task<PartnershipDto> CreateAsync(HttpClient client, int giving, int receiving, string name, PartnershipKind kind = PartnershipKind.CounterpartSupport,
        PartnershipStatus status = PartnershipStatus.Active, DateOnly? start = null)
    {
        var request = Registry.NewPartnership(giving, receiving, kind, name) with { Status = status, StartDate = start ?? new DateOnly(2024, 1, 1) };
        return await (await client.PostJsonAsync("/api/partnerships", request)).ReadAsync<PartnershipDto>(System.Net.HttpStatusCode.Created);
    }

    [Fact]
    public async Task Lists_a_page_with_parties_and_the_total_of_all_matches()
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("页");
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        foreach (var n in new[] { "1", "2", "3" })
            await CreateAsync(client, a.Id, b.Id, tag + n);

        var first = await ListAsync(client, $"q={tag}&pageSize=2");
        var second = await ListAsync(client, $"q={tag}&pageSize=2&page=2");

        Assert.Equal(3, first.Total);
        Assert.Equal([tag + "1", tag + "2"], first.Items.Select(p => p.Name));
        Assert.Equal([tag + "3"], second.Items.Select(p => p.Name));
        var item = first.Items[0];
        Assert.Equal([(a.Id, PartyRole.Supporting), (b.Id, PartyRole.Supported)], item.Parties.Select(x => (x.OrganizationId, x.Role)));
        Assert.Equal(2, item.MemberCount);
        Assert.Null(item.LatestRound);
    }

    [Fact]
    public async Task Finds_partnerships_by_the_name_of_a_party()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync(Registry.Unique("查找医院"));
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);

        Assert.Equal([p.Id], (await ListAsync(client, $"q={a.Name}")).Items.Select(x => x.Id));
    }

    [Fact]
    public async Task Filters_by_kind_status_region_and_organization()
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("滤");
        var zj = await client.CreateOrganizationAsync(region: "330102");
        var zj2 = await client.CreateOrganizationAsync(region: "331122");
        var sc = await client.CreateOrganizationAsync(region: "510402");
        var sc2 = await client.CreateOrganizationAsync(region: "513423");
        var mountainSea = await CreateAsync(client, zj.Id, zj2.Id, tag + "山海", PartnershipKind.MountainSea);
        var counterpart = await CreateAsync(client, sc.Id, sc2.Id, tag + "对口", status: PartnershipStatus.Ended);
        var trusteeship = await CreateAsync(client, zj.Id, sc2.Id, tag + "托管", PartnershipKind.Trusteeship, PartnershipStatus.Planned);

        async Task<IEnumerable<int>> Ids(string filter) => (await ListAsync(client, $"q={tag}&{filter}")).Items.Select(x => x.Id).Order();

        Assert.Equal([mountainSea.Id], await Ids("kind=MountainSea"));
        Assert.Equal([counterpart.Id], await Ids("status=Ended"));
        Assert.Equal([mountainSea.Id, trusteeship.Id], await Ids("regionPrefix=33"));
        Assert.Equal([counterpart.Id, trusteeship.Id], await Ids("regionPrefix=5134"));
        Assert.Equal([mountainSea.Id, trusteeship.Id], await Ids($"organizationId={zj.Id}"));
        Assert.Equal([trusteeship.Id], await Ids($"organizationId={zj.Id}&kind=Trusteeship&status=Planned"));
    }

    [Theory]
    [InlineData("name", false, new[] { "A", "B", "C" })]
    [InlineData("name", true, new[] { "C", "B", "A" })]
    [InlineData("startDate", false, new[] { "B", "C", "A" })]
    [InlineData("startDate", true, new[] { "A", "C", "B" })]
    [InlineData("kind", false, new[] { "A", "B", "C" })]
    [InlineData("status", true, new[] { "C", "A", "B" })]
    public async Task Sorts_by_the_requested_field_and_direction(string sort, bool desc, string[] expected)
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("序");
        var x = await client.CreateOrganizationAsync();
        var y = await client.CreateOrganizationAsync();
        // Kinds and statuses chosen so that their declared order and their stored names sort alike; ties go by creation.
        await CreateAsync(client, x.Id, y.Id, tag + "A", PartnershipKind.CounterpartSupport, PartnershipStatus.Active, new DateOnly(2024, 6, 1));
        await CreateAsync(client, x.Id, y.Id, tag + "B", PartnershipKind.MountainSea, PartnershipStatus.Active, new DateOnly(2020, 1, 1));
        await CreateAsync(client, x.Id, y.Id, tag + "C", PartnershipKind.Trusteeship, PartnershipStatus.Suspended, new DateOnly(2022, 1, 1));

        var list = await ListAsync(client, $"q={tag}&sort={sort}&desc={desc}");

        Assert.Equal(expected.Select(n => tag + n), list.Items.Select(p => p.Name));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("sort=programme", "sort")]
    [InlineData("regionPrefix=abc", "regionPrefix")]
    [InlineData("status=Finished", "status")]
    [InlineData("organizationId=x", "organizationId")]
    public async Task Rejects_bad_paging_sort_and_filters(string query, string field)
    {
        var client = await app.AdminAsync();
        await (await client.GetAsync($"/api/partnerships?{query}")).FieldErrorAsync(field);
    }
}
