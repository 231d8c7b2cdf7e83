using System.Net;
using Bangfu.Common;
using Bangfu.Features.Referrals;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class ReferralFlowTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Every_legal_step_moves_the_referral_and_is_recorded_with_who_when_and_from_to()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        Assert.Equal(ReferralStatus.Draft, r.Status);
        Assert.Equal([ReferralAction.Submit, ReferralAction.Cancel], r.AllowedActions);
        Assert.Equal(ReferralStatus.Submitted, (await s.Sender.ActAsync(r.Id, "submit")).Status);
        var accepted = await s.Receiver.ActAsync(r.Id, "accept", "床位已备");
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);
        Assert.Equal(ReferralStatus.InTransit, (await s.Sender.ActAsync(r.Id, "depart")).Status);
        Assert.Equal(ReferralStatus.Received, (await s.Receiver.ActAsync(r.Id, "receive")).Status);
        var done = await s.Receiver.ActAsync(r.Id, "complete");
        Assert.Equal(ReferralStatus.Completed, done.Status);
        Assert.NotNull(done.ReceivedAt);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(
            [(null, ReferralStatus.Draft), (ReferralStatus.Draft, ReferralStatus.Submitted), (ReferralStatus.Submitted, ReferralStatus.Accepted),
             (ReferralStatus.Accepted, ReferralStatus.InTransit), (ReferralStatus.InTransit, ReferralStatus.Received), (ReferralStatus.Received, ReferralStatus.Completed)],
            done.Transitions.Select(t => ((ReferralStatus?)t.FromStatus, t.ToStatus)));
        Assert.Equal("床位已备", done.Transitions[2].Reason);
        Assert.All(done.Transitions, t => Assert.False(string.IsNullOrEmpty(t.By)));
        Assert.Empty(done.AllowedActions);
    }

    /// The sender is the caller's own hospital: a form that leaves fromOrganizationId out is not an error.
    [Fact]
    public async Task A_referral_without_a_sender_field_is_the_callers_own()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var created = await s.Sender.CreateReferralAsync(s.Up() with { FromOrganizationId = null });
        Assert.Equal(s.SenderId, created.FromOrganizationId);
        await (await s.Sender.PostJsonAsync("/api/referrals", s.Up() with { FromOrganizationId = s.ThirdId })).FieldErrorAsync("fromOrganizationId");
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_flow()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        await s.Sender.ActAsync(r.Id, "submit");
        await (await s.Receiver.PostJsonAsync($"/api/referrals/{r.Id}/reject", new ReferralActionRequest())).FieldErrorAsync("reason");
        var rejected = await s.Receiver.ActAsync(r.Id, "reject", "NICU床位已满，建议转山西省儿童医院");
        Assert.Equal(ReferralStatus.Rejected, rejected.Status);
        Assert.Equal("NICU床位已满，建议转山西省儿童医院", rejected.RejectionReason);
        await s.Receiver.ActAsync(r.Id, "accept", expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_sender_cancels_before_the_patient_leaves_but_not_after()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var draft = await s.Sender.CreateReferralAsync(s.Up());
        Assert.Equal(ReferralStatus.Cancelled, (await s.Sender.ActAsync(draft.Id, "cancel")).Status);
        var accepted = await s.AcceptedAsync();
        Assert.Equal(ReferralStatus.Cancelled, (await s.Sender.ActAsync(accepted.Id, "cancel", "家属要求就近治疗")).Status);
        var moving = await s.AcceptedAsync();
        await s.Sender.ActAsync(moving.Id, "depart");
        await s.Sender.ActAsync(moving.Id, "cancel", expected: HttpStatusCode.Conflict);
        // The receiver cannot cancel the sender's referral.
        var other = await s.AcceptedAsync();
        await s.Receiver.ActAsync(other.Id, "cancel", expected: HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Illegal_steps_are_409_naming_the_current_state_in_both_languages()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.Sender.CreateReferralAsync(s.Up());
        var zh = await (await s.Receiver.PostJsonAsync($"/api/referrals/{r.Id}/accept", new ReferralActionRequest())).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("草稿", zh["detail"]!.GetValue<string>());
        s.Receiver.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await (await s.Receiver.PostJsonAsync($"/api/referrals/{r.Id}/complete", new ReferralActionRequest())).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("draft", en["detail"]!.GetValue<string>());
        await s.Sender.ActAsync(r.Id, "submit");
        await s.Sender.ActAsync(r.Id, "submit", expected: HttpStatusCode.Conflict);
        await s.Sender.ActAsync(r.Id, "depart", expected: HttpStatusCode.Conflict);
        await s.Receiver.ActAsync(r.Id, "receive", expected: HttpStatusCode.Conflict);
        // A legal step taken by the wrong side is refused as forbidden, not as a state conflict.
        await s.Sender.ActAsync(r.Id, "accept", expected: HttpStatusCode.Forbidden);
        // The form changes only while it is a draft.
        var edit = await s.Sender.PutJsonAsync($"/api/referrals/{r.Id}", s.Up() with { Version = r.Version });
        await edit.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_back_referral_goes_the_other_way_and_both_show_the_link()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var r = await s.AcceptedAsync();
        var early = await s.Receiver.PostJsonAsync($"/api/referrals/{r.Id}/back-referral", new BackReferralRequest(s.ReceiverPhysicianId, "病情稳定"));
        await early.ProblemAsync(HttpStatusCode.Conflict);
        await s.Sender.ActAsync(r.Id, "depart");
        await s.Receiver.ActAsync(r.Id, "receive");
        await (await s.Sender.PostJsonAsync($"/api/referrals/{r.Id}/back-referral", new BackReferralRequest(s.SenderPhysicianId, "x")))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var back = await (await s.Receiver.PostJsonAsync($"/api/referrals/{r.Id}/back-referral", new BackReferralRequest(s.ReceiverPhysicianId, "病情稳定，回当地继续治疗")))
            .ReadAsync<ReferralDto>(HttpStatusCode.Created);
        Assert.Equal(ReferralDirection.Down, back.Direction);
        Assert.Equal(ReferralStatus.Draft, back.Status);
        Assert.Equal(s.ReceiverId, back.FromOrganizationId);
        Assert.Equal(s.SenderId, back.ToOrganizationId);
        Assert.Equal(r.Id, back.OriginalReferralId);
        Assert.Equal(r.Patient.Name, back.Patient.Name);
        var original = await (await s.Sender.GetAsync($"/api/referrals/{r.Id}")).ReadAsync<ReferralDto>();
        Assert.Equal([back.Id], original.BackReferralIds);
        // The sender of the original sees the back-referral only once it is submitted into its queue.
        var queue = await (await s.Sender.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>();
        Assert.DoesNotContain(queue.Items, i => i.Id == back.Id);
        // A down-referral is submitted only with the treatment given and the plan filled in.
        await (await s.Receiver.PostJsonAsync($"/api/referrals/{back.Id}/submit", new ReferralActionRequest())).FieldErrorAsync("treatmentGiven");
        var filled = s.Down() with { FromOrganizationId = s.ReceiverId, ToOrganizationId = s.SenderId, SigningPhysicianId = s.ReceiverPhysicianId, Version = back.Version };
        await (await s.Receiver.PutJsonAsync($"/api/referrals/{back.Id}", filled)).ReadAsync<ReferralDto>();
        Assert.Equal(ReferralStatus.Submitted, (await s.Receiver.ActAsync(back.Id, "submit")).Status);
        queue = await (await s.Sender.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>();
        Assert.Contains(queue.Items, i => i.Id == back.Id && i.OriginalReferralId == r.Id);
    }

    [Fact]
    public async Task The_incoming_queue_lists_urgent_first_then_newest_and_the_sender_sees_its_outgoing()
    {
        var admin = await app.AdminAsync();
        var s = await app.SetUpReferralsAsync(admin);
        var ids = new List<int>();
        foreach (var priority in new[] { ReferralPriority.Routine, ReferralPriority.Urgent, ReferralPriority.Routine, ReferralPriority.Urgent })
        {
            var r = await s.Sender.CreateReferralAsync(s.Up(priority: priority));
            await s.Sender.ActAsync(r.Id, "submit");
            ids.Add(r.Id);
        }
        var draft = await s.Sender.CreateReferralAsync(s.Up());
        var queue = await (await s.Receiver.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>();
        Assert.Equal([ids[3], ids[1], ids[2], ids[0]], queue.Items.Select(i => i.Id));
        var outgoing = await (await s.Sender.GetAsync("/api/referrals/outgoing")).ReadAsync<Page<ReferralListItem>>();
        Assert.Equal(5, outgoing.Total);
        Assert.Contains(outgoing.Items, i => i.Id == draft.Id);
        Assert.Equal(0, (await (await s.Third.GetAsync("/api/referrals/incoming")).ReadAsync<Page<ReferralListItem>>()).Total);
    }
}
