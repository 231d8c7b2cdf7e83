using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Dashboards;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Meetings;
using Bangfu.Features.Organizations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Dashboards;

public sealed class DashboardTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static async Task<LedgerSetup> LedgerAsync(HttpClient admin)
    {
        var s = await WorkLedger.SetUpAsync(admin);
        // Cover 2024-01-01..2024-03-31 and 2024-05-01..2024-12-31: April is a gap.
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2023, 10, 1), new DateOnly(2024, 3, 31)));
        var second = await admin.CreatePersonAsync(s.SupportingId);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 5, 1), new DateOnly(2025, 4, 30), expertId: second.Id, batch: 2));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 2, 3), 4, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 2, 9), 2, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 6, 9), 7, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 6, 9), 1, ActivityUnit.Chang, attendees: 45));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2023, 6, 9), 6, ActivityUnit.Tai));
        var meeting = await (await admin.PostJsonAsync("/api/meetings", new SaveMeetingRequest(s.PartnershipId, "半年工作例会", MeetingKind.WorkMeeting, new DateOnly(2024, 1, 10))))
            .ReadAsync<MeetingDto>(HttpStatusCode.Created);
        var item = await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items", new SaveActionItemRequest("完成二甲评审材料", "医务科", new DateOnly(2024, 3, 1)));
        Assert.True(item.IsSuccessStatusCode);
        return s;
    }

    [Fact]
    public async Task A_partnership_dashboard_counts_by_month_from_the_rollup_shows_cover_gaps_compliance_and_overdue_items()
    {
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var d = await (await admin.GetAsync($"/api/dashboards/partnerships/{s.PartnershipId}?year=2024")).ReadAsync<DashboardDto>();

        Assert.Equal([(202402, ActivityKind.Surgery, 6L), (202406, ActivityKind.Surgery, 7L), (202406, ActivityKind.Lecture, 1L)],
            d.Months.Select(m => (m.Month, m.Kind, m.Quantity)));
        Assert.Equal(13, d.Totals.Single(t => t.Kind == ActivityKind.Surgery).Quantity);
        Assert.Equal(45, d.Totals.Single(t => t.Kind == ActivityKind.Lecture).Attendees);
        var cover = Assert.Single(d.Coverage);
        Assert.Equal([new(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30))], cover.Gaps);
        Assert.Equal(366 - 30, cover.CoveredDays);
        Assert.NotNull(d.Compliance);
        Assert.False(d.Compliance!.AllHold);
        Assert.Equal(1, d.OverdueCount);
        Assert.Equal("完成二甲评审材料", Assert.Single(d.Overdue).Description);
    }

    [Fact]
    public async Task A_region_dashboard_lists_only_the_overdue_items_of_that_regions_partnerships()
    {
        var admin = await app.AdminAsync();
        var sichuanItem = await OverdueItemAsync(admin, "510402", "513423");
        var ningxiaItem = await OverdueItemAsync(admin, "640100", "640122");
        var commissionOrg = await admin.CreateOrganizationAsync(region: "510000", kind: OrganizationKind.HealthCommission);
        var sichuan = await app.UserAsync(admin, Roles.Commission, commissionOrg.Id);

        foreach (var client in new[] { admin, sichuan })
        {
            var region = await (await client.GetAsync("/api/dashboards/regions/510000?year=2024")).ReadAsync<DashboardDto>();
            Assert.Contains(region.Overdue, o => o.Description == sichuanItem);
            Assert.DoesNotContain(region.Overdue, o => o.Description == ningxiaItem);
        }
        var ningxia = await (await admin.GetAsync("/api/dashboards/regions/640000?year=2024")).ReadAsync<DashboardDto>();
        Assert.Equal([ningxiaItem], ningxia.Overdue.Select(o => o.Description).Where(d => d == ningxiaItem || d == sichuanItem));
    }

    /// A partnership of two hospitals of one region with an action item long overdue (listed before any other).
    private static async Task<string> OverdueItemAsync(HttpClient admin, string supportingRegion, string supportedRegion)
    {
        var supporting = await admin.CreateOrganizationAsync(region: supportingRegion);
        var supported = await admin.CreateOrganizationAsync(region: supportedRegion);
        var partnership = await admin.CreatePartnershipAsync(supporting.Id, supported.Id);
        var meeting = await (await admin.PostJsonAsync("/api/meetings", new SaveMeetingRequest(partnership.Id, "例会", MeetingKind.WorkMeeting, new DateOnly(2024, 1, 10))))
            .ReadAsync<MeetingDto>(HttpStatusCode.Created);
        var description = Registry.Unique("整改");
        var item = await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items", new SaveActionItemRequest(description, "医务科", new DateOnly(2024, 1, 11)));
        Assert.True(item.IsSuccessStatusCode);
        return description;
    }

    [Fact]
    public async Task Organization_and_region_dashboards_read_what_their_viewer_may_see()
    {
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var other = await LedgerAsync(admin);

        var supporting = await app.OrgAdminAsync(admin, s.SupportingId);
        var own = await (await supporting.GetAsync($"/api/dashboards/organizations/{s.SupportingId}?year=2024")).ReadAsync<DashboardDto>();
        Assert.Equal(13, own.Totals.Single(t => t.Kind == ActivityKind.Surgery).Quantity);
        Assert.Equal(s.SupportedId, Assert.Single(own.Hosts).HostOrganizationId);
        Assert.Equal(HttpStatusCode.NotFound, (await supporting.GetAsync($"/api/dashboards/organizations/{other.SupportedId}?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supporting.GetAsync($"/api/dashboards/partnerships/{other.PartnershipId}?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supporting.GetAsync("/api/dashboards/regions/510000?year=2024")).StatusCode);

        // The supported hospitals are in 513423 (Sichuan): the province's commission sees both, Zhejiang's neither.
        var sichuan = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000", kind: OrganizationKind.HealthCommission)).Id);
        var region = await (await sichuan.GetAsync("/api/dashboards/regions/513423?year=2024")).ReadAsync<DashboardDto>();
        Assert.True(region.Totals.Single(t => t.Kind == ActivityKind.Surgery).Quantity >= 26);
        Assert.Contains(region.Hosts, h => h.HostOrganizationId == s.SupportedId);
        Assert.Contains(region.Hosts, h => h.HostOrganizationId == other.SupportedId);
        var zhejiang = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "330000", kind: OrganizationKind.HealthCommission)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await zhejiang.GetAsync("/api/dashboards/regions/513423?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zhejiang.GetAsync("/api/dashboards/regions/510000?year=2024")).StatusCode);
        var own330 = await (await zhejiang.GetAsync("/api/dashboards/regions/330000?year=2024")).ReadAsync<DashboardDto>();
        Assert.DoesNotContain(own330.Hosts, h => h.HostOrganizationId == s.SupportedId);
    }

    [Theory]
    [InlineData("/api/dashboards/regions/51?year=2024", "regionCode")]
    [InlineData("/api/dashboards/regions/510000?year=1990", "year")]
    [InlineData("/api/dashboards/partnerships/1?year=abc", "year")]
    public async Task Bad_input_gets_field_errors(string url, string field)
    {
        var admin = await app.AdminAsync();
        await (await admin.GetAsync(url)).FieldErrorAsync(field);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/dashboards/partnerships/999999?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/dashboards/organizations/999999?year=2024")).StatusCode);
    }
}
