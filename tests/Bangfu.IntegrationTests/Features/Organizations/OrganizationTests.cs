using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Organizations;

public sealed class OrganizationTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveOrganizationRequest Request(string name, string region = "510402", OrganizationKind kind = OrganizationKind.GeneralHospital,
        HospitalGrade grade = HospitalGrade.Grade2A, int? version = null) =>
        new(name, null, kind, grade, region, "某路1号", Version: version);

    [Fact]
    public async Task Creates_an_organization_and_gets_it_back()
    {
        var client = await app.AdminAsync();
        var name = Registry.Unique("甘孜州人民医院");

        var created = await (await client.PostJsonAsync("/api/organizations", Request(name, "513300", grade: HospitalGrade.Grade3A)))
            .ReadAsync<OrganizationDto>(HttpStatusCode.Created);
        var fetched = await (await client.GetAsync($"/api/organizations/{created.Id}")).ReadAsync<OrganizationDto>();

        Assert.Equal(name, fetched.Name);
        Assert.Equal("513300", fetched.RegionCode);
        Assert.Equal(HospitalGrade.Grade3A, fetched.Grade);
        Assert.Equal(0, fetched.Version);
    }

    [Theory]
    [InlineData("51040")]
    [InlineData("5104021")]
    [InlineData("51040A")]
    [InlineData("010402")]
    public async Task Rejects_region_code_that_is_not_six_digits(string region)
    {
        var client = await app.AdminAsync();
        var messages = await (await client.PostJsonAsync("/api/organizations", Request(Registry.Unique("医院"), region))).FieldErrorAsync("regionCode");
        Assert.Equal(["行政区划代码须为6位数字（GB/T 2260，如 513423）。"], messages);
    }

    [Fact]
    public async Task Rejects_organization_without_required_fields()
    {
        var client = await app.AdminAsync();
        var response = await client.PostRawJsonAsync("/api/organizations", "{}");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name"));
        Assert.True(errors.ContainsKey("kind"));
        Assert.True(errors.ContainsKey("regionCode"));
    }

    [Fact]
    public async Task Rejects_unknown_kind()
    {
        var client = await app.AdminAsync();
        var response = await client.PostRawJsonAsync("/api/organizations", """{"name":"乙医院","kind":"Pharmacy","regionCode":"510402"}""");
        await response.FieldErrorAsync("kind");
    }

    [Fact]
    public async Task Update_increments_the_version()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();

        var first = await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name + "改", version: 0))).ReadAsync<OrganizationDto>();
        var second = await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name + "再改", version: 1))).ReadAsync<OrganizationDto>();

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(org.Name + "再改", second.Name);
    }

    [Fact]
    public async Task Rejects_update_with_a_stale_version_as_an_edit_conflict()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name, version: 0))).ReadAsync<OrganizationDto>();

        var problem = await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request("别人改的", version: 0))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("编辑冲突", problem["title"]!.GetValue<string>());
        Assert.Equal(org.Name, (await (await client.GetAsync($"/api/organizations/{org.Id}")).ReadAsync<OrganizationDto>()).Name);
    }

    [Fact]
    public async Task Rejects_update_without_the_version_it_read()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name + "改"))).FieldErrorAsync("version");
    }

    [Fact]
    public async Task Rejects_update_that_breaks_a_field_rule()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name, "12345", version: 0))).FieldErrorAsync("regionCode");
    }

    [Fact]
    public async Task Unknown_organization_answers_404_on_get_update_and_delete()
    {
        var client = await app.AdminAsync();
        await (await client.GetAsync("/api/organizations/99999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("/api/organizations/99999", Request("X", version: 0))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/organizations/99999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleted_organization_disappears_from_list_and_get()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/organizations/{org.Id}?version=0")).StatusCode);

        await (await client.GetAsync($"/api/organizations/{org.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await client.GetAsync($"/api/organizations?q={org.Name}")).ReadAsync<Page<OrganizationListItem>>();
        Assert.Equal(0, list.Total);
        Assert.Empty(list.Items);
        await (await client.DeleteAsync($"/api/organizations/{org.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rejects_delete_with_a_stale_version()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await (await client.PutJsonAsync($"/api/organizations/{org.Id}", Request(org.Name, version: 0))).ReadAsync<OrganizationDto>();

        await (await client.DeleteAsync($"/api/organizations/{org.Id}?version=0")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refuses_to_delete_an_organization_still_in_a_partnership()
    {
        var client = await app.AdminAsync();
        var giving = await client.CreateOrganizationAsync();
        var receiving = await client.CreateOrganizationAsync();
        await client.CreatePartnershipAsync(giving.Id, receiving.Id);

        var problem = await (await client.DeleteAsync($"/api/organizations/{receiving.Id}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("该机构仍是帮扶关系的参与方，不能删除。", problem["detail"]!.GetValue<string>());
        await (await client.GetAsync($"/api/organizations/{receiving.Id}")).ReadAsync<OrganizationDto>();
    }

    [Fact]
    public async Task Deletes_an_organization_once_its_partnership_is_deleted()
    {
        var client = await app.AdminAsync();
        var giving = await client.CreateOrganizationAsync();
        var receiving = await client.CreateOrganizationAsync();
        var partnership = await client.CreatePartnershipAsync(giving.Id, receiving.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/partnerships/{partnership.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/organizations/{receiving.Id}")).StatusCode);
    }

    [Fact]
    public async Task Refuses_to_delete_an_organization_that_still_has_people()
    {
        var client = await app.AdminAsync();
        var org = await client.CreateOrganizationAsync();
        await client.CreatePersonAsync(org.Id);

        await (await client.DeleteAsync($"/api/organizations/{org.Id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Lists_a_page_with_the_total_of_all_matches()
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("页");
        foreach (var n in new[] { "1", "2", "3" })
            await client.CreateOrganizationAsync(name: tag + n);

        var first = await (await client.GetAsync($"/api/organizations?q={tag}&pageSize=2&page=1")).ReadAsync<Page<OrganizationListItem>>();
        var second = await (await client.GetAsync($"/api/organizations?q={tag}&pageSize=2&page=2")).ReadAsync<Page<OrganizationListItem>>();

        Assert.Equal(3, first.Total);
        Assert.Equal([tag + "1", tag + "2"], first.Items.Select(o => o.Name));
        Assert.Equal(3, second.Total);
        Assert.Equal([tag + "3"], second.Items.Select(o => o.Name));
    }

    [Fact]
    public async Task Filters_by_kind_grade_and_region_prefix()
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("滤");
        var tcm = await client.CreateOrganizationAsync(tag + "中医", "510402", OrganizationKind.TcmHospital, HospitalGrade.Grade3A);
        var general = await client.CreateOrganizationAsync(tag + "综合", "330102", OrganizationKind.GeneralHospital, HospitalGrade.Grade2A);
        var primary = await client.CreateOrganizationAsync(tag + "卫生院", "513423", OrganizationKind.PrimaryCare, HospitalGrade.Grade1);

        async Task<IEnumerable<int>> Ids(string filter) =>
            (await (await client.GetAsync($"/api/organizations?q={tag}&{filter}")).ReadAsync<Page<OrganizationListItem>>()).Items.Select(o => o.Id);

        Assert.Equal([tcm.Id], await Ids("kind=TcmHospital"));
        Assert.Equal([general.Id], await Ids("grade=Grade2A"));
        Assert.Equal([tcm.Id, primary.Id], (await Ids("regionPrefix=51")).Order());
        Assert.Equal([primary.Id], await Ids("regionPrefix=5134"));
    }

    [Fact]
    public async Task Finds_an_organization_by_short_name()
    {
        var client = await app.AdminAsync();
        var shortName = Registry.Unique("简");
        var org = await (await client.PostJsonAsync("/api/organizations",
            new SaveOrganizationRequest(Registry.Unique("全称医院"), shortName, OrganizationKind.GeneralHospital, HospitalGrade.Grade2A, "510402", null)))
            .ReadAsync<OrganizationDto>(HttpStatusCode.Created);

        var list = await (await client.GetAsync($"/api/organizations?q={shortName}")).ReadAsync<Page<OrganizationListItem>>();

        Assert.Equal([org.Id], list.Items.Select(o => o.Id));
    }

    [Theory]
    [InlineData("name", false, new[] { "A", "B", "C" })]
    [InlineData("name", true, new[] { "C", "B", "A" })]
    [InlineData("regionCode", false, new[] { "B", "C", "A" })]
    [InlineData("regionCode", true, new[] { "A", "C", "B" })]
    [InlineData("kind", false, new[] { "A", "B", "C" })]
    [InlineData("grade", true, new[] { "C", "B", "A" })]
    public async Task Sorts_by_the_requested_field_and_direction(string sort, bool desc, string[] expected)
    {
        var client = await app.AdminAsync();
        var tag = Registry.Unique("序");
        // Kinds and grades chosen so that their declared order and their stored names sort alike.
        await client.CreateOrganizationAsync(tag + "A", "530100", OrganizationKind.GeneralHospital, HospitalGrade.Grade3A);
        await client.CreateOrganizationAsync(tag + "B", "110100", OrganizationKind.MaternalChildHealth, HospitalGrade.Grade3B);
        await client.CreateOrganizationAsync(tag + "C", "330100", OrganizationKind.SpecialtyHospital, HospitalGrade.Ungraded);

        var list = await (await client.GetAsync($"/api/organizations?q={tag}&sort={sort}&desc={desc}")).ReadAsync<Page<OrganizationListItem>>();

        Assert.Equal(expected.Select(x => tag + x), list.Items.Select(o => o.Name));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("sort=address", "sort")]
    [InlineData("regionPrefix=51x", "regionPrefix")]
    [InlineData("regionPrefix=5104021", "regionPrefix")]
    [InlineData("kind=Clinic", "kind")]
    [InlineData("desc=maybe", "desc")]
    public async Task Rejects_bad_paging_sort_and_filters(string query, string field)
    {
        var client = await app.AdminAsync();
        await (await client.GetAsync($"/api/organizations?{query}")).FieldErrorAsync(field);
    }
}
