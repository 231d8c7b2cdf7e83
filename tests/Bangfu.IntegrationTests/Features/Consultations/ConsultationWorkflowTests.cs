using System.Net;
using Bangfu.Features.Activities;
using Bangfu.Features.Consultations;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Consultations;

public sealed class ConsultationWorkflowTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static ConsultationActionRequest Because(ConsultationDto c, string reason) => new(c.Version, Reason: reason);

    private static async Task<ConsultationDto> ReturnedAsync(ConsultationParties p)
    {
        var c = await p.ConsultationInAsync(ConsultationState.Submitted);
        return await p.InvitedAdmin.DoAsync(c, "return", Because(c, "请补充近三天心电图"));
    }

    private static async Task<ConsultationDto> DeclinedAsync(ConsultationParties p)
    {
        var c = await p.ConsultationInAsync(ConsultationState.Submitted);
        return await p.InvitedAdmin.DoAsync(c, "decline", Because(c, "本院无该专科"));
    }

    private static async Task<ConsultationDto> CancelledAsync(ConsultationParties p)
    {
        var c = await p.CreateConsultationAsync();
        return await p.Requester.DoAsync(c, "cancel", Because(c, "患者已转院"));
    }

    [Fact]
    public async Task The_main_path_runs_from_request_to_rating_and_every_change_is_in_the_history()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Filed);
        c = await p.Requester.DoAsync(c, "rate", new ConsultationActionRequest(c.Version, Rating: 5, Comment: "意见明确，及时"));

        Assert.Equal(ConsultationState.Filed, c.State);
        Assert.Equal(5, c.Rating);
        Assert.Equal(p.Consultant.Name, c.ConsultantName);
        Assert.Equal(p.Consultant.Name, c.SignedByName);
        Assert.NotNull(c.SignedAt);
        Assert.NotNull(c.FiledAt);
        Assert.NotNull(c.SessionStartedAt);
        Assert.NotNull(c.SessionEndedAt);
        Assert.Equal(
            [
                (ConsultationAction.Create, ConsultationState.Draft, ConsultationState.Draft),
                (ConsultationAction.Submit, ConsultationState.Draft, ConsultationState.Submitted),
                (ConsultationAction.Accept, ConsultationState.Submitted, ConsultationState.Accepted),
                (ConsultationAction.Schedule, ConsultationState.Accepted, ConsultationState.Scheduled),
                (ConsultationAction.StartSession, ConsultationState.Scheduled, ConsultationState.InSession),
                (ConsultationAction.EndSession, ConsultationState.InSession, ConsultationState.SessionEnded),
                (ConsultationAction.SignOpinion, ConsultationState.SessionEnded, ConsultationState.OpinionSigned),
                (ConsultationAction.File, ConsultationState.OpinionSigned, ConsultationState.Filed),
                (ConsultationAction.Rate, ConsultationState.Filed, ConsultationState.Filed),
            ],
            c.Events.Select(e => (e.Action, e.From, e.To)).ToArray());
        Assert.All(c.Events, e => Assert.False(string.IsNullOrEmpty(e.UserName)));
        Assert.Empty(c.AllowedActions);

        // The signed opinion counts once in the partnership's work ledger: a remote consultation hosted by the inviting side.
        Assert.NotNull(c.ActivityId);
        var activity = await (await p.Requester.GetAsync($"/api/activities/{c.ActivityId}")).ReadAsync<ActivityDto>();
        Assert.Equal(ActivityKind.RemoteConsultation, activity.Kind);
        Assert.Equal(ActivityUnit.Li, activity.Unit);
        Assert.Equal(1, activity.Quantity);
        Assert.True(activity.IsOnline);
        Assert.Equal(p.Inviting.Id, activity.HostOrganizationId);
        Assert.Equal(p.Consultant.Id, activity.ExpertId);
        Assert.Equal(p.Partnership.Id, activity.PartnershipId);

        // A second rating is refused.
        var again = await p.Requester.ActAsync(c, "rate", new ConsultationActionRequest(c.Version, Rating: 3));
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_returned_request_is_completed_and_resubmitted_and_the_reason_is_kept()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Submitted);
        await (await p.InvitedAdmin.ActAsync(c, "return", new ConsultationActionRequest(c.Version))).FieldErrorAsync("reason");
        c = await p.InvitedAdmin.DoAsync(c, "return", Because(c, "请补充近三天心电图"));
        Assert.Equal(ConsultationState.Returned, c.State);
        Assert.Empty(c.AllowedActions); // the invited side waits
        Assert.Equal([ConsultationAction.Submit, ConsultationAction.Cancel],
            (await (await p.Requester.GetAsync($"/api/consultations/{c.Id}")).ReadAsync<ConsultationDto>()).AllowedActions);
        var edited = await p.Requester.PutJsonAsync($"/api/consultations/{c.Id}",
            ConsultationData.NewRequest(p.Invited.Id, p.Partnership.Id, idNumber: null, version: c.Version) with { CaseSummary = "已补充心电图：V1–V4 ST段抬高。" });
        c = await edited.ReadAsync<ConsultationDto>();
        Assert.Equal("已补充心电图：V1–V4 ST段抬高。", c.CaseSummary);
        Assert.Equal("510**************0", c.Patient.IdNumberMasked); // an empty number on edit keeps the stored one
        c = await p.Requester.DoAsync(c, "submit");
        Assert.Equal(ConsultationState.Submitted, c.State);
        var returned = Assert.Single(c.Events, e => e.Action == ConsultationAction.Return);
        Assert.Equal("请补充近三天心电图", returned.Reason);
        Assert.Equal((ConsultationState.Submitted, ConsultationState.Returned), (returned.From, returned.To));
        c = await p.InvitedAdmin.DoAsync(c, "accept");
        Assert.Equal(ConsultationState.Accepted, c.State);
    }

    [Fact]
    public async Task A_request_may_be_declined_with_a_reason_and_a_slot_moved_before_the_session()
    {
        var p = await app.ConsultationPartiesAsync();
        var declined = await DeclinedAsync(p);
        Assert.Equal(ConsultationState.Declined, declined.State);
        Assert.Equal("本院无该专科", declined.Events[^1].Reason);
        Assert.Empty(declined.AllowedActions);

        var c = await p.ConsultationInAsync(ConsultationState.Scheduled);
        var moved = new ConsultationActionRequest(c.Version, Start: DateTimeOffset.UtcNow.AddDays(1), End: DateTimeOffset.UtcNow.AddDays(1).AddHours(1), ConsultantId: p.Consultant.Id);
        c = await p.InvitedAdmin.DoAsync(c, "schedule", moved);
        Assert.Equal(ConsultationState.Scheduled, c.State);
        Assert.Equal(moved.Start!.Value.ToUnixTimeSeconds(), c.ScheduledStart!.Value.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData(ConsultationState.Draft)]
    [InlineData(ConsultationState.Submitted)]
    [InlineData(ConsultationState.Returned)]
    [InlineData(ConsultationState.Accepted)]
    [InlineData(ConsultationState.Scheduled)]
    public async Task The_inviting_side_cancels_before_the_session(ConsultationState state)
    {
        var p = await app.ConsultationPartiesAsync();
        var c = state switch
        {
            ConsultationState.Returned => await ReturnedAsync(p),
            _ => await p.ConsultationInAsync(state),
        };
        await (await p.Requester.ActAsync(c, "cancel")).FieldErrorAsync("reason");
        c = await p.Requester.DoAsync(c, "cancel", Because(c, "患者已转院"));
        Assert.Equal(ConsultationState.Cancelled, c.State);
        Assert.Equal((state, ConsultationState.Cancelled), (c.Events[^1].From, c.Events[^1].To));
    }

    [Theory]
    [InlineData(ConsultationState.Draft, "requester", "file", "草稿")]
    [InlineData(ConsultationState.Submitted, "requester", "submit", "已提交")]
    [InlineData(ConsultationState.Returned, "invited", "accept", "已退回补充资料")]
    [InlineData(ConsultationState.Declined, "requester", "submit", "已拒绝")]
    [InlineData(ConsultationState.Accepted, "invited", "session/start", "已受理")]
    [InlineData(ConsultationState.Scheduled, "consultant", "opinion", "已排期")]
    [InlineData(ConsultationState.InSession, "requester", "cancel", "会诊中")]
    [InlineData(ConsultationState.SessionEnded, "requester", "file", "待出具意见")]
    [InlineData(ConsultationState.OpinionSigned, "requester", "cancel", "意见已签署")]
    [InlineData(ConsultationState.Filed, "invited", "opinion", "已归档")]
    [InlineData(ConsultationState.Cancelled, "requester", "submit", "已取消")]
    public async Task An_action_the_table_does_not_allow_is_a_conflict_naming_the_state(ConsultationState state, string who, string action, string stateText)
    {
        var p = await app.ConsultationPartiesAsync();
        var c = state switch
        {
            ConsultationState.Returned => await ReturnedAsync(p),
            ConsultationState.Declined => await DeclinedAsync(p),
            ConsultationState.Cancelled => await CancelledAsync(p),
            _ => await p.ConsultationInAsync(state),
        };
        var client = who switch { "requester" => p.Requester, "invited" => p.InvitedAdmin, _ => p.ConsultantClient };
        var response = await client.ActAsync(c, action, new ConsultationActionRequest(c.Version, Reason: "原因", Opinion: "意见", Rating: 4,
            Start: DateTimeOffset.UtcNow.AddHours(1), End: DateTimeOffset.UtcNow.AddHours(2), ConsultantId: p.Consultant.Id));
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(stateText, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var after = await (await p.Requester.GetAsync($"/api/consultations/{c.Id}")).ReadAsync<ConsultationDto>();
        Assert.Equal(state, after.State);
        Assert.Equal(c.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task Each_side_takes_only_its_own_actions_and_a_stale_version_is_refused()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Submitted);
        await (await p.Requester.ActAsync(c, "accept")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await p.InvitedAdmin.ActAsync(c, "cancel", Because(c, "x"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await p.InvitedAdmin.ActAsync(c, "accept", new ConsultationActionRequest(c.Version - 1))).ProblemAsync(HttpStatusCode.Conflict);
        await (await p.InvitedAdmin.PutJsonAsync($"/api/consultations/{c.Id}", ConsultationData.NewRequest(p.Invited.Id, null, version: c.Version)))
            .ProblemAsync(HttpStatusCode.Forbidden);

        var ended = await p.ConsultationInAsync(ConsultationState.SessionEnded);
        // The consultant has an account, so only the consultant signs; the invited administrator may not sign for them.
        await (await p.InvitedAdmin.ActAsync(ended, "opinion", new ConsultationActionRequest(ended.Version, Opinion: "代签"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await p.ConsultantClient.ActAsync(ended, "opinion", new ConsultationActionRequest(ended.Version))).FieldErrorAsync("opinion");
        var signed = await p.ConsultantClient.DoAsync(ended, "opinion", new ConsultationActionRequest(ended.Version, Opinion: "建议冠脉造影。"));
        await (await p.InvitedAdmin.ActAsync(signed, "file")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_administrator_records_the_signature_of_a_consultant_without_an_account_and_without_a_partnership_no_ledger_row_is_written()
    {
        var p = await app.ConsultationPartiesAsync();
        var noAccount = await p.Admin.CreateConsultantAsync(p.Invited.Id, "110000000000002", new DateOnly(2015, 1, 1));
        var created = await p.Requester.PostJsonAsync("/api/consultations", ConsultationData.NewRequest(p.Invited.Id, null));
        var c = await created.ReadAsync<ConsultationDto>(HttpStatusCode.Created);
        c = await p.Requester.DoAsync(c, "submit");
        c = await p.InvitedAdmin.DoAsync(c, "accept");
        c = await p.InvitedAdmin.DoAsync(c, "schedule", ConsultationData.Slot(c, noAccount.Id));
        c = await p.InvitedAdmin.DoAsync(c, "session/start", new ConsultationActionRequest(c.Version, At: DateTimeOffset.UtcNow.AddMinutes(-30)));
        await (await p.InvitedAdmin.ActAsync(c, "session/end", new ConsultationActionRequest(c.Version, At: DateTimeOffset.UtcNow.AddMinutes(-40)))).FieldErrorAsync("at");
        await (await p.InvitedAdmin.ActAsync(c, "session/end", new ConsultationActionRequest(c.Version, At: DateTimeOffset.UtcNow.AddHours(1)))).FieldErrorAsync("at");
        c = await p.InvitedAdmin.DoAsync(c, "session/end");
        c = await p.InvitedAdmin.DoAsync(c, "opinion", new ConsultationActionRequest(c.Version, Opinion: "随访。"));
        Assert.Equal(ConsultationState.OpinionSigned, c.State);
        Assert.Equal(noAccount.Name, c.SignedByName);
        Assert.Null(c.ActivityId);
    }

    [Fact]
    public async Task A_request_is_checked_field_by_field()
    {
        var p = await app.ConsultationPartiesAsync();
        var good = ConsultationData.NewRequest(p.Invited.Id, p.Partnership.Id);
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { Purpose = " " })).FieldErrorAsync("purpose");
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { InvitedOrganizationId = p.Inviting.Id })).FieldErrorAsync("invitedOrganizationId");
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { Patient = good.Patient! with { IdNumber = "510104199001011231" } })).FieldErrorAsync("patient.idNumber");
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { Consent = good.Consent! with { ContentExplained = false } })).FieldErrorAsync("consent.contentExplained");
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { Consent = good.Consent! with { FeeExplained = false } })).FieldErrorAsync("consent.feeExplained");
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { Consent = good.Consent! with { Relation = null } })).FieldErrorAsync("consent.relation");
        var stranger = await p.Admin.CreateOrganizationAsync();
        var outside = await p.Admin.CreatePartnershipAsync(stranger.Id, p.Inviting.Id);
        await (await p.Requester.PostJsonAsync("/api/consultations", good with { PartnershipId = outside.Id })).FieldErrorAsync("partnershipId");
    }

    /// The consultant writes the opinion during the session and after it, saving as they go; only the invited side reads
    /// the draft, and signing without sending text signs the draft.
    [Fact]
    public async Task The_consultant_keeps_an_unsigned_opinion_that_only_the_invited_side_reads()
    {
        var p = await app.ConsultationPartiesAsync();
        var c = await p.ConsultationInAsync(ConsultationState.Scheduled);
        string Draft(ConsultationDto x) => $"/api/consultations/{x.Id}/opinion-draft";
        await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest("太早", c.Version))).ProblemAsync(HttpStatusCode.Conflict);

        c = await p.ConsultantClient.DoAsync(c, "session/start", new ConsultationActionRequest(c.Version));
        var saved = await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest("  右眼白内障，建议择期手术。 ", c.Version))).ReadAsync<ConsultationDto>();
        Assert.Equal(("右眼白内障，建议择期手术。", true), (saved.OpinionDraft, saved.CanDraftOpinion));
        await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest("旧版本", c.Version))).ProblemAsync(HttpStatusCode.Conflict);
        await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest("无版本"))).FieldErrorAsync("version");
        await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest(new string('长', 8001), saved.Version))).FieldErrorAsync("opinion");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await p.Requester.PutJsonAsync(Draft(c), new OpinionDraftRequest("邀请方", saved.Version))).StatusCode);

        var seenByInviting = await (await p.Requester.GetAsync($"/api/consultations/{c.Id}")).ReadAsync<ConsultationDto>();
        Assert.Equal((null, null, false), (seenByInviting.OpinionDraft, seenByInviting.Opinion, seenByInviting.CanDraftOpinion));

        c = await p.ConsultantClient.DoAsync(saved, "session/end", new ConsultationActionRequest(saved.Version));
        var signed = await p.ConsultantClient.DoAsync(c, "opinion", new ConsultationActionRequest(c.Version));
        Assert.Equal(("右眼白内障，建议择期手术。", null, false), (signed.Opinion, signed.OpinionDraft, signed.CanDraftOpinion));
        await (await p.ConsultantClient.PutJsonAsync(Draft(c), new OpinionDraftRequest("签署之后", signed.Version))).ProblemAsync(HttpStatusCode.Conflict);
    }
}
