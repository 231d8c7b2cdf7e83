using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Meetings;

public sealed class MeetingScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EastWest = "东西部对口帮扶：吴忠市妇幼保健院";

    [Fact]
    public async Task Overdue_action_item_of_the_2022_video_conference_is_marked()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);

        var meeting = list.Meeting("2022-07-22");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);
        await Assertions.Expect(meeting).ToContainTextAsync("视频会");
        var item = meeting.GetByTestId("action-row").Filter(new() { HasText = "两年内通过二级甲等妇幼保健院评审" });
        await Assertions.Expect(item.GetByTestId("action-overdue")).ToHaveTextAsync("逾期");
        var done = meeting.GetByTestId("action-row").Filter(new() { HasText = "新上项目派专业人员来院进修" });
        await Assertions.Expect(done.GetByTestId("action-overdue")).ToHaveCountAsync(0);
        await Assertions.Expect(done.GetByTestId("action-status")).ToHaveTextAsync("已办结");
    }

    [Fact]
    public async Task A_new_meeting_gets_an_action_item_that_is_then_marked_done()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);

        await list.AddMeetingAsync("测试工作例会");
        var meeting = list.Meeting("测试工作例会");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);

        await list.AddItemAsync(meeting, "测试议定事项", "医务处");
        var item = meeting.GetByTestId("action-row").Filter(new() { HasText = "测试议定事项" });
        await Assertions.Expect(item).ToHaveCountAsync(1);

        await item.GetByTestId("action-done").ClickAsync();
        await Assertions.Expect(item.GetByTestId("action-done")).ToHaveCountAsync(0);
        await Assertions.Expect(item.GetByTestId("action-status")).ToHaveTextAsync("已办结");
    }

    [Fact]
    public async Task A_refused_mark_done_or_delete_is_told_at_the_item_itself()
    {
        var pageA = await app.NewPageAsync();
        await new LoginPage(pageA).SignInAsync("admin", BrowserApp.AdminPassword);
        var listA = new MeetingListPage(pageA);
        await listA.GotoAsync(EastWest);
        await listA.AddMeetingAsync("两个窗口的例会");
        var meetingA = listA.Meeting("两个窗口的例会");
        await listA.AddItemAsync(meetingA, "另一窗口先办结的事项", "医务处");
        await listA.AddItemAsync(meetingA, "另一窗口先删除的事项", "护理部");
        var doneA = MeetingListPage.Item(meetingA, "另一窗口先办结的事项");
        var deletedA = MeetingListPage.Item(meetingA, "另一窗口先删除的事项");
        await Assertions.Expect(deletedA).ToHaveCountAsync(1);

        // A second window changes both items; the first still shows them as they were.
        var pageB = await app.NewPageAsync();
        await new LoginPage(pageB).SignInAsync("admin", BrowserApp.AdminPassword);
        var listB = new MeetingListPage(pageB);
        await listB.GotoAsync(EastWest);
        var meetingB = listB.Meeting("两个窗口的例会");
        await MeetingListPage.Item(meetingB, "另一窗口先办结的事项").GetByTestId("action-done").ClickAsync();
        await Assertions.Expect(MeetingListPage.Item(meetingB, "另一窗口先办结的事项").GetByTestId("action-status")).ToHaveTextAsync("已办结");
        await MeetingListPage.Item(meetingB, "另一窗口先删除的事项").GetByTestId("action-delete").ClickAsync();
        await new ConfirmDialog(pageB).ConfirmAsync();
        await Assertions.Expect(MeetingListPage.Item(meetingB, "另一窗口先删除的事项")).ToHaveCountAsync(0);

        await doneA.GetByTestId("action-done").ClickAsync();
        await Assertions.Expect(doneA.GetByTestId("action-error")).ToContainTextAsync("已被他人修改");
        await Assertions.Expect(deletedA.GetByTestId("action-error")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(pageA, "meeting-item-error-desktop-zh");

        await deletedA.GetByTestId("action-delete").ClickAsync();
        await new ConfirmDialog(pageA).ConfirmAsync();
        await Assertions.Expect(deletedA.GetByTestId("action-error")).ToContainTextAsync("记录不存在");
        await Assertions.Expect(doneA.GetByTestId("action-error")).ToHaveCountAsync(0);

        await listA.ReloadAsync();
        await Assertions.Expect(MeetingListPage.Item(listA.Meeting("两个窗口的例会"), "另一窗口先办结的事项").GetByTestId("action-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(MeetingListPage.Item(listA.Meeting("两个窗口的例会"), "另一窗口先删除的事项")).ToHaveCountAsync(0);
        await Assertions.Expect(pageA.GetByTestId("action-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Meeting_list_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);
        await Assertions.Expect(list.Meetings.First).ToBeVisibleAsync();
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
    }

    [Fact]
    public async Task A_meeting_and_its_action_item_are_edited_and_the_changes_survive_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);
        await list.AddMeetingAsync("测试待改例会");
        await list.AddItemAsync(list.Meeting("测试待改例会"), "测试待改事项", "医务处");

        await list.OpenEditFormAsync(list.Meeting("测试待改例会"));
        await Assertions.Expect(list.Title).ToHaveValueAsync("测试待改例会");
        await list.Title.FillAsync("测试已改视频会");
        await list.ChooseAsync(list.Kind, new Regex("^视频会$"));
        await list.Form.GetByTestId("meeting-save").ClickAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();

        var meeting = list.Meeting("测试已改视频会");
        await list.OpenItemEditFormAsync(MeetingListPage.Item(meeting, "测试待改事项"));
        await list.ItemOwner.FillAsync("护理部");
        await list.ItemDueDate.FillAsync("2031-12-31");
        await list.ChooseAsync(list.ItemStatus, new Regex("^已取消$"));
        await BrowserApp.ScreenshotAsync(page, "meetings-item-editor-desktop");
        await list.ItemForm.GetByTestId("action-save").ClickAsync();
        await Assertions.Expect(list.ItemForm).ToBeHiddenAsync();

        await list.ReloadAsync();
        meeting = list.Meeting("测试已改视频会");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);
        await Assertions.Expect(meeting).ToContainTextAsync("视频会");
        await Assertions.Expect(list.Meeting("测试待改例会")).ToHaveCountAsync(0);
        var item = MeetingListPage.Item(meeting, "测试待改事项");
        await Assertions.Expect(item).ToContainTextAsync("责任方：护理部，期限 2031-12-31");
        await Assertions.Expect(item.GetByTestId("action-status")).ToHaveTextAsync("已取消");
        await item.ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(page, "meetings-edited-desktop");
    }

    [Fact]
    public async Task An_action_item_and_then_its_meeting_are_deleted_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);
        await list.AddMeetingAsync("测试待删例会");
        var meeting = list.Meeting("测试待删例会");
        await list.AddItemAsync(meeting, "测试保留事项", "医务处");
        await list.AddItemAsync(meeting, "测试误录事项", "医务处");
        var dialog = new ConfirmDialog(page);

        await MeetingListPage.Item(meeting, "测试误录事项").GetByTestId("action-delete").ClickAsync();
        await dialog.ConfirmAsync();
        await Assertions.Expect(MeetingListPage.Item(meeting, "测试误录事项")).ToHaveCountAsync(0);

        await list.ReloadAsync();
        meeting = list.Meeting("测试待删例会");
        await Assertions.Expect(MeetingListPage.Item(meeting, "测试误录事项")).ToHaveCountAsync(0);
        await Assertions.Expect(MeetingListPage.Item(meeting, "测试保留事项")).ToHaveCountAsync(1);

        await meeting.GetByTestId("meeting-delete").ClickAsync();
        await dialog.ConfirmAsync();
        await Assertions.Expect(list.Meeting("测试待删例会")).ToHaveCountAsync(0);
        await list.ReloadAsync();
        await Assertions.Expect(list.Meeting("测试待删例会")).ToHaveCountAsync(0);
        await Assertions.Expect(list.Meeting("2022-07-22")).ToHaveCountAsync(1);
    }
}
