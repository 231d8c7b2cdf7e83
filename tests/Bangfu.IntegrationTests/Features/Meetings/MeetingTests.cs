using System.Net;
using Bangfu.Features.Meetings;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Meetings;

public sealed class MeetingTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Decisions_become_action_items_listed_as_overdue_when_late()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var meeting = await (await admin.PostJsonAsync("/api/meetings", new SaveMeetingRequest(s.PartnershipId, "2022年度东西部对口支援工作视频会",
            MeetingKind.VideoConference, new DateOnly(2022, 7, 22), "双方主要领导、职能科室负责人、二季度帮扶专家", "总结上半年成果，部署下半年工作。")))
            .ReadAsync<MeetingDto>(HttpStatusCode.Created);
        var late = await (await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items",
            new SaveActionItemRequest("两年内通过二级甲等妇幼保健院评审", "医务科", new DateOnly(2024, 7, 22)))).ReadAsync<ActionItemDto>(HttpStatusCode.Created);
        Assert.True(late.IsOverdue);
        var done = await (await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items",
            new SaveActionItemRequest("优化门诊取药流程", "药房", new DateOnly(2022, 9, 30)))).ReadAsync<ActionItemDto>(HttpStatusCode.Created);
        await (await admin.PutJsonAsync($"/api/meetings/{meeting.Id}/action-items/{done.Id}",
            new SaveActionItemRequest("优化门诊取药流程", "药房", new DateOnly(2022, 9, 30), ActionItemStatus.Done, new DateOnly(2022, 9, 1), done.Version))).ReadAsync<ActionItemDto>();

        var overdue = await (await admin.GetAsync($"/api/meetings/action-items?partnershipId={s.PartnershipId}&overdue=true")).ReadAsync<IReadOnlyList<ActionItemDto>>();
        Assert.Equal([late.Id], overdue.Select(a => a.Id));
        var back = await (await admin.GetAsync($"/api/meetings/{meeting.Id}")).ReadAsync<MeetingDto>();
        Assert.Equal(2, back.ActionItems.Count);

        await (await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items",
            new SaveActionItemRequest("x", "y", new DateOnly(2022, 7, 1)))).FieldErrorAsync("dueDate");
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/meetings/{meeting.Id}")).StatusCode);
        Assert.Empty(await (await outsider.GetAsync("/api/meetings/action-items")).ReadAsync<IReadOnlyList<ActionItemDto>>());
    }

    [Fact]
    public async Task An_action_item_recorded_by_mistake_is_deleted_and_only_from_its_own_meeting()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var meeting = await (await admin.PostJsonAsync("/api/meetings", new SaveMeetingRequest(s.PartnershipId, "季度工作例会", MeetingKind.WorkMeeting,
            new DateOnly(2023, 3, 1)))).ReadAsync<MeetingDto>(HttpStatusCode.Created);
        var other = await (await admin.PostJsonAsync("/api/meetings", new SaveMeetingRequest(s.PartnershipId, "另一次例会", MeetingKind.WorkMeeting,
            new DateOnly(2023, 4, 1)))).ReadAsync<MeetingDto>(HttpStatusCode.Created);
        var keep = await (await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items",
            new SaveActionItemRequest("完善院感制度", "院感科", new DateOnly(2023, 6, 30)))).ReadAsync<ActionItemDto>(HttpStatusCode.Created);
        var wrong = await (await admin.PostJsonAsync($"/api/meetings/{meeting.Id}/action-items",
            new SaveActionItemRequest("误录事项", "医务科", new DateOnly(2023, 6, 30)))).ReadAsync<ActionItemDto>(HttpStatusCode.Created);

        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/meetings/{meeting.Id}/action-items/{wrong.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/meetings/{other.Id}/action-items/{wrong.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/meetings/{meeting.Id}/action-items/{wrong.Id}")).StatusCode);
        var back = await (await admin.GetAsync($"/api/meetings/{meeting.Id}")).ReadAsync<MeetingDto>();
        Assert.Equal([keep.Id], back.ActionItems.Select(a => a.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/meetings/{meeting.Id}/action-items/{wrong.Id}")).StatusCode);
    }
}
