using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Activities;

public sealed class ClosedMonthTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly March10 = new(2024, 3, 10);

    private static async Task<IReadOnlyList<ActivityTotal>> TotalsAsync(HttpClient client, int partnershipId) =>
        await (await client.GetAsync($"/api/activities/totals?partnershipId={partnershipId}&from=2024-01-01&to=2024-12-31")).ReadAsync<IReadOnlyList<ActivityTotal>>();

    [Fact]
    public async Task A_closed_month_refuses_every_change_until_an_administrator_reopens_it()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var coordinator = await app.OrgAdminAsync(admin, s.SupportingId);
        var a = await coordinator.CreateActivityAsync(s.Activity(ActivityKind.Surgery, March10, 4, ActivityUnit.Tai));

        var closed = await (await coordinator.PostJsonAsync($"/api/partnerships/{s.PartnershipId}/closed-months", new CloseMonthsRequest("2024-01", "2024-03")))
            .ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        Assert.Equal(["2024-01", "2024-02", "2024-03"], closed.Select(c => c.Month));

        // New, corrected, removed, bulk, and moved into or out of the month: all 409, naming the month.
        var problem = await (await coordinator.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Lecture, new DateOnly(2024, 2, 2), 1, ActivityUnit.Chang)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2024-02", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await coordinator.PutJsonAsync($"/api/activities/{a.Id}", s.Activity(ActivityKind.Surgery, March10, 5, ActivityUnit.Tai) with { Version = a.Version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await coordinator.PutJsonAsync($"/api/activities/{a.Id}", s.Activity(ActivityKind.Surgery, new DateOnly(2024, 4, 1), 4, ActivityUnit.Tai) with { Version = a.Version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.DeleteAsync($"/api/activities/{a.Id}?version={a.Version}")).StatusCode);
        var open = s.Activity(ActivityKind.Lecture, new DateOnly(2024, 4, 2), 1, ActivityUnit.Chang);
        var mixed = await coordinator.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest([open, open with { Date = new DateOnly(2024, 1, 5) }]));
        await mixed.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(4, Assert.Single(await TotalsAsync(coordinator, s.PartnershipId)).Quantity);

        // Another month stays open; the coordinator cannot reopen; the administrator can.
        await coordinator.CreateActivityAsync(open);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.DeleteAsync($"/api/partnerships/{s.PartnershipId}/closed-months/2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/partnerships/{s.PartnershipId}/closed-months/2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/partnerships/{s.PartnershipId}/closed-months/2024-03")).StatusCode);
        var updated = await (await coordinator.PutJsonAsync($"/api/activities/{a.Id}", s.Activity(ActivityKind.Surgery, March10, 5, ActivityUnit.Tai) with { Version = a.Version }))
            .ReadAsync<ActivityDto>();
        Assert.Equal(5, updated.Quantity);
        var left = await (await coordinator.GetAsync($"/api/partnerships/{s.PartnershipId}/closed-months")).ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        Assert.Equal(["2024-01", "2024-02"], left.Select(c => c.Month));
    }

    [Fact]
    public async Task An_expert_cannot_log_work_into_a_closed_month()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        await (await admin.PostJsonAsync($"/api/partnerships/{s.PartnershipId}/closed-months", new CloseMonthsRequest("2024-03", null))).ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        await (await expert.PostJsonAsync("/api/activities", s.Activity(ActivityKind.TeachingRound, March10, 1, ActivityUnit.Ci))).ProblemAsync(HttpStatusCode.Conflict);
        await expert.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 4, 10), 1, ActivityUnit.Ci));
    }

    [Fact]
    public async Task Closing_checks_its_input_and_its_caller()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var url = $"/api/partnerships/{s.PartnershipId}/closed-months";
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest(null, null))).FieldErrorAsync("from");
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2024-13", null))).FieldErrorAsync("from");
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2024-06", "2024-01"))).FieldErrorAsync("to");
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2020-01", "2024-01"))).FieldErrorAsync("to");
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2024-01", "2099-01"))).FieldErrorAsync("to");
        await (await admin.DeleteAsync($"{url}/March")).FieldErrorAsync("month");

        // Closing twice changes nothing.
        await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2024-01", "2024-02"))).ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        var again = await (await admin.PostJsonAsync(url, new CloseMonthsRequest("2024-02", "2024-03"))).ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        Assert.Equal(3, again.Count);

        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync(url, new CloseMonthsRequest("2024-05", null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"{url}/2024-01")).StatusCode);
        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        Assert.Equal(3, (await (await commission.GetAsync(url)).ReadAsync<IReadOnlyList<ClosedMonthDto>>()).Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await commission.PostJsonAsync(url, new CloseMonthsRequest("2024-05", null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/partnerships/999999/closed-months")).StatusCode);
    }

    [Fact]
    public async Task A_grid_save_of_new_rows_corrections_and_removals_is_all_or_nothing()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var may = new DateOnly(2024, 5, 1);
        var surgeries = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, may, 10, ActivityUnit.Tai, monthlyTotal: true));
        var rounds = await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, may, 3, ActivityUnit.Ci, monthlyTotal: true));
        var lectures = s.Activity(ActivityKind.Lecture, may, 2, ActivityUnit.Chang, attendees: 80, monthlyTotal: true);

        // A stale version on one correction: nothing is written, not the new row, not the removal.
        var stale = new BulkActivitiesRequest([lectures],
            [new ActivityChange(surgeries.Id, s.Activity(ActivityKind.Surgery, may, 12, ActivityUnit.Tai, monthlyTotal: true) with { Version = surgeries.Version - 1 })],
            [new ActivityRemoval(rounds.Id, rounds.Version)]);
        await (await admin.PostJsonAsync("/api/activities/bulk", stale)).ProblemAsync(HttpStatusCode.Conflict);
        var before = await TotalsAsync(admin, s.PartnershipId);
        Assert.Equal([(ActivityKind.Surgery, 10L), (ActivityKind.TeachingRound, 3L)], before.Select(t => (t.Kind, t.Quantity)));

        // A bad row among corrections: field errors name it, nothing is written.
        var bad = stale with { Updates = [new ActivityChange(surgeries.Id, s.Activity(ActivityKind.Surgery, may, -1, ActivityUnit.Tai, monthlyTotal: true) with { Version = surgeries.Version })] };
        await (await admin.PostJsonAsync("/api/activities/bulk", bad)).FieldErrorAsync("updates[0].activity.quantity");
        var unknown = stale with { Updates = [], Deletes = [new ActivityRemoval(long.MaxValue, 1)] };
        await (await admin.PostJsonAsync("/api/activities/bulk", unknown)).FieldErrorAsync("deletes[0].id");
        Assert.Equal(2, (await TotalsAsync(admin, s.PartnershipId)).Count);

        // The same save with current versions: all three changes land together.
        var good = stale with { Updates = [new ActivityChange(surgeries.Id, s.Activity(ActivityKind.Surgery, may, 12, ActivityUnit.Tai, monthlyTotal: true) with { Version = surgeries.Version })] };
        var created = await (await admin.PostJsonAsync("/api/activities/bulk", good)).ReadAsync<IReadOnlyList<long>>();
        Assert.Single(created);
        var after = await TotalsAsync(admin, s.PartnershipId);
        Assert.Equal([(ActivityKind.Surgery, 12L), (ActivityKind.Lecture, 2L)], after.OrderBy(t => t.Kind).Select(t => (t.Kind, t.Quantity)).OrderByDescending(t => t.Item2));
        Assert.Equal(80, after.Single(t => t.Kind == ActivityKind.Lecture).Attendees);

        // Another hospital's activity ids are unknown to an outsider's batch.
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        await (await outsider.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest(null, null, [new ActivityRemoval(surgeries.Id, null)]))).FieldErrorAsync("deletes[0].id");
    }
}
