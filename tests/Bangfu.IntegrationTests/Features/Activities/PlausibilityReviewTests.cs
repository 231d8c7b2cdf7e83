using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Dashboards;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Activities;

public sealed class PlausibilityReviewTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly Day = new(2024, 3, 5);

    private static async Task<IReadOnlyList<ReviewItemDto>> QueueAsync(HttpClient client, int partnershipId) =>
        await (await client.GetAsync($"/api/activities/review?partnershipId={partnershipId}")).ReadAsync<IReadOnlyList<ReviewItemDto>>();

    [Fact]
    public async Task More_than_30_surgeries_by_one_expert_in_a_day_are_refused()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 20, ActivityUnit.Tai));
        // The day's total counts what is stored: 20 + 11 is above 30.
        await (await admin.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Surgery, Day, 11, ActivityUnit.Tai))).FieldErrorAsync("quantity");
    }

    [Fact]
    public async Task More_than_8_surgeries_in_a_day_are_saved_for_review_with_the_warning()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var quiet = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 5, ActivityUnit.Tai));
        var warned = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 4, ActivityUnit.Tai));
        var queue = await QueueAsync(admin, s.PartnershipId);
        var item = Assert.Single(queue);
        Assert.Equal(warned.Id, item.Id);
        Assert.NotEqual(quiet.Id, item.Id);
        Assert.Equal(ActivityReviewStatus.Pending, item.Status);
        Assert.Contains(item.Warnings, w => w.Contains('9') && w.Contains('8'));
    }

    [Fact]
    public async Task A_host_month_above_its_refuse_threshold_is_refused_in_a_bulk_batch()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var rows = Enumerable.Range(1, 25).Select(d => s.Activity(ActivityKind.Lecture, new DateOnly(2024, 4, d), 7, ActivityUnit.Chang) with { ExpertId = null }).ToList();
        // 25 × 7 = 175 lectures at one host in April: above the warn (60), within the refuse (300) threshold.
        Assert.Equal(25, (await (await admin.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest(rows))).ReadAsync<IReadOnlyList<long>>()).Count);
        Assert.Equal(25, (await QueueAsync(admin, s.PartnershipId)).Count);
        var more = Enumerable.Range(1, 20).Select(d => s.Activity(ActivityKind.Lecture, new DateOnly(2024, 4, d), 7, ActivityUnit.Chang) with { ExpertId = null }).ToList();
        await (await admin.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest(more))).FieldErrorAsync("items[0].quantity");
    }

    [Fact]
    public async Task Work_at_another_host_while_stationed_and_before_the_dispatch_warns()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 31)));
        var host = await admin.CreateOrganizationAsync(region: "513423");
        var second = await admin.CreatePartnershipAsync(s.SupportingId, host.Id);
        var other = s with { SupportedId = host.Id, PartnershipId = second.Id };
        var elsewhere = await admin.CreateActivityAsync(other.Activity(ActivityKind.TeachingRound, Day, 1, ActivityUnit.Ci) with { HostDepartmentId = null });
        var early = await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 2, 10), 1, ActivityUnit.Ci));
        Assert.Equal(elsewhere.Id, Assert.Single(await QueueAsync(admin, other.PartnershipId)).Id);
        Assert.Equal(early.Id, Assert.Single(await QueueAsync(admin, s.PartnershipId)).Id);
    }

    [Fact]
    public async Task A_coordinator_sends_a_warned_entry_back_and_the_expert_sees_the_reason()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        var warned = await expert.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 12, ActivityUnit.Tai) with { ExpertId = null });
        var coordinator = await app.UserAsync(admin, Roles.OrgAdmin, s.SupportedId);
        Assert.Equal(warned.Id, Assert.Single(await QueueAsync(coordinator, s.PartnershipId)).Id);

        await (await coordinator.PostJsonAsync($"/api/activities/review/{warned.Id}/send-back", new ReviewDecisionRequest(null))).FieldErrorAsync("reason");
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostJsonAsync($"/api/activities/review/{warned.Id}/send-back", new ReviewDecisionRequest("请核对台数"))).StatusCode);
        Assert.Empty(await QueueAsync(coordinator, s.PartnershipId));
        var mine = await (await expert.GetAsync("/api/activities/review/sent-back")).ReadAsync<IReadOnlyList<ReviewItemDto>>();
        Assert.Equal("请核对台数", Assert.Single(mine).Reason);
    }

    [Fact]
    public async Task A_coordinator_accepts_or_corrects_a_warned_entry()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var accepted = await admin.CreateActivityAsync(s.Activity(ActivityKind.Outpatient, Day, 90, ActivityUnit.RenCi));
        var corrected = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 6), 12, ActivityUnit.Tai));
        Assert.Equal(2, (await QueueAsync(admin, s.PartnershipId)).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync($"/api/activities/review/{accepted.Id}/accept", new ReviewDecisionRequest(null))).StatusCode);
        await (await admin.PostJsonAsync($"/api/activities/review/{corrected.Id}/correct",
            new ReviewCorrectionRequest(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 6), 2, ActivityUnit.Tai) with { Version = corrected.Version }, null)))
            .FieldErrorAsync("reason");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync($"/api/activities/review/{corrected.Id}/correct",
            new ReviewCorrectionRequest(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 6), 2, ActivityUnit.Tai) with { Version = corrected.Version }, "12 是笔误"))).StatusCode);
        Assert.Empty(await QueueAsync(admin, s.PartnershipId));
        Assert.Equal(2, (await (await admin.GetAsync($"/api/activities/{corrected.Id}")).ReadAsync<ActivityDto>()).Quantity);
    }

    [Fact]
    public async Task Reviewing_an_entry_of_another_partnership_is_not_found()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var warned = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 12, ActivityUnit.Tai));
        var other = await WorkLedger.SetUpAsync(admin);
        var stranger = await app.UserAsync(admin, Roles.OrgAdmin, other.SupportedId);
        Assert.Empty(await QueueAsync(stranger, s.PartnershipId));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/activities/review/{warned.Id}/accept", new ReviewDecisionRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/activities/review/{warned.Id}/send-back", new ReviewDecisionRequest("x"))).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_states_how_many_entries_are_unreviewed()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, Day, 12, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 7), 10, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 8), 1, ActivityUnit.Tai));
        var dash = await (await admin.GetAsync($"/api/dashboards/partnerships/{s.PartnershipId}?year=2024")).ReadAsync<DashboardDto>();
        Assert.Equal(2, dash.UnreviewedCount);
    }

    [Fact]
    public async Task Coverage_of_a_dispatch_running_past_today_counts_only_days_up_to_today()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var start = today.AddDays(-1) < new DateOnly(today.Year, 1, 1) ? today : today.AddDays(-1);
        await admin.CreateDispatchAsync(s.Dispatch(start, today.AddDays(20)));
        var dash = await (await admin.GetAsync($"/api/dashboards/partnerships/{s.PartnershipId}?year={today.Year}")).ReadAsync<DashboardDto>();
        Assert.Equal(today.DayNumber - start.DayNumber + 1, Assert.Single(dash.Coverage).CoveredDays);
    }
}
