using System.Net;
using Bangfu.Common;
using Bangfu.Features.Dispatches;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Dispatches;

public sealed class DispatchTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly DateOnly Jan1 = new(2024, 1, 1);

    [Fact]
    public async Task Creates_a_dispatch_and_lists_it_by_partnership_and_expert()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 7, 1)));
        Assert.Equal(183, d.Days);
        Assert.Equal(DispatchStatus.Ended, d.Status);
        Assert.Equal(d.EndDate, d.PlannedEndDate);

        var page = await (await admin.GetAsync($"/api/dispatches?partnershipId={s.PartnershipId}&expertId={s.ExpertId}")).ReadAsync<Page<DispatchDto>>();
        Assert.Equal(1, page.Total);
        Assert.Equal(d.Id, page.Items[0].Id);
    }

    [Fact]
    public async Task Rejects_overlapping_dispatch_of_same_expert_naming_the_conflict()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var first = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        var response = await admin.PostJsonAsync("/api/dispatches", s.Dispatch(new DateOnly(2024, 6, 30), new DateOnly(2024, 9, 30), DispatchMode.ShortVisit));
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"#{first.Id}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2024-01-01", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tours_of_one_expert_share_days_with_each_other_but_never_with_a_stationed_dispatch()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var second = await admin.CreateOrganizationAsync(region: "513423");
        var other = await admin.CreatePartnershipAsync(s.SupportingId, second.Id);
        var firstTour = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 8), DispatchMode.Tour));
        // The same days at another hospital of another partnership: a tour visits several in a day.
        var secondTour = await admin.CreateDispatchAsync(new SaveDispatchRequest(other.Id, s.ExpertId, second.Id, null, 1, DispatchMode.Tour, DispatchRole.Expert,
            new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6)));
        Assert.Equal(DispatchMode.Tour, secondTour.Mode);

        var stationed = await admin.PostJsonAsync("/api/dispatches", s.Dispatch(new DateOnly(2024, 3, 8), new DateOnly(2024, 6, 30)));
        var problem = await stationed.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"#{firstTour.Id}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var held = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30)));
        var tourInside = await admin.PostJsonAsync("/api/dispatches", new SaveDispatchRequest(other.Id, s.ExpertId, second.Id, null, 1, DispatchMode.Tour,
            DispatchRole.Expert, new DateOnly(2024, 4, 10), new DateOnly(2024, 4, 12)));
        Assert.Contains($"#{held.Id}", (await tourInside.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_work_and_cancelled_dispatches_do_not_block_the_expert()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var first = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), DispatchMode.Remote));
        var cancel = await admin.PostJsonAsync($"/api/dispatches/{first.Id}/cancel", new CancelDispatchRequest("专家因病无法成行", first.Version));
        Assert.Equal(DispatchStatus.Cancelled, (await cancel.ReadAsync<DispatchDto>()).Status);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 2, 1), new DateOnly(2024, 4, 30)));
    }

    [Fact]
    public async Task Extends_and_ends_early_keeping_the_planned_end()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 3, 31)));
        var extended = await (await admin.PostJsonAsync($"/api/dispatches/{d.Id}/extend", new ChangeDispatchEndRequest(new DateOnly(2024, 6, 30), d.Version))).ReadAsync<DispatchDto>();
        Assert.Equal(new DateOnly(2024, 6, 30), extended.EndDate);
        Assert.Equal(new DateOnly(2024, 3, 31), extended.PlannedEndDate);

        var early = await (await admin.PostJsonAsync($"/api/dispatches/{d.Id}/end-early", new ChangeDispatchEndRequest(new DateOnly(2024, 5, 15), extended.Version))).ReadAsync<DispatchDto>();
        Assert.Equal(new DateOnly(2024, 5, 15), early.EndDate);

        var wrong = await admin.PostJsonAsync($"/api/dispatches/{d.Id}/extend", new ChangeDispatchEndRequest(new DateOnly(2024, 5, 1), early.Version));
        await wrong.FieldErrorAsync("endDate");
        var stale = await admin.PostJsonAsync($"/api/dispatches/{d.Id}/extend", new ChangeDispatchEndRequest(new DateOnly(2024, 8, 1), d.Version));
        await stale.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Extension_into_another_dispatch_is_refused()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var first = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 3, 31)));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 30)));
        var response = await admin.PostJsonAsync($"/api/dispatches/{first.Id}/extend", new ChangeDispatchEndRequest(new DateOnly(2024, 5, 10), first.Version));
        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("endDate")]
    [InlineData("hostOrganizationId")]
    [InlineData("expertId")]
    [InlineData("mode")]
    public async Task Rejects_bad_dispatch_input_with_field_errors(string field)
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var outsider = await admin.CreateOrganizationAsync();
        var stranger = await admin.CreatePersonAsync(outsider.Id);
        var good = s.Dispatch(Jan1, new DateOnly(2024, 6, 30));
        var bad = field switch
        {
            "endDate" => good with { StartDate = new DateOnly(2024, 6, 30), EndDate = Jan1 },
            "hostOrganizationId" => good with { HostOrganizationId = outsider.Id, HostDepartmentId = null },
            "expertId" => good with { ExpertId = stranger.Id },
            _ => good with { Mode = (DispatchMode)99 },
        };
        await (await admin.PostJsonAsync("/api/dispatches", bad)).FieldErrorAsync(field);
    }

    [Fact]
    public async Task A_hospital_outside_the_partnership_cannot_see_or_touch_its_dispatches()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        var other = await admin.CreateOrganizationAsync();
        var outsider = await app.OrgAdminAsync(admin, other.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/dispatches/{d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutJsonAsync($"/api/dispatches/{d.Id}", s.Dispatch(Jan1, new DateOnly(2024, 5, 1)) with { Version = d.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"/api/dispatches/{d.Id}/cancel", new CancelDispatchRequest("x", d.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/dispatches/{d.Id}")).StatusCode);
        var list = await (await outsider.GetAsync($"/api/dispatches?partnershipId={s.PartnershipId}")).ReadAsync<Page<DispatchDto>>();
        Assert.Equal(0, list.Total);
        await (await outsider.PostJsonAsync("/api/dispatches", s.Dispatch(new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1)))).FieldErrorAsync("partnershipId");

        var member = await app.OrgAdminAsync(admin, s.SupportedId);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/dispatches/{d.Id}")).StatusCode);
    }

    [Fact]
    public async Task History_tells_creation_extension_early_end_and_cancellation_newest_first()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        var extended = await (await admin.PostJsonAsync($"/api/dispatches/{d.Id}/extend", new ChangeDispatchEndRequest(new DateOnly(2024, 9, 30), d.Version))).ReadAsync<DispatchDto>();
        var early = await (await admin.PostJsonAsync($"/api/dispatches/{d.Id}/end-early", new ChangeDispatchEndRequest(new DateOnly(2024, 8, 15), extended.Version))).ReadAsync<DispatchDto>();
        await (await admin.PostJsonAsync($"/api/dispatches/{d.Id}/cancel", new CancelDispatchRequest("专家因病无法成行", early.Version))).ReadAsync<DispatchDto>();

        var history = await (await admin.GetAsync($"/api/dispatches/{d.Id}/history")).ReadAsync<List<DispatchHistoryEntry>>();
        Assert.Equal([DispatchHistoryAction.Cancelled, DispatchHistoryAction.EndedEarly, DispatchHistoryAction.Extended, DispatchHistoryAction.Created],
            history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("admin", h.UserName));
        Assert.Equal("专家因病无法成行", history[0].Reason);
        var extension = Assert.Single(history[2].Changes);
        Assert.Equal(new FieldChange("EndDate", "2024-06-30", "2024-09-30"), extension);
        Assert.Equal(new FieldChange("EndDate", "2024-09-30", "2024-08-15"), Assert.Single(history[1].Changes));
        var created = history[3].Changes.ToDictionary(c => c.Field);
        Assert.Equal("2024-01-01", created["StartDate"].New);
        Assert.Null(created["StartDate"].Old);
        Assert.Equal(d.ExpertName, created["ExpertId"].New);
        Assert.Equal(d.HostOrganizationName, created["HostOrganizationId"].New);
        Assert.Equal("Stationed", created["Mode"].New);
    }

    [Fact]
    public async Task History_of_an_edit_names_old_and_new_values_and_keeps_the_deletion()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        var edited = await (await admin.PutJsonAsync($"/api/dispatches/{d.Id}", s.Dispatch(Jan1, new DateOnly(2024, 6, 30), DispatchMode.ShortVisit) with { Batch = 3, Version = d.Version })).ReadAsync<DispatchDto>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/dispatches/{d.Id}?version={edited.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/dispatches/{d.Id}")).StatusCode);

        var history = await (await admin.GetAsync($"/api/dispatches/{d.Id}/history")).ReadAsync<List<DispatchHistoryEntry>>();
        Assert.Equal([DispatchHistoryAction.Deleted, DispatchHistoryAction.Updated, DispatchHistoryAction.Created], history.Select(h => h.Action));
        var changes = history[1].Changes.ToDictionary(c => c.Field);
        Assert.Equal(new FieldChange("Mode", "Stationed", "ShortVisit"), changes["Mode"]);
        Assert.Equal(new FieldChange("Batch", "1", "3"), changes["Batch"]);
        Assert.DoesNotContain("EndDate", changes.Keys);
    }

    [Fact]
    public async Task History_is_scoped_like_the_dispatch()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var d = await admin.CreateDispatchAsync(s.Dispatch(Jan1, new DateOnly(2024, 6, 30)));
        var other = await admin.CreateOrganizationAsync();
        var outsider = await app.OrgAdminAsync(admin, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/dispatches/{d.Id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/dispatches/987654321/history")).StatusCode);
        var member = await app.OrgAdminAsync(admin, s.SupportedId);
        var history = await (await member.GetAsync($"/api/dispatches/{d.Id}/history")).ReadAsync<List<DispatchHistoryEntry>>();
        Assert.Equal(DispatchHistoryAction.Created, Assert.Single(history).Action);
    }
}
