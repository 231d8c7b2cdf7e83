using System.Net;
using Bangfu.Common;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.People;

public sealed class PersonTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SavePersonRequest Request(int organizationId, string name, int? departmentId = null, TitleLevel level = TitleLevel.Senior,
        int? version = null) =>
        new(organizationId, departmentId, name, "主任医师", level, "心血管", "13900000000", "doc@example.cn", version);

    [Fact]
    public async Task Creates_a_person_in_a_department_and_gets_it_back()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id, "心内科");

        var created = await (await client.PostJsonAsync("/api/people", Request(org.Id, "王医生", dept.Id))).ReadAsync<PersonDto>(HttpStatusCode.Created);
        var fetched = await (await client.GetAsync($"/api/people/{created.Id}")).ReadAsync<PersonDto>();

        Assert.Equal(new PersonDto(created.Id, org.Id, org.Name, dept.Id, "心内科", "王医生", "主任医师", TitleLevel.Senior, "心血管",
            "13900000000", "doc@example.cn", 0), fetched);
    }

    [Fact]
    public async Task Rejects_a_person_without_required_fields()
    {
        var client = await app.AdminAsync();
        var problem = await (await client.PostRawJsonAsync("/api/people", "{}")).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("organizationId"));
        Assert.True(errors.ContainsKey("titleLevel"));
    }

    [Fact]
    public async Task Rejects_a_department_of_another_organization_and_a_bad_email()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var other = await client.CreateOrganizationAsync();
        var foreignDept = await client.CreateDepartmentAsync(other.Id);

        var response = await client.PostJsonAsync("/api/people", Request(org.Id, "赵医生", foreignDept.Id) with { Email = "not-an-address" });

        await response.FieldErrorAsync("departmentId");
        var again = await client.PostJsonAsync("/api/people", Request(org.Id, "赵医生") with { Email = "not-an-address" });
        await again.FieldErrorAsync("email");
    }

    [Fact]
    public async Task Rejects_an_unknown_organization()
    {
        var client = await app.AdminAsync();
        await (await client.PostJsonAsync("/api/people", Request(99999, "钱医生"))).FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Rejects_unknown_title_level()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var response = await client.PostRawJsonAsync("/api/people", $$"""{"organizationId":{{org.Id}},"name":"孙医生","titleLevel":"Professor"}""");
        await response.FieldErrorAsync("titleLevel");
    }

    [Fact]
    public async Task Update_increments_the_version_and_a_stale_version_is_an_edit_conflict()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var person = await client.CreatePersonAsync(org.Id);

        var updated = await (await client.PutJsonAsync($"/api/people/{person.Id}", Request(org.Id, "新名字", version: 0))).ReadAsync<PersonDto>();
        var conflict = await client.PutJsonAsync($"/api/people/{person.Id}", Request(org.Id, "另一个名字", version: 0));

        Assert.Equal(1, updated.Version);
        Assert.Equal("新名字", updated.Name);
        await conflict.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deleted_person_disappears_from_list_and_get()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var person = await client.CreatePersonAsync(org.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/people/{person.Id}?version=0")).StatusCode);

        await (await client.GetAsync($"/api/people/{person.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await client.GetAsync($"/api/people?organizationId={org.Id}")).ReadAsync<Page<PersonDto>>();
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task Rejects_delete_with_a_stale_version()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var person = await client.CreatePersonAsync(org.Id);
        await (await client.PutJsonAsync($"/api/people/{person.Id}", Request(org.Id, "改", version: 0))).ReadAsync<PersonDto>();

        await (await client.DeleteAsync($"/api/people/{person.Id}?version=0")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refuses_to_delete_the_responsible_person_of_a_partnership_party()
    {
        var client = await app.AdminAsync();
        var giving = await client.CreateOrganizationAsync();
        var receiving = await client.CreateOrganizationAsync();
        var person = await client.CreatePersonAsync(receiving.Id);
        var request = Registry.NewPartnership(giving.Id, receiving.Id);
        request = request with { Parties = [request.Parties![0], request.Parties[1] with { ResponsiblePersonId = person.Id }] };
        await (await client.PostJsonAsync("/api/partnerships", request)).ReadAsync<Bangfu.Features.Partnerships.PartnershipDto>(HttpStatusCode.Created);

        await (await client.DeleteAsync($"/api/people/{person.Id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_person_answers_404_on_get_update_and_delete()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.GetAsync("/api/people/99999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("/api/people/99999", Request(org.Id, "无", version: 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/people/99999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Filters_by_text_department_and_title_level()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        var dept = await client.CreateDepartmentAsync(org.Id);
        var senior = await client.CreatePersonAsync(org.Id, dept.Id, TitleLevel.Senior, "高医生");
        var junior = await client.CreatePersonAsync(org.Id, null, TitleLevel.Junior, "低医生");

        async Task<IEnumerable<int>> Ids(string filter) =>
            (await (await client.GetAsync($"/api/people?organizationId={org.Id}&{filter}")).ReadAsync<Page<PersonDto>>()).Items.Select(p => p.Id);

        Assert.Equal([senior.Id], await Ids($"departmentId={dept.Id}"));
        Assert.Equal([junior.Id], await Ids("titleLevel=Junior"));
        Assert.Equal([junior.Id], await Ids("q=低"));
    }

    [Theory]
    [InlineData("name", false, new[] { "A", "B", "C" })]
    [InlineData("name", true, new[] { "C", "B", "A" })]
    [InlineData("titleLevel", false, new[] { "B", "C", "A" })]
    [InlineData("organization", true, new[] { "C", "B", "A" })]
    public async Task Sorts_by_the_requested_field_and_direction(string sort, bool desc, string[] expected)
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("人");
        // Levels chosen so that their declared order and their stored names sort alike.
        var first = await client.CreateOrganizationAsync(tag + "1院");
        var second = await client.CreateOrganizationAsync(tag + "2院");
        var third = await client.CreateOrganizationAsync(tag + "3院");
        await client.CreatePersonAsync(first.Id, null, TitleLevel.None, tag + "A");
        await client.CreatePersonAsync(second.Id, null, TitleLevel.AssociateSenior, tag + "B");
        await client.CreatePersonAsync(third.Id, null, TitleLevel.Intermediate, tag + "C");

        var list = await (await client.GetAsync($"/api/people?q={tag}&sort={sort}&desc={desc}")).ReadAsync<Page<PersonDto>>();

        Assert.Equal(expected.Select(x => tag + x), list.Items.Select(p => p.Name));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("sort=phone", "sort")]
    [InlineData("organizationId=abc", "organizationId")]
    public async Task Rejects_bad_paging_sort_and_filters(string query, string field)
    {
        var client = await app.AdminAsync();
        await (await client.GetAsync($"/api/people?{query}")).FieldErrorAsync(field);
    }
}
