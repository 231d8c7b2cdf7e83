using System.Net;
using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Partnerships;

public sealed class MemberTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static async Task<List<PartyDto>> MembersAsync(HttpClient client, int partnershipId) =>
        await (await client.GetAsync($"/api/partnerships/{partnershipId}/members")).ReadAsync<List<PartyDto>>();

    private static SavePartyRequest Edit(PartyDto p) =>
        new(p.OrganizationId, p.Role, p.JoinedOn, p.LeftOn, p.DockingDepartmentId, p.ResponsiblePersonId, p.Note, p.Version);

    private async Task<(HttpClient Client, PartnershipDto Alliance)> AllianceAsync()
    {
        var client = await app.AdminAsync();
        var lead = await client.CreateOrganizationAsync();
        var member = await client.CreateOrganizationAsync();
        return (client, await client.CreatePartnershipAsync(lead.Id, member.Id, PartnershipKind.SpecialtyAlliance));
    }

    [Fact]
    public async Task Lists_the_giving_side_first()
    {
        var (client, alliance) = await AllianceAsync();
        var members = await MembersAsync(client, alliance.Id);
        Assert.Equal([PartyRole.Lead, PartyRole.Member], members.Select(m => m.Role));
    }

    [Fact]
    public async Task Adds_a_member_that_then_appears_in_the_list_and_the_count()
    {
        var (client, alliance) = await AllianceAsync();
        var org = await client.CreateOrganizationAsync();

        var added = await (await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members", new SavePartyRequest(org.Id, PartyRole.Member, new DateOnly(2024, 9, 1), Note: "一院一策")))
            .ReadAsync<PartyDto>(HttpStatusCode.Created);

        Assert.Equal(org.Name, added.OrganizationName);
        Assert.Equal("一院一策", added.Note);
        Assert.Contains(await MembersAsync(client, alliance.Id), m => m.Id == added.Id);
        var list = await (await client.GetAsync($"/api/partnerships?q={alliance.Name}")).ReadAsync<Bangfu.Common.Page<PartnershipListItem>>();
        Assert.Equal(3, list.Items.Single().MemberCount);
    }

    [Fact]
    public async Task Rejects_an_organization_that_is_already_a_member()
    {
        var (client, alliance) = await AllianceAsync();
        var existing = alliance.Parties.Single(p => p.Role == PartyRole.Member);

        var response = await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members", new SavePartyRequest(existing.OrganizationId, PartyRole.Member, null));

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rejects_a_member_role_that_does_not_fit_the_kind()
    {
        var (client, alliance) = await AllianceAsync();
        var org = await client.CreateOrganizationAsync();
        var response = await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members", new SavePartyRequest(org.Id, PartyRole.Supported, null));
        await response.FieldErrorAsync("role");
    }

    [Fact]
    public async Task Rejects_a_member_without_organization_and_a_leaving_date_before_joining()
    {
        var (client, alliance) = await AllianceAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members", new SavePartyRequest(null, PartyRole.Member, null)))
            .FieldErrorAsync("organizationId");
        await (await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members",
            new SavePartyRequest(org.Id, PartyRole.Member, new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 1)))).FieldErrorAsync("leftOn");
    }

    [Fact]
    public async Task Names_the_docking_department_and_responsible_person_of_a_member()
    {
        var (client, alliance) = await AllianceAsync();
        var member = alliance.Parties.Single(p => p.Role == PartyRole.Member);
        var dept = await client.CreateDepartmentAsync(member.OrganizationId, "新生儿科");
        var person = await client.CreatePersonAsync(member.OrganizationId, dept.Id, name: "对接人");

        var updated = await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}",
            Edit(member) with { DockingDepartmentId = dept.Id, ResponsiblePersonId = person.Id })).ReadAsync<PartyDto>();

        Assert.Equal("新生儿科", updated.DockingDepartmentName);
        Assert.Equal("对接人", updated.ResponsiblePersonName);
        Assert.Equal(member.Version + 1, updated.Version);
    }

    [Fact]
    public async Task Rejects_a_docking_department_or_person_of_another_organization()
    {
        var (client, alliance) = await AllianceAsync();
        var member = alliance.Parties.Single(p => p.Role == PartyRole.Member);
        var stranger = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(stranger.Id);
        var person = await client.CreatePersonAsync(stranger.Id);

        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { DockingDepartmentId = dept.Id }))
            .FieldErrorAsync("dockingDepartmentId");
        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { ResponsiblePersonId = person.Id }))
            .FieldErrorAsync("responsiblePersonId");
    }

    [Fact]
    public async Task Rejects_moving_a_party_to_an_organization_that_is_already_a_party()
    {
        var (client, alliance) = await AllianceAsync();
        var lead = alliance.Parties.Single(p => p.Role == PartyRole.Lead);
        var member = alliance.Parties.Single(p => p.Role == PartyRole.Member);

        var problem = await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { OrganizationId = lead.OrganizationId }))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("该机构已是此帮扶关系的参与方。", problem["detail"]!.GetValue<string>());
        Assert.Equal(2, (await MembersAsync(client, alliance.Id)).Select(m => m.OrganizationId).Distinct().Count());
    }

    [Fact]
    public async Task Rejects_an_unknown_role_name()
    {
        var (client, alliance) = await AllianceAsync();
        var org = await client.CreateOrganizationAsync();
        var response = await client.PostRawJsonAsync($"/api/partnerships/{alliance.Id}/members", $$"""{"organizationId":{{org.Id}},"role":"Boss"}""");
        await response.FieldErrorAsync("role");
    }

    [Fact]
    public async Task Rejects_a_member_update_with_a_stale_version()
    {
        var (client, alliance) = await AllianceAsync();
        var member = alliance.Parties.Single(p => p.Role == PartyRole.Member);
        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { Note = "一" })).ReadAsync<PartyDto>();

        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { Note = "二" }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refuses_to_remove_the_last_supported_party()
    {
        var client = await app.AdminAsync();
        var a = await client.CreateOrganizationAsync();
        var b = await client.CreateOrganizationAsync();
        var p = await client.CreatePartnershipAsync(a.Id, b.Id);
        var supported = p.Parties.Single(x => x.Role == PartyRole.Supported);

        var problem = await (await client.DeleteAsync($"/api/partnerships/{p.Id}/members/{supported.Id}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("帮扶关系须至少有一个受援方。", problem["detail"]!.GetValue<string>());
        Assert.Equal(2, (await MembersAsync(client, p.Id)).Count);
    }

    [Fact]
    public async Task Refuses_to_let_the_last_member_of_an_alliance_leave_or_be_removed()
    {
        var (client, alliance) = await AllianceAsync();
        var member = alliance.Parties.Single(p => p.Role == PartyRole.Member);

        await (await client.DeleteAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/{member.Id}", Edit(member) with { LeftOn = new DateOnly(2025, 1, 1) }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Removes_a_member_while_another_remains()
    {
        var (client, alliance) = await AllianceAsync();
        var org = await client.CreateOrganizationAsync();
        var added = await (await client.PostJsonAsync($"/api/partnerships/{alliance.Id}/members", new SavePartyRequest(org.Id, PartyRole.Member, null)))
            .ReadAsync<PartyDto>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/partnerships/{alliance.Id}/members/{added.Id}")).StatusCode);

        Assert.DoesNotContain(await MembersAsync(client, alliance.Id), m => m.Id == added.Id);
        var history = await (await client.GetAsync($"/api/partnerships/{alliance.Id}/history")).ReadAsync<List<HistoryEntry>>();
        Assert.Contains(history, h => h.EntityType == "PartnershipParty" && h.EntityId == added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && h.Action == "Deleted");
    }

    [Fact]
    public async Task Unknown_member_answers_404()
    {
        var (client, alliance) = await AllianceAsync();
        var other = await client.CreatePartnershipAsync((await client.CreateOrganizationAsync()).Id, (await client.CreateOrganizationAsync()).Id);
        var foreign = other.Parties[1];

        await (await client.PutJsonAsync($"/api/partnerships/{alliance.Id}/members/99999", Edit(foreign))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/partnerships/{alliance.Id}/members/99999")).ProblemAsync(HttpStatusCode.NotFound);
        // A party is addressed only under its own partnership.
        await (await client.DeleteAsync($"/api/partnerships/{alliance.Id}/members/{foreign.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/partnerships/99999/members", new SavePartyRequest(foreign.OrganizationId, PartyRole.Member, null)))
            .ProblemAsync(HttpStatusCode.NotFound);
    }
}
