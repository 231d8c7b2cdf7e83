using System.Net;
using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Partnerships;

public sealed class PartnershipTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SavePartnershipRequest Header(PartnershipDto p, string name, int? version) =>
        new(p.Kind, name, p.Status, p.StartDate, p.EndDate, p.Programme, p.Description, null, version);

    [Fact]
    public async Task Creates_a_counterpart_support_with_its_parties()
    {
        var client = await app.AdminAsync();
        var giving = await client.CreateOrganizationAsync();
        var receiving = await client.CreateOrganizationAsync();

        var created = await client.CreatePartnershipAsync(giving.Id, receiving.Id, name: "华西—甘孜对口帮扶");
        var fetched = await (await client.GetAsync($"/api/partnerships/{created.Id}")).ReadAsync<PartnershipDto>();

        Assert.Equal("华西—甘孜对口帮扶", fetched.Name);
        Assert.Equal(PartnershipKind.CounterpartSupport, fetched.Kind);
        Assert.Equal([(giving.Id, PartyRole.Supporting), (receiving.Id, PartyRole.Supported)], fetched.Parties.Select(x => (x.OrganizationId, x.Role)));
        Assert.Equal(0, fetched.Version);
        Assert.True(fetched.CanEdit);
    }

    [Fact]
    public async Task Creates_an_alliance_with_a_lead_and_members()
    {
        var client = await app.AdminAsync();
        var lead = await client.CreateOrganizationAsync();
        var m1 = await client.CreateOrganizationAsync();
        var m2 = await client.CreateOrganizationAsync();
        var request = new SavePartnershipRequest(PartnershipKind.SpecialtyAlliance, Registry.Unique("专科联盟"), PartnershipStatus.Active, new DateOnly(2023, 3, 1),
            Parties: [new(lead.Id, PartyRole.Lead, null), new(m1.Id, PartyRole.Member, new DateOnly(2023, 5, 1)), new(m2.Id, PartyRole.Member, null)]);

        var created = await (await client.PostJsonAsync("/api/partnerships", request)).ReadAsync<PartnershipDto>(HttpStatusCode.Created);

        Assert.Equal(3, created.Parties.Count);
        Assert.Equal(new DateOnly(2023, 3, 1), created.Parties.Single(x => x.OrganizationId == m2.Id).JoinedOn);
        Assert.Equal(new DateOnly(2023, 5, 1), created.Parties.Single(x => x.OrganizationId == m1.Id).JoinedOn);
    }

    [Fact]
    public async Task Rejects_partnership_without_a_supported_party()
    {
        var client = await app.AdminAsync();
        var giving = await client.CreateOrganizationAsync();
        var request = Registry.NewPartnership(giving.Id, 0) with { Parties = [new(giving.Id, PartyRole.Supporting, null)] };

        var messages = await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("parties");

        Assert.Contains("帮扶关系须至少有一个受援方。", messages);
    }

    [Fact]
    public async Task Rejects_partnership_without_any_party()
    {
        var client = await app.AdminAsync();
        var request = Registry.NewPartnership(0, 0) with { Parties = null };
        var messages = await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("parties");
        Assert.Equal(2, messages.Length);
    }

    [Fact]
    public async Task Rejects_alliance_without_a_member()
    {
        var client = await app.AdminAsync();
        var lead = await client.CreateOrganizationAsync();
        var request = new SavePartnershipRequest(PartnershipKind.CloseConsortium, Registry.Unique("医共体"), PartnershipStatus.Active, new DateOnly(2024, 1, 1),
            Parties: [new(lead.Id, PartyRole.Lead, null)]);

        var messages = await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("parties");

        Assert.Contains("联盟/医联体须至少有一个成员单位。", messages);
    }

    [Fact]
    public async Task Rejects_a_role_that_does_not_fit_the_kind()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var request = Registry.NewPartnership(a.Id, b.Id, PartnershipKind.MountainSea) with
        {
            Parties = [new(a.Id, PartyRole.Lead, null), new(b.Id, PartyRole.Supported, null)],
        };

        var messages = await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("parties[0].role");

        Assert.Equal(["此角色不适用于该类型的帮扶关系。"], messages);
    }

    [Fact]
    public async Task Rejects_the_same_organization_twice_and_an_unknown_organization()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var request = Registry.NewPartnership(a.Id, a.Id);
        await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("parties");

        var unknown = Registry.NewPartnership(a.Id, 99999);
        await (await client.PostJsonAsync("/api/partnerships", unknown)).FieldErrorAsync("parties[1].organizationId");
    }

    [Fact]
    public async Task Rejects_partnership_without_required_fields()
    {
        var client = await app.AdminAsync();
        var problem = await (await client.PostRawJsonAsync("/api/partnerships", "{}")).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("kind"));
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("startDate"));
    }

    [Fact]
    public async Task Rejects_unknown_kind_and_malformed_date()
    {
        var client = await app.AdminAsync();
        await (await client.PostRawJsonAsync("/api/partnerships", """{"kind":"Twinning","name":"x","startDate":"2024-01-01"}""")).FieldErrorAsync("kind");
        await (await client.PostRawJsonAsync("/api/partnerships", """{"kind":"MountainSea","name":"x","startDate":"2024-13-01"}""")).FieldErrorAsync("startDate");
    }

    [Fact]
    public async Task Rejects_an_end_date_before_the_start()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var request = Registry.NewPartnership(a.Id, b.Id) with { EndDate = new DateOnly(2023, 12, 31) };
        await (await client.PostJsonAsync("/api/partnerships", request)).FieldErrorAsync("endDate");
    }

    [Fact]
    public async Task Update_increments_the_version_and_a_stale_version_is_an_edit_conflict()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);

        var updated = await (await client.PutJsonAsync($"/api/partnerships/{p.Id}", Header(p, "改名", 0))).ReadAsync<PartnershipDto>();
        var conflict = await client.PutJsonAsync($"/api/partnerships/{p.Id}", Header(p, "又改名", 0));

        Assert.Equal(1, updated.Version);
        Assert.Equal("改名", updated.Name);
        var problem = await conflict.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("此记录已被他人修改，请刷新后再编辑。", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejects_a_change_of_kind_that_the_existing_roles_do_not_fit()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);

        var response = await client.PutJsonAsync($"/api/partnerships/{p.Id}", Header(p, p.Name, 0) with { Kind = PartnershipKind.SpecialtyAlliance });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_partnership_answers_404_everywhere()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);
        const string id = "/api/partnerships/99999";

        await (await client.GetAsync(id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync(id, Header(p, "x", 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(id)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(id + "/history")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(id + "/members")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(id + "/agreements")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_keeps_the_history_with_who_created_updated_and_deleted()
    {
        var admin = await app.AdminAsync();
        var a = await admin.CreateOrganizationAsync();
        var b = await admin.CreateOrganizationAsync();
        var (client, userName) = await app.NamedUserAsync(admin, Roles.OrgAdmin, a.Id);
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);
        await (await client.PutJsonAsync($"/api/partnerships/{p.Id}", Header(p, "改名", 0))).ReadAsync<PartnershipDto>();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/partnerships/{p.Id}?version=1")).StatusCode);

        await (await client.GetAsync($"/api/partnerships/{p.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/api/partnerships?organizationId={a.Id}")).ReadAsync<Page<PartnershipListItem>>();
        Assert.Empty(list.Items);
        var history = await (await client.GetAsync($"/api/partnerships/{p.Id}/history")).ReadAsync<List<HistoryEntry>>();
        // Newest first, as a history is read.
        var own = history.Where(h => h.EntityType == "Partnership").ToList();
        Assert.Equal(["Deleted", "Updated", "Created"], own.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal(userName, h.UserName));
        Assert.Contains(history, h => h.EntityType == "PartnershipParty" && h.Action == "Created");
        Assert.Contains("改名", own.Single(h => h.Action == "Updated").Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_delete_with_a_stale_version()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);
        await (await client.PutJsonAsync($"/api/partnerships/{p.Id}", Header(p, "改", 0))).ReadAsync<PartnershipDto>();

        await (await client.DeleteAsync($"/api/partnerships/{p.Id}?version=0")).ProblemAsync(HttpStatusCode.Conflict);
    }
}
