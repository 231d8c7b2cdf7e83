using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Activities;

public sealed class EntryCorrectionTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly March5 = new(2024, 3, 5);

    private static async Task<int> CountAsync(HttpClient client, int partnershipId) =>
        (await (await client.GetAsync($"/api/activities?partnershipId={partnershipId}")).ReadAsync<Page<ActivityDto>>()).Total;

    [Fact]
    public async Task A_repeat_with_the_same_entry_key_answers_the_first_row_even_when_both_arrive_at_once()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        var entry = s.Activity(ActivityKind.Surgery, March5, 2, ActivityUnit.Tai) with { ExpertId = null, EntryKey = Guid.NewGuid().ToString() };
        var first = await expert.CreateActivityAsync(entry);
        var again = await expert.CreateActivityAsync(entry);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await CountAsync(admin, s.PartnershipId));

        var twin = entry with { EntryKey = Guid.NewGuid().ToString() };
        var both = await Task.WhenAll(expert.CreateActivityAsync(twin), expert.CreateActivityAsync(twin));
        Assert.Equal(both[0].Id, both[1].Id);
        Assert.Equal(2, await CountAsync(admin, s.PartnershipId));
    }

    [Fact]
    public async Task An_expert_edits_and_withdraws_own_entries_in_an_open_month_only_and_never_another_s()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        var own = await expert.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, March5, 1, ActivityUnit.Ci) with { ExpertId = null });
        var other = await expert.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, March5.AddDays(1), 1, ActivityUnit.Ci) with { ExpertId = null });
        var edited = await (await expert.PutJsonAsync($"/api/activities/{own.Id}", s.Activity(ActivityKind.TeachingRound, March5, 3, ActivityUnit.Ci) with { ExpertId = null, Version = own.Version }))
            .ReadAsync<ActivityDto>();
        Assert.Equal(3, edited.Quantity);
        Assert.Equal(HttpStatusCode.NoContent, (await expert.DeleteAsync($"/api/activities/{own.Id}?version={edited.Version}")).StatusCode);

        var colleague = await admin.CreatePersonAsync(s.SupportingId);
        var theirs = await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, March5, 1, ActivityUnit.Chang) with { ExpertId = colleague.Id });
        Assert.Equal(HttpStatusCode.NotFound, (await expert.PutJsonAsync($"/api/activities/{theirs.Id}", s.Activity(ActivityKind.Lecture, March5, 2, ActivityUnit.Chang) with { Version = theirs.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.DeleteAsync($"/api/activities/{theirs.Id}")).StatusCode);

        await (await admin.PostJsonAsync($"/api/partnerships/{s.PartnershipId}/closed-months", new CloseMonthsRequest("2024-03", null))).ReadAsync<IReadOnlyList<ClosedMonthDto>>();
        await (await expert.PutJsonAsync($"/api/activities/{other.Id}", s.Activity(ActivityKind.TeachingRound, March5.AddDays(1), 2, ActivityUnit.Ci) with { ExpertId = null, Version = other.Version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await expert.DeleteAsync($"/api/activities/{other.Id}?version={other.Version}")).StatusCode);
        Assert.Equal(1, await CountAsync(expert, s.PartnershipId));
    }

    [Fact]
    public async Task A_coordinator_s_correction_keeps_its_reason_in_the_activity_history()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        var coordinator = await app.OrgAdminAsync(admin, s.SupportingId);
        var entry = await expert.CreateActivityAsync(s.Activity(ActivityKind.Surgery, March5, 20, ActivityUnit.Tai) with { ExpertId = null });
        await (await coordinator.PutJsonAsync($"/api/activities/{entry.Id}", s.Activity(ActivityKind.Surgery, March5, 2, ActivityUnit.Tai)
            with
        { Version = entry.Version, Reason = "多打了一个0" })).ReadAsync<ActivityDto>();

        var history = await (await coordinator.GetAsync($"/api/activities/{entry.Id}/history")).ReadAsync<IReadOnlyList<ActivityChangeDto>>();
        Assert.Equal(["Created", "Updated"], history.Select(h => h.Action));
        Assert.Null(history[0].Reason);
        Assert.Equal("多打了一个0", history[1].Reason);
        Assert.Contains("\"Quantity\":\"20\"", history[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"Quantity\":\"2\"", history[1].After, StringComparison.Ordinal);
        Assert.NotEqual(history[0].UserName, history[1].UserName);
        var outsider = await app.OrgAdminAsync(admin, (await WorkLedger.SetUpAsync(admin)).SupportingId);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/activities/{entry.Id}/history")).StatusCode);
    }
}
