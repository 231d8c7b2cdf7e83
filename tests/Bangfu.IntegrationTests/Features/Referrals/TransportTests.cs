using System.Net;
using Bangfu.Features.Referrals;
using Bangfu.Features.Transport;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class TransportTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_centre_assigns_a_vehicle_and_crew_and_its_log_moves_the_referral()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var draft = await s.Sender.CreateReferralAsync(s.Up());
        var run = await s.RequestTransportAsync(draft.Id);
        // A draft's request waits until the referral is submitted.
        var before = await (await s.Receiver.GetAsync("/api/transport/requests")).ReadAsync<List<TransportRequestItem>>();
        Assert.DoesNotContain(before, i => i.Run.Id == run.Id);
        await s.Sender.ActAsync(draft.Id, "submit");
        await s.Receiver.ActAsync(draft.Id, "accept");
        var requests = await (await s.Receiver.GetAsync("/api/transport/requests")).ReadAsync<List<TransportRequestItem>>();
        var item = Assert.Single(requests, i => i.Run.Id == run.Id);
        Assert.Equal("张小宝", item.PatientName);

        var assigned = await (await s.AssignAsync(run.Id, Day, Day.AddHours(4))).ReadAsync<TransportRunDto>();
        Assert.Equal(s.VehicleId, assigned.VehicleId);
        Assert.Equal([s.CrewId], assigned.Crew.Select(c => c.PersonId));
        // With transport, the referral's own depart step is the centre's to log.
        await s.Sender.ActAsync(draft.Id, "depart", expected: HttpStatusCode.Conflict);

        var now = DateTimeOffset.UtcNow;
        await (await s.LogAsync(run.Id, "arrived", now.AddMinutes(-50))).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.LogAsync(run.Id, "departed", now.AddMinutes(-60))).ReadAsync<TransportRunDto>();
        Assert.Equal(ReferralStatus.InTransit, (await (await s.Sender.GetAsync($"/api/referrals/{draft.Id}")).ReadAsync<ReferralDto>()).Status);
        await (await s.LogAsync(run.Id, "arrived", now.AddMinutes(-70))).FieldErrorAsync("at");
        await (await s.LogAsync(run.Id, "arrived", now.AddMinutes(-40))).ReadAsync<TransportRunDto>();
        await (await s.LogAsync(run.Id, "handed-over", now.AddMinutes(-41))).FieldErrorAsync("at");
        await (await s.LogAsync(run.Id, "handed-over", now.AddHours(2))).FieldErrorAsync("at");
        // Not before the previous step; the same second is allowed (a crew logging two steps at once on "now").
        var done = await (await s.LogAsync(run.Id, "handed-over", now.AddMinutes(-40))).ReadAsync<TransportRunDto>();
        Assert.True(done.DepartedAt < done.ArrivedAt && done.ArrivedAt == done.HandedOverAt);
        var referral = await (await s.Receiver.GetAsync($"/api/referrals/{draft.Id}")).ReadAsync<ReferralDto>();
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(run.Id, referral.Transport!.Id);
        Assert.Equal(ReferralStatus.Completed, (await s.Receiver.ActAsync(draft.Id, "complete")).Status);
    }

    [Fact]
    public async Task A_vehicle_is_never_on_two_runs_whose_windows_overlap()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var first = await s.RequestTransportAsync((await s.AcceptedAsync()).Id);
        var second = await s.RequestTransportAsync((await s.AcceptedAsync()).Id);
        await (await s.AssignAsync(first.Id, Day, Day.AddHours(4))).ReadAsync<TransportRunDto>();
        var clash = await (await s.AssignAsync(second.Id, Day.AddHours(3), Day.AddHours(6))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("#", clash["detail"]!.GetValue<string>());
        await (await s.AssignAsync(second.Id, Day.AddHours(-2), Day.AddHours(1))).ProblemAsync(HttpStatusCode.Conflict);
        // Back to back is not an overlap.
        await (await s.AssignAsync(second.Id, Day.AddHours(4), Day.AddHours(7))).ReadAsync<TransportRunDto>();
        await (await s.AssignAsync(second.Id, Day, Day.AddHours(-1))).FieldErrorAsync("plannedEnd");
    }

    [Fact]
    public async Task Two_concurrent_assignments_of_one_vehicle_cannot_both_succeed()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        for (var round = 0; round < 3; round++)
        {
            var start = Day.AddDays(10 + round);
            var a = await s.RequestTransportAsync((await s.AcceptedAsync()).Id);
            var b = await s.RequestTransportAsync((await s.AcceptedAsync()).Id);
            var responses = await Task.WhenAll(s.AssignAsync(a.Id, start, start.AddHours(3)), s.AssignAsync(b.Id, start.AddHours(1), start.AddHours(4)));
            var codes = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);
        }
    }

    [Fact]
    public async Task Only_the_centre_assigns_and_others_see_no_requests()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var run = await s.RequestTransportAsync((await s.AcceptedAsync()).Id);
        var bySender = await s.Sender.PostJsonAsync($"/api/transport/runs/{run.Id}/assign", new AssignRunRequest(s.VehicleId, [s.CrewId], Day, Day.AddHours(1)));
        Assert.Equal(HttpStatusCode.NotFound, bySender.StatusCode);
        Assert.Empty(await (await s.Third.GetAsync("/api/transport/requests")).ReadAsync<List<TransportRequestItem>>());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Third.GetAsync($"/api/transport/centres/{s.CentreId}/vehicles")).StatusCode);
        // A second request for the same referral is refused; a crew member of another organization too.
        await (await s.Sender.PostJsonAsync($"/api/referrals/{run.ReferralId}/transport",
            new RequestTransportRequest(s.CentreId, "a", "b", "c", null))).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Receiver.PostJsonAsync($"/api/transport/runs/{run.Id}/assign", new AssignRunRequest(s.VehicleId, [s.SenderPhysicianId], Day, Day.AddHours(1))))
            .FieldErrorAsync("crewIds");
    }
}
