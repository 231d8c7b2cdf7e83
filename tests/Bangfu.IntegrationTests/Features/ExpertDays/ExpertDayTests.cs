using System.Net;
using Bangfu.Features.ExpertDays;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.ExpertDays;

public sealed class ExpertDayTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveExpertDayRequest Monthly(LedgerSetup s, DateOnly start) =>
        new(s.PartnershipId, s.SupportedId, "中心医院专家工作日", "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", start, null, 3, 5);

    [Fact]
    public async Task Occurrences_for_2018_are_the_twelve_third_thursdays()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var day = await (await admin.PostJsonAsync("/api/expert-days", Monthly(s, new DateOnly(2018, 1, 1)))).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);
        var occurrences = await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from=2018-01-01&to=2018-12-31")).ReadAsync<IReadOnlyList<Occurrence>>();
        Assert.Equal(12, occurrences.Count);
        Assert.All(occurrences, o =>
        {
            Assert.Equal(DayOfWeek.Thursday, o.Date.DayOfWeek);
            Assert.InRange(o.Date.Day, 15, 21);
        });
        Assert.Equal(new DateOnly(2018, 6, 21), occurrences[5].Date);
    }

    [Fact]
    public async Task An_occurrence_with_too_few_experts_is_flagged_until_staffed()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var day = await (await admin.PostJsonAsync("/api/expert-days", Monthly(s, new DateOnly(2018, 6, 1)))).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);
        var june = new DateOnly(2018, 6, 21);
        var experts = new List<int> { s.ExpertId };
        for (var i = 0; i < 5; i++)
            experts.Add((await admin.CreatePersonAsync(s.SupportingId)).Id);

        for (var i = 0; i < 2; i++)
            await (await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(june, experts[i]))).ReadAsync<AssignedExpert>(HttpStatusCode.Created);
        var first = (await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from=2018-06-01&to=2018-07-31")).ReadAsync<IReadOnlyList<Occurrence>>())[0];
        Assert.True(first.IsUnderstaffed);
        Assert.Equal(2, first.Experts.Count);

        for (var i = 2; i < 5; i++)
            await (await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(june, experts[i]))).ReadAsync<AssignedExpert>(HttpStatusCode.Created);
        var full = await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(june, experts[5]));
        await full.ProblemAsync(HttpStatusCode.Conflict);
        var twice = await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(june, experts[0]));
        await twice.ProblemAsync(HttpStatusCode.Conflict);
        var notADay = await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(new DateOnly(2018, 6, 22), experts[5]));
        await notADay.FieldErrorAsync("date");

        var occurrences = await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from=2018-06-01&to=2018-07-31")).ReadAsync<IReadOnlyList<Occurrence>>();
        Assert.False(occurrences[0].IsUnderstaffed);
        Assert.True(occurrences[1].IsUnderstaffed);
    }

    [Theory]
    [InlineData("FREQ=SOMETIMES")]
    [InlineData("every third thursday")]
    [InlineData("FREQ=MINUTELY")]
    public async Task Rejects_a_rule_that_is_not_a_valid_rrule(string rule)
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await (await admin.PostJsonAsync("/api/expert-days", Monthly(s, new DateOnly(2018, 1, 1)) with { RecurrenceRule = rule })).FieldErrorAsync("recurrenceRule");
    }

    [Fact]
    public async Task Rejects_more_minimum_than_maximum_experts_and_outsiders()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        await (await admin.PostJsonAsync("/api/expert-days", Monthly(s, new DateOnly(2018, 1, 1)) with { MinExperts = 6 })).FieldErrorAsync("maxExperts");
        var day = await (await admin.PostJsonAsync("/api/expert-days", Monthly(s, new DateOnly(2018, 1, 1)))).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/expert-days/{day.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/expert-days/{day.Id}/occurrences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(new DateOnly(2018, 6, 21), s.ExpertId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/expert-days/{day.Id}")).StatusCode);
    }
}
