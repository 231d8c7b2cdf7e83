using System.Net;
using Bangfu.Data;
using Bangfu.Features.Compliance;
using Bangfu.Features.Courses;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Common;

/// "No two at once" rules are checked and then written. Requests that each pass the check alone are sent together,
/// several trials in a row, so that an unserialised check lets more than one through (or fails one with a 500).
public sealed class ConcurrencyRuleTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const int AtOnce = 8;
    private const int Trials = 4;

    [Fact]
    public async Task Of_overlapping_dispatches_of_one_expert_sent_at_once_exactly_one_is_accepted()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        for (var trial = 0; trial < Trials; trial++)
        {
            var expert = (await admin.CreatePersonAsync(s.SupportingId)).Id;
            var start = new DateOnly(2019, 1, 1).AddMonths(trial);
            // Each request is its own stay, and every two of them share at least a day.
            var responses = await AtOnceAsync(i => admin.PostJsonAsync("/api/dispatches",
                s.Dispatch(start.AddDays(i), start.AddDays(i + 20), expertId: expert)));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.Dispatches.CountAsync(d => d.ExpertId == expert)));
        }
    }

    [Fact]
    public async Task Of_experts_sent_at_once_to_an_occurrence_with_one_place_exactly_one_is_assigned()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var experts = new List<int>();
        for (var i = 0; i < AtOnce; i++)
            experts.Add((await admin.CreatePersonAsync(s.SupportingId)).Id);
        for (var trial = 0; trial < Trials; trial++)
        {
            var day = await CreateExpertDayAsync(admin, s, maxExperts: 1);
            var responses = await AtOnceAsync(i => admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(day.StartDate, experts[i])));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.ExpertDayAssignments.CountAsync(a => a.ExpertDayId == day.Id)));
        }
    }

    [Fact]
    public async Task One_expert_sent_at_once_to_an_occurrence_is_assigned_once_and_the_rest_are_conflicts()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        for (var trial = 0; trial < Trials; trial++)
        {
            var day = await CreateExpertDayAsync(admin, s, maxExperts: AtOnce);
            var responses = await AtOnceAsync(_ => admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(day.StartDate, s.ExpertId)));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.ExpertDayAssignments.CountAsync(a => a.ExpertDayId == day.Id)));
        }
    }

    [Fact]
    public async Task Of_first_saves_of_a_rule_set_sent_at_once_exactly_one_is_stored_and_the_rest_are_conflicts()
    {
        var admin = await app.AdminAsync();
        for (var trial = 0; trial < Trials; trial++)
        {
            var s = await WorkLedger.SetUpAsync(admin);
            // Every caller saw the defaults (version 0), as the page shows them before the first save.
            var responses = await AtOnceAsync(i => admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules",
                new SaveRuleSetRequest(i + 1, 30, false, null, null, null, null, Version: 0)));
            await AssertExactlyOneAsync(responses, HttpStatusCode.OK);
            Assert.Equal(1, await CountAsync(db => db.ComplianceRuleSets.CountAsync(r => r.PartnershipId == s.PartnershipId)));
        }
    }

    [Fact]
    public async Task Of_one_course_cohort_sent_at_once_exactly_one_is_recorded_and_the_rest_are_conflicts()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        for (var trial = 0; trial < Trials; trial++)
        {
            var name = $"新生儿窒息复苏培训班 {trial}";
            var responses = await AtOnceAsync(_ => admin.PostJsonAsync("/api/courses",
                new SaveCourseRequest(s.PartnershipId, s.SupportingId, name, 1, new DateOnly(2018, 4, 1), new DateOnly(2018, 4, 3), Attendees: 60)));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.TrainingCourses.CountAsync(c => c.PartnershipId == s.PartnershipId && c.Name == name)));
        }
    }

    [Fact]
    public async Task Of_one_organization_added_at_once_to_an_alliance_exactly_one_becomes_a_member()
    {
        var admin = await app.AdminAsync();
        for (var trial = 0; trial < Trials; trial++)
        {
            var alliance = await admin.CreatePartnershipAsync((await admin.CreateOrganizationAsync()).Id, (await admin.CreateOrganizationAsync()).Id,
                PartnershipKind.SpecialtyAlliance);
            var org = await admin.CreateOrganizationAsync();
            var responses = await AtOnceAsync(_ => admin.PostJsonAsync($"/api/partnerships/{alliance.Id}/members",
                new SavePartyRequest(org.Id, PartyRole.Member, new DateOnly(2024, 9, 1))));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.PartnershipParties.CountAsync(p => p.PartnershipId == alliance.Id && p.OrganizationId == org.Id)));
        }
    }

    [Fact]
    public async Task Of_transport_requests_for_one_referral_sent_at_once_exactly_one_is_open()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        for (var trial = 0; trial < Trials; trial++)
        {
            var referral = await s.AcceptedAsync();
            var responses = await AtOnceAsync(_ => s.Sender.PostJsonAsync($"/api/referrals/{referral.Id}/transport",
                new RequestTransportRequest(s.CentreId, "县医院新生儿科", "省儿童医院NICU", "呼吸急促，SpO2 88%", null)));
            await AssertExactlyOneAsync(responses, HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(db => db.TransportRuns.CountAsync(t => t.ReferralId == referral.Id)));
        }
    }

    private static async Task<ExpertDayDto> CreateExpertDayAsync(HttpClient admin, LedgerSetup s, int maxExperts) =>
        await (await admin.PostJsonAsync("/api/expert-days", new SaveExpertDayRequest(s.PartnershipId, s.SupportedId, "专家工作日",
            "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", new DateOnly(2018, 6, 21), null, 1, maxExperts))).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);

    /// Starts every request before awaiting any, so that they reach the service together.
    private static async Task<HttpResponseMessage[]> AtOnceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, AtOnce).Select(async i =>
        {
            await gate.WaitAsync();
            return await send(i);
        }).ToList();
        gate.Release(AtOnce);
        return await Task.WhenAll(tasks);
    }

    private static async Task AssertExactlyOneAsync(HttpResponseMessage[] responses, HttpStatusCode winner)
    {
        var statuses = responses.Select(r => (int)r.StatusCode).OrderBy(c => c).ToList();
        Assert.True(statuses.Count(c => c == (int)winner) == 1 && statuses.Count(c => c == 409) == AtOnce - 1,
            $"expected one {(int)winner} and {AtOnce - 1} × 409, got {string.Join(", ", statuses)}");
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    private async Task<int> CountAsync(Func<AppDbContext, Task<int>> count)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().CreateDbContext();
        return await count(db);
    }
}
