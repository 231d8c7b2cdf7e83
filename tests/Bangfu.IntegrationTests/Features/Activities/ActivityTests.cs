using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Activities;

public sealed class ActivityTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly July3 = new(2022, 7, 3);

    private static async Task<IReadOnlyList<ActivityTotal>> TotalsAsync(HttpClient client, int partnershipId, string from = "2022-01-01", string to = "2022-12-31") =>
        await (await client.GetAsync($"/api/activities/totals?partnershipId={partnershipId}&from={from}&to={to}")).ReadAsync<IReadOnlyList<ActivityTotal>>();

    [Fact]
    public async Task Every_write_moves_the_monthly_rollup()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var a = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, July3, 8, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2022, 7, 5), 3, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2022, 6, 1), 1, ActivityUnit.Chang, attendees: 120));

        var totals = await TotalsAsync(admin, s.PartnershipId);
        Assert.Equal(11, totals.Single(t => t.Kind == ActivityKind.Surgery).Quantity);
        Assert.Equal(120, totals.Single(t => t.Kind == ActivityKind.Lecture).Attendees);

        var updated = await admin.PutJsonAsync($"/api/activities/{a.Id}", s.Activity(ActivityKind.Surgery, July3, 6, ActivityUnit.Tai) with { Version = a.Version });
        await updated.ReadAsync<ActivityDto>();
        Assert.Equal(9, (await TotalsAsync(admin, s.PartnershipId)).Single(t => t.Kind == ActivityKind.Surgery).Quantity);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/activities/{a.Id}")).StatusCode);
        var after = await TotalsAsync(admin, s.PartnershipId);
        Assert.Equal(3, after.Single(t => t.Kind == ActivityKind.Surgery).Quantity);
        Assert.Equal(1, after.Single(t => t.Kind == ActivityKind.Surgery).Entries);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/activities/{a.Id}")).StatusCode);
    }

    [Fact]
    public async Task Totals_cover_whole_months_of_the_span_only()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2022, 6, 30), 2, ActivityUnit.Ci));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, July3, 5, ActivityUnit.Ci));
        var july = await TotalsAsync(admin, s.PartnershipId, "2022-07-01", "2022-07-31");
        Assert.Equal(5, Assert.Single(july).Quantity);
    }

    [Fact]
    public async Task A_bulk_grid_is_written_whole_or_not_at_all()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var good = s.Activity(ActivityKind.Outpatient, new DateOnly(2022, 5, 31), 420, ActivityUnit.RenCi, monthlyTotal: true);
        var bad = s.Activity(ActivityKind.Outpatient, new DateOnly(2022, 6, 30), -3, ActivityUnit.RenCi, monthlyTotal: true);
        var response = await admin.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest([good, bad]));
        await response.FieldErrorAsync("items[1].quantity");
        Assert.Empty(await TotalsAsync(admin, s.PartnershipId));

        var ok = await admin.PostJsonAsync("/api/activities/bulk", new BulkActivitiesRequest([good, good with { Date = new DateOnly(2022, 6, 30) }]));
        Assert.Equal(2, (await ok.ReadAsync<IReadOnlyList<long>>()).Count);
        Assert.Equal(840, (await TotalsAsync(admin, s.PartnershipId)).Single().Quantity);
        var listed = await (await admin.GetAsync($"/api/activities?partnershipId={s.PartnershipId}&kind=Outpatient")).ReadAsync<Page<ActivityDto>>();
        Assert.All(listed.Items, a => Assert.Equal(1, a.Date.Day));
    }

    [Theory]
    [InlineData("quantity", 0)]
    [InlineData("quantity", 100000)]
    [InlineData("unit", 1)]
    [InlineData("attendees", 2)]
    [InlineData("date", 3)]
    [InlineData("kind", 4)]
    public async Task Rejects_absurd_or_mismatched_activity_input(string field, int variant)
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var good = s.Activity(ActivityKind.Surgery, July3, 8, ActivityUnit.Tai);
        var bad = (field, variant) switch
        {
            ("quantity", _) => good with { Quantity = variant },
            ("unit", _) => good with { Unit = ActivityUnit.Chang },
            ("attendees", _) => good with { Attendees = 30 },
            ("date", _) => good with { Date = new DateOnly(2999, 1, 1) },
            _ => good with { Kind = (ActivityKind)77 },
        };
        await (await admin.PostJsonAsync("/api/activities", bad)).FieldErrorAsync(field);
    }

    [Fact]
    public async Task An_activity_outside_its_dispatch_dates_is_refused()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2022, 7, 3), new DateOnly(2022, 7, 9), DispatchMode.ShortVisit));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2022, 7, 9), 1, ActivityUnit.Li, dispatchId: d.Id));
        var messages = await (await admin.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Surgery, new DateOnly(2022, 7, 10), 1, ActivityUnit.Li, dispatchId: d.Id)))
            .FieldErrorAsync("date");
        Assert.Contains("2022-07-09", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_kind_in_json_is_a_field_error()
    {
        var admin = await app.AdminAsync();
        var content = new StringContent("""{"partnershipId":1,"hostOrganizationId":1,"kind":"Juggling","date":"2022-07-03","quantity":1,"unit":"Ci"}""",
            System.Text.Encoding.UTF8, "application/json");
        await (await admin.PostAsync("/api/activities", content)).FieldErrorAsync("kind");
    }

    [Fact]
    public async Task A_hospital_outside_the_partnership_sees_no_activities_nor_totals()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var a = await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, July3, 8, ActivityUnit.Tai));
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/activities/{a.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutJsonAsync($"/api/activities/{a.Id}", s.Activity(ActivityKind.Surgery, July3, 1, ActivityUnit.Tai) with { Version = a.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/activities/{a.Id}")).StatusCode);
        Assert.Empty(await TotalsAsync(outsider, s.PartnershipId));
        Assert.Equal(0, (await (await outsider.GetAsync($"/api/activities?partnershipId={s.PartnershipId}")).ReadAsync<Page<ActivityDto>>()).Total);

        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        Assert.Equal(8, (await TotalsAsync(commission, s.PartnershipId)).Single().Quantity);
        Assert.Equal(HttpStatusCode.Forbidden, (await commission.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Surgery, July3, 1, ActivityUnit.Tai))).StatusCode);
    }
}
