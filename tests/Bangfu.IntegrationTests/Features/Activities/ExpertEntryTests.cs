using System.Net;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.Features.Activities;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Activities;

public sealed class ExpertEntryTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private async Task<(LedgerSetup Setup, HttpClient Admin, HttpClient Expert)> ExpertAsync()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        return (s, admin, await app.ExpertAsync(admin, s.SupportingId, s.ExpertId));
    }

    [Fact]
    public async Task An_expert_records_work_as_themself_and_sees_only_their_own_entries()
    {
        var (s, admin, expert) = await ExpertAsync();
        var own = await expert.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 3, 5), 1, ActivityUnit.Ci) with { ExpertId = null });
        Assert.Equal(s.ExpertId, own.ExpertId);

        var colleague = await admin.CreatePersonAsync(s.SupportingId);
        var theirs = await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 3, 6), 1, ActivityUnit.Chang, 20) with { ExpertId = colleague.Id });
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/api/activities/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.DeleteAsync($"/api/activities/{theirs.Id}")).StatusCode);
        var listed = await (await expert.GetAsync($"/api/activities?partnershipId={s.PartnershipId}")).ReadAsync<Page<ActivityDto>>();
        Assert.Equal([own.Id], listed.Items.Select(a => a.Id));

        await (await expert.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Lecture, new DateOnly(2024, 3, 6), 1, ActivityUnit.Chang) with { ExpertId = colleague.Id }))
            .FieldErrorAsync("expertId");
        var corrected = await expert.PutJsonAsync($"/api/activities/{own.Id}", s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 3, 5), 2, ActivityUnit.Ci) with { Version = own.Version });
        Assert.Equal(2, (await corrected.ReadAsync<ActivityDto>()).Quantity);
    }

    [Fact]
    public async Task An_expert_cannot_plan_dispatches_nor_log_for_a_partnership_of_another_hospital()
    {
        var (s, admin, expert) = await ExpertAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.PostJsonAsync("/api/dispatches", s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)))).StatusCode);
        var other = await WorkLedger.SetUpAsync(admin);
        await (await expert.PostJsonAsync("/api/activities", other.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 5), 1, ActivityUnit.Tai) with { ExpertId = null }))
            .FieldErrorAsync("partnershipId");
    }

    [Fact]
    public async Task An_expert_account_without_a_person_record_cannot_log()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await app.UserAsync(admin, Roles.Expert, s.SupportingId);
        await (await expert.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 5), 1, ActivityUnit.Tai)))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }
}
